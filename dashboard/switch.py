"""The language switch as an in-place update of the rendered page, not a re-render.

Going through the pages router (a new `search` on its dcc.Location) replaces the page's
children wholesale, and the renderer then remounts every component under them: every DOM
node is rebuilt and every chart plotted anew. Instead the page is built in both languages
(both come from the layout cache), the two component trees are compared as JSON and the
props that differ are listed with their component's path: texts, labels, the grid's rows
and columns, chart figures. The browser sets just those props (dash_clientside.set_props by
path), so React updates just those nodes; a chart's drawn labels change with one
Plotly.update (the `plotly` part of its entry), and its figure prop follows.

Each page ships the updates to the other language and back in its LANG_NEXT store
(`prefetched`), so a switch needs no round trip; once the URL's query has changed (explorer
filters, calculator value) the browser asks the server instead (`language_switch`).
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from urllib.parse import parse_qs

import dash
from dash import html
from plotly.utils import PlotlyJSONEncoder

PAGE_CONTENT = "_pages_content"  # the pages router's container (ids.PAGE_CONTENT)
DELETE = object()  # diff(): the key is gone
DIFF_CACHE_SIZE = 128
_DIFFS: OrderedDict[tuple, list] = OrderedDict()
_DIFFS_LOCK = threading.Lock()


def parse_query(search: str | None) -> dict:
    """The query as the pages router passes it to a layout: one value, or a list if repeated."""
    if not isinstance(search, str) or not search.startswith("?"):
        return {}
    parsed = parse_qs(search[1:], keep_blank_values=True)
    return {k: v[0] if len(v) == 1 else v for k, v in parsed.items()}


def _variables(template: str, path: str) -> dict | None:
    """{"page_id": "x"} when `path` ("page/x") fits `template` ("/page/<page_id>"), else None."""
    want, have = template.strip("/").split("/"), path.split("/")
    if len(want) != len(have):
        return None
    found = {}
    for w, h in zip(want, have, strict=True):
        if w.startswith("<") and w.endswith(">") and h:
            found[w[1:-1]] = h
        elif w != h:
            return None
    return found


def page_match(app: dash.Dash, pathname: str | None) -> tuple[dict, dict]:
    """(registered page, path variables) for a URL path, as the pages router picks them
    (dash.page_registry, public): a path template first, then the fixed path; else the
    not-found page."""
    path = (app.strip_relative_path(pathname or "/") or "").strip("/")
    pages = list(dash.page_registry.values())
    for p in pages:
        found = _variables(p["path_template"], path) if p.get("path_template") else None
        if found:
            return p, found
        if p["path"].strip("/") == path:
            return p, {}
    return next((p for p in pages if p["module"].split(".")[-1] == "not_found_404"), {}), {}


def page_of(app: dash.Dash, pathname: str | None) -> dict:
    return page_match(app, pathname)[0]


def page_layout(app: dash.Dash, pathname: str | None, search: str | None, lang: str):
    """The page the pages router renders for (pathname, search) with `lang` in its query."""
    page, variables = page_match(app, pathname)
    query = {**parse_query(search), **variables, "lang": lang}
    layout = page.get("layout", html.H1("404 - Page not found"))
    layout = getattr(layout, "inner", layout)  # guarded pages: without their LANG_NEXT store
    return layout(**query) if callable(layout) else layout


def as_json(component) -> object:
    return json.loads(json.dumps(component, cls=PlotlyJSONEncoder))


def diff(old, new, path: tuple = ()) -> list[tuple[tuple, object]]:
    """The edits that turn `old` into `new` (JSON values): (path, new value), or
    (path, DELETE) for a removed key. Lists of a different length are replaced whole."""
    if isinstance(old, dict) and isinstance(new, dict):
        edits = []
        for key, value in new.items():
            if key in old:
                edits += diff(old[key], value, (*path, key))
            else:
                edits.append(((*path, key), value))
        edits += [((*path, key), DELETE) for key in old if key not in new]
        return edits
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        edits = []
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            edits += diff(a, b, (*path, i))
        return edits
    if old == new and type(old) is type(new):
        return []
    return [(path, new)]


def _is_component(node) -> bool:
    return isinstance(node, dict) and "props" in node and "type" in node and "namespace" in node


def _prop_updates(old, new, edits) -> list[list] | None:
    """Group edits by the component prop they fall in: [[component path, prop, new value]].
    None when an edit is not inside any component's prop (the page itself changed)."""
    updates: dict[tuple, object] = {}
    for path, _value in edits:
        a, b, owner = old, new, None
        for k, key in enumerate(path[:-1]):
            if key == "props" and _is_component(a) and _is_component(b):
                owner = k
            try:
                a, b = a[key], b[key]
            except (KeyError, IndexError, TypeError):
                break
        if owner is None:
            return None
        prop_path = path[: owner + 2]
        value = new
        for key in prop_path:  # a prop the new page does not set is cleared (None)
            value = value.get(key) if isinstance(value, dict) else value[key]
        updates[prop_path] = value
    # an outer prop's update carries the inner ones
    keys = sorted(updates, key=len)
    kept = [k for k in keys if not any(k[: len(o)] == o for o in keys if len(o) < len(k))]
    out = []
    for k in kept:
        update = [list(k[:-2]), k[-1], updates[k]]
        if k[-1] == "figure":
            old_fig = old
            for key in k:
                old_fig = old_fig.get(key) if isinstance(old_fig, dict) else old_fig[key]
            update.append(plotly_update(old_fig, updates[k]))
        out.append(update)
    return out


