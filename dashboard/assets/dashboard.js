// Deep links: the URL query string holds language, filters and the selected observation.
// Filters and selection are written with history.replaceState, which (unlike a dcc.Location
// update) does not make the pages router re-render the page.
(function () {
  function setParams(values) {
    var params = new URLSearchParams(window.location.search);
    Object.keys(values).forEach(function (key) {
      var v = values[key];
      if (Array.isArray(v)) { v = v.join(","); }
      if (v === null || v === undefined || v === "") { params.delete(key); }
      else { params.set(key, String(v)); }
    });
    var qs = params.toString();
    var url = window.location.pathname + (qs ? "?" + qs : "") + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(window.history.state, "", url);
    }
  }
  var nu = function () { return window.dash_clientside.no_update; };
  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    dashboard: {
      toggleLang: function (n) {
        if (!n) { return nu(); }
        var params = new URLSearchParams(window.location.search);
        params.set("lang", params.get("lang") === "zh" ? "en" : "zh");
        return "?" + params.toString();
      },
      setDocumentLang: function (lang) {
        document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
        return lang === "zh" ? "en" : "zh-CN";  // the toggle's label is in the other language
      },
      syncObs: function (obs) { setParams({ obs: obs }); return nu(); },
      syncExplorer: function (q, topic, entity, indicator, qualifier, derivation) {
        setParams({ q: q, topic: topic, entity: entity, indicator: indicator,
                    qualifier: qualifier, derivation: derivation });
        return nu();
      },
      syncCalc: function (value) { setParams({ value: value }); return nu(); }
    }
  });
})();
