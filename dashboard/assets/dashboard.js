// Deep links: the URL query string holds language, filters and the selected observation.
// Language, filters and selection are written with history.replaceState, which (unlike a dcc.Location
// update) does not make the pages router re-render the page.
(function () {
  // Dash's Graph loads plotly.js (unless window.Plotly is there already) from the URL in
  // window._dashPlotlyJSURL, which the renderer sets to Dash's full bundle. Point it at the
  // partial bundle the server announces (bar and scatter, all the charts use) and keep it
  // there, so the full bundle is never requested, on any page or navigation.
  var bundle = document.querySelector('meta[name="dashboard-plotly-js"]');
  if (bundle) {
    var plotlyURL = bundle.getAttribute("content");
    Object.defineProperty(window, "_dashPlotlyJSURL", {
      configurable: true, get: function () { return plotlyURL; }, set: function () {}
    });
  }
  // The first paint (prerender.py: the page as HTML in the index page) stays until the app
  // has rendered the page underneath and no callback is pending; then the app takes its
  // place, box for box. After 10 s the app is shown whatever its state.
  var firstPaintStart = Date.now();
  function swapFirstPaint() {
    var first = document.getElementById("first-paint");
    if (!first) { return; }
    var content = document.getElementById("_pages_content");
    var ready = content && content.firstElementChild &&
      !document.querySelector('[data-dash-is-loading="true"]');
    if (ready || Date.now() - firstPaintStart > 10000) {
      first.parentNode.removeChild(first);
      document.body.classList.remove("prerendered");
    } else {
      window.requestAnimationFrame(swapFirstPaint);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", swapFirstPaint);
  } else {
    swapFirstPaint();
  }
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
  // The renderer's path of the pages router's container: its path in the app layout, which
  // the renderer may keep under a prefix of its own (Dash 3+: "components").
  function containerPath(base) {
    var api = window.dash_component_api;
    var found = null;
    [["components"].concat(base), base].forEach(function (path) {
      var node = found === null && api && api.getLayout ? api.getLayout(path) : null;
      if (node && node.props && node.props.id === "_pages_content") { found = path; }
    });
    return found;
  }
  // lang and obs aside, the query as "k=v" pairs, sorted (switch.py, query_key)
  function queryKey() {
    var pairs = [];
    new URLSearchParams(window.location.search).forEach(function (v, k) {
      if (k !== "lang" && k !== "obs") { pairs.push(k + "=" + v); }
    });
    return pairs.sort().join("&");
  }
  function graphDiv(id) {
    var api = window.dash_component_api;
    var el = document.getElementById(typeof id === "object" ? api.stringifyId(id) : id);
    if (!el || !window.Plotly) { return null; }
    var gd = el.classList.contains("js-plotly-plot") ? el : el.querySelector(".js-plotly-plot");
    return gd && gd.data ? gd : null;
  }
  // Set each changed prop ([path under the router's container, prop, value, plotly]) by its
  // path, so that only those components re-render. Charts follow in the next task (the page's
  // texts are drawn first): each chart's drawn labels change with one Plotly.update (no
  // re-calculation, no new plot), then its figure prop is set too (that also brings the
  // hover texts), so that later patches of the figure start from the new language.
  function applyUpdates(base, updates) {
    var root = containerPath(base);
    if (root === null) { return false; }
    var api = window.dash_component_api;
    var setProps = window.dash_clientside.set_props;
    var charts = [];
    updates.forEach(function (u) {
      var path = root.concat(u[0]);
      var node = u[1] === "figure" && u[3] ? api.getLayout(path) : null;
      var gd = node && node.props ? graphDiv(node.props.id) : null;
      if (gd) { charts.push([gd, path, u]); return; }
      var props = {};
      props[u[1]] = u[2];
      setProps(path, props);
    });
    if (charts.length) {
      setTimeout(function () {
        charts.forEach(function (c) { window.Plotly.update(c[0], c[2][3][0], c[2][3][1]); });
        setTimeout(function () {
          charts.forEach(function (c) { setProps(c[1], { figure: c[2][2] }); });
        }, 0);
      }, 0);
    }
    return true;
  }
  var nu = function () { return window.dash_clientside.no_update; };
  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    dashboard: {
      // The language switch: the URL is rewritten in place (deep links keep ?lang=) and the
      // page is updated in place, from the updates the page ships in its LANG_NEXT store
      // (no round trip) or, when the URL's query has changed since (filters, calculator
      // value), from the server (applyLang). Nothing goes through the pages router.
      toggleLang: function (n) {
        if (!n) { return nu(); }
        var from = new URLSearchParams(window.location.search).get("lang") === "zh" ? "zh" : "en";
        var to = from === "zh" ? "en" : "zh";
        var data = null;
        try {  // pages without the store (not found, package error) throw here
          var next = window.dash_component_api.getLayout("lang-next");
          data = next && next.props ? next.props.data : null;
        } catch (e) { data = null; }
        var local = !!(data && data.lang === from && data.query === queryKey() && data[to] &&
                       applyUpdates(data.base, data[to]));
        if (local) {
          window.dash_clientside.set_props("lang-next", { data: Object.assign({}, data, { lang: to }) });
        }
        setParams({ lang: to });
        return { from: from, to: to, n: n, local: local, pathname: window.location.pathname,
                 search: window.location.search };
      },
      applyLang: function (change) {
        if (!change) { return nu(); }
        if (change.page) {
          window.dash_clientside.set_props("_pages_content", { children: change.page });
        } else if (!applyUpdates(change.base, change.updates)) {
          window.location.reload();  // the URL already holds the new language
        }
        return nu();
      },
      setDocumentLang: function (lang) {
        document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
        return lang === "zh" ? "en" : "zh-CN";  // the toggle's label is in the other language
      },
      setTabTitle: function (title) {
        if (typeof title === "string" && title) { document.title = title; }
        return nu();
      },
      syncObs: function (obs) { setParams({ obs: obs }); return nu(); },
      // The explorer filters in the grid (see explorer.py): the search box sets the quick
      // filter, each dropdown an "equals any of" filter on its hidden column "_f_<key>"
      // (the columns' order is the dropdowns' order); the URL's query keeps the view.
      filterExplorer: function () {
        var args = Array.prototype.slice.call(arguments);
        var q = typeof args[0] === "string" ? args[0] : "";
        var columns = args[args.length - 1] || [];
        var options = args[args.length - 2] || {};
        var fields = columns.map(function (c) { return c.field; })
          .filter(function (f) { return f && f.indexOf("_f_") === 0; });
        var model = {};
        var params = { q: q };
        fields.forEach(function (f, i) {
          var values = Array.isArray(args[i + 1]) ? args[i + 1] : [];
          params[f.slice(3)] = values;
          var conditions = values.map(function (v) {
            return { filterType: "text", type: "equals", filter: String(v) };
          });
          if (conditions.length === 1) { model[f] = conditions[0]; }
          else if (conditions.length > 1) {
            model[f] = { filterType: "text", operator: "OR", conditions: conditions };
          }
        });
        setParams(params);
        // the download links: the same view, from the server (downloads.py)
        var query = new URLSearchParams();
        if (q) { query.set("q", q); }
        fields.forEach(function (f) {
          var values = params[f.slice(3)];
          if (values.length) { query.set(f.slice(3), values.join(",")); }
        });
        query.set("lang", new URLSearchParams(window.location.search).get("lang") === "zh" ? "zh" : "en");
        ["csv", "parquet"].forEach(function (ext) {
          window.dash_clientside.set_props("explorer-" + ext,
            { href: "/download/observations." + ext + "?" + query.toString() });
        });
        // the grid re-reads all its options when they change: only when the search did
        var opts = options.quickFilterText === q ? nu()
          : Object.assign({}, options, { quickFilterText: q });
        return [opts, model];
      },
      toggleOption: function (_clicks, chosen) {
        var ctx = window.dash_clientside.callback_context;
        var trig = ctx.triggered && ctx.triggered[0];
        if (!trig || !trig.value) { return nu(); }  // a re-render, not a click
        var id = JSON.parse(trig.prop_id.slice(0, trig.prop_id.lastIndexOf(".")));
        var values = Array.isArray(chosen) ? chosen.slice() : [];
        var at = values.indexOf(id.value);
        if (at >= 0) { values.splice(at, 1); } else { values.push(id.value); }
        return values;
      },
      pressOptions: function (chosen, optionIds) {
        var values = Array.isArray(chosen) ? chosen : [];
        return (optionIds || []).map(function (id) {
          return values.indexOf(id.value) >= 0 ? "true" : "false";
        });
      },
      resetExplorer: function (n) {
        if (!n) { return nu(); }
        var outputs = window.dash_clientside.callback_context.outputs_list || [];
        return [""].concat(outputs.slice(1).map(function () { return []; }));
      },
      countExplorer: function (rows, text) {
        if (!text || !Array.isArray(rows)) { return nu(); }
        return text.rows.replace("{n}", String(rows.length)).replace("{total}", String(text.total));
      },
      syncCalc: function (value) { setParams({ value: value }); return nu(); }
    }
  });
})();