def _flat(node: dict, prefix: str = "") -> dict:
    """{"title.text": ..., "yaxis.ticktext": [...]}: Plotly's attribute strings."""
    out = {}
    for key, value in node.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            out.update(_flat(value, name + "."))
        else:
            out[name] = value
    return out


NOT_DRAWN = ("hovertemplate", "hovertext")  # restyling them costs ~10 ms a chart


def plotly_update(old: dict | None, new: dict | None) -> list | None:
    """[data update, layout update] for Plotly.update(): the drawn figure attributes that
    differ, or None when the figures differ in structure (then the figure is replaced whole).
    Hover texts and layout.meta are left out: nothing shows them until the figure prop, set
    right after (dashboard.js, applyUpdates), brings them."""
    if not isinstance(old, dict) or not isinstance(new, dict):
        return None
    old_data, new_data = old.get("data") or [], new.get("data") or []
    if len(old_data) != len(new_data) or any(
            a.get("type") != b.get("type") for a, b in zip(old_data, new_data, strict=True)):
        return None
    old_flat = [_flat(tr) for tr in old_data]
    new_flat = [_flat(tr) for tr in new_data]
    data = {}
    for a, b in zip(old_flat, new_flat, strict=True):
        for attr in set(a) | set(b):
            if a.get(attr) != b.get(attr) and attr not in NOT_DRAWN:
                data[attr] = [tr.get(attr) for tr in new_flat]
    old_layout, new_layout = _flat(old.get("layout") or {}), _flat(new.get("layout") or {})
    layout = {k: new_layout.get(k) for k in set(old_layout) | set(new_layout)
              if old_layout.get(k) != new_layout.get(k) and not k.startswith("meta")}
    return [data, layout]


def page_updates(app: dash.Dash, pathname, search, old_lang: str, new_lang: str) -> list | None:
    """[[component path relative to the page, prop, value]] that turn the page in `old_lang`
    into the page in `new_lang`, or None if it must be replaced whole. Cached per pair of
    layouts (both come from the layout cache, so their identities name them)."""
    old = page_layout(app, pathname, search, old_lang)
    new = page_layout(app, pathname, search, new_lang)
    key = (id(old), id(new))
    with _DIFFS_LOCK:
        hit = _DIFFS.get(key)
        if hit is not None and hit[0] is old and hit[1] is new:
            _DIFFS.move_to_end(key)
            return hit[2]
    old_json, new_json = as_json(old), as_json(new)
    updates = _prop_updates(old_json, new_json, diff(old_json, new_json))
    with _DIFFS_LOCK:
        _DIFFS[key] = (old, new, updates)
        while len(_DIFFS) > DIFF_CACHE_SIZE:
            _DIFFS.popitem(last=False)
    return updates


def find_path(node, component_id: str, path: tuple = ()) -> list | None:
    """The renderer's path (["props", "children", 0, ...]) of the component `component_id`."""
    if isinstance(node, dict):
        if _is_component(node) and node["props"].get("id") == component_id:
            return list(path)
        items = node.items()
    elif isinstance(node, list):
        items = enumerate(node)
    else:
        return None
    for key, child in items:
        found = find_path(child, component_id, (*path, key))
        if found is not None:
            return found
    return None


def container_path(app: dash.Dash) -> list | None:
    shell = app.layout() if callable(app.layout) else app.layout
    return find_path(as_json(shell), PAGE_CONTENT)


def query_key(query: dict) -> str:
    """The page's query minus lang and obs, as dashboard.js's queryKey() writes it: the
    prefetched switch applies only while the URL still holds that query."""
    pairs = []
    for key, value in query.items():
        if key in ("lang", "obs"):
            continue
        for v in value if isinstance(value, list) else [value]:
            pairs.append(f"{key}={v}")
    return "&".join(sorted(pairs))


def prefetched(app: dash.Dash, inner, lang: str, query: dict) -> dict | None:
    """Data of the page's LANG_NEXT store: the updates to the other language and back, so
    the switch needs no round trip (dashboard.js, toggleLang). `inner(lang, **query)`
    builds the page without this store."""
    other = "zh" if lang == "en" else "en"
    base = container_path(app)
    here, there = inner(lang, **query), inner(other, **query)
    if base is None:
        return None
    here_json, there_json = as_json(here), as_json(there)
    forward = _prop_updates(here_json, there_json, diff(here_json, there_json))
    back = _prop_updates(there_json, here_json, diff(there_json, here_json))
    if forward is None or back is None:
        return None

    def rooted(updates):
        return [[["props", "children", *u[0]], *u[1:]] for u in updates]

    return {"lang": lang, "query": query_key(query), "base": base,
            other: rooted(forward), lang: rooted(back)}


def language_switch(app: dash.Dash, pathname, search, old_lang: str, new_lang: str) -> dict:
    """What the browser applies (dashboard.js, applyLang): {"base": path of the router's
    container in the app layout, "updates": [[path under it, prop, value]]}, or {"page": the
    new page} when the two pages differ in structure (the container then gets it whole)."""
    updates = page_updates(app, pathname, search, old_lang, new_lang)
    base = container_path(app)
    if updates is None or base is None:
        return {"page": as_json(page_layout(app, pathname, search, new_lang))}
    return {"base": base, "updates": [[["props", "children", *u[0]], *u[1:]] for u in updates]}
