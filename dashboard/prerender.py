"""The first paint without JavaScript: the shell and the page as static HTML in the index page.

Dash's index page is a "Loading..." placeholder until its scripts have run, fetched the layout
and rendered the page: on a phone that is seconds of an empty screen. The index page carries
instead the page itself as HTML (`first_paint`), built from the same component tree the app
renders, in the page's language; the app renders underneath, hidden, and dashboard.js swaps
it in when it has caught up (same boxes in the same places: nothing moves). Charts and the
grid are boxes of their final size until their scripts draw them. Without JavaScript the page
stays readable.
"""

from __future__ import annotations

import json
import re
import threading
from collections import OrderedDict
from html import escape

from dash.development.base_component import Component

PAGE_CONTENT = "_pages_content"
VOID = {"area", "br", "col", "hr", "img", "input", "source", "track", "wbr"}
TAGS = {"MapEl": "map", "ObjectEl": "object"}
ATTRIBUTES = {  # Dash prop -> HTML attribute (others are dropped)
    "className": "class", "style": "style", "href": "href", "title": "title", "role": "role",
    "lang": "lang", "hidden": "hidden", "open": "open", "scope": "scope", "colSpan": "colspan",
    "rowSpan": "rowspan", "dateTime": "datetime", "htmlFor": "for", "type": "type", "value": "value",
    "placeholder": "placeholder", "maxLength": "maxlength", "inputMode": "inputmode",
    "tabIndex": "tabindex", "download": "download", "target": "target", "rel": "rel",
}
NOTHING = {"Store", "Location", "Download", "Interval", "Clipboard", "ConfirmDialog"}  # dcc, invisible


def _kebab(name: str) -> str:
    return re.sub(r"[A-Z]", lambda m: "-" + m.group(0).lower(), name)


def _attrs(props: dict) -> str:
    out = []
    for key, value in props.items():
        if value is None or value is False or key in ("id", "children"):
            continue
        name = ATTRIBUTES.get(key) or (key if key.startswith(("aria-", "data-")) else None)
        if name is None:
            continue
        if name == "style" and isinstance(value, dict):
            value = ";".join(f"{_kebab(k)}:{v}" for k, v in value.items())
        if value is True:
            out.append(f" {name}")
        else:
            out.append(f' {name}="{escape(str(value))}"')
    return "".join(out)


def to_html(node, page=None) -> str:
    """HTML of a Dash component tree (html.*, and the dcc/AG Grid parts as their boxes); the
    pages router's container holds `page` instead of its children. Ids are left out: the app
    rendering underneath has them."""
    if node is None or isinstance(node, bool):
        return ""
    if isinstance(node, str | int | float):
        return escape(str(node))
    if isinstance(node, list | tuple):
        return "".join(to_html(n, page) for n in node)
    if not isinstance(node, Component):
        return ""
    props = node.to_plotly_json()["props"]
    children = page if props.get("id") == PAGE_CONTENT and page is not None else props.get("children")
    kind, namespace = node._type, node._namespace
    if namespace == "dash_html_components":
        tag = TAGS.get(kind, kind.lower())
        if tag in VOID:
            return f"<{tag}{_attrs(props)}>"
        return f"<{tag}{_attrs(props)}>{to_html(children, page)}</{tag}>"
    if namespace == "dash_core_components":
        if kind in NOTHING:
            return ""
        if kind == "Link":
            return f"<a{_attrs(props)}>{to_html(children, page)}</a>"
        if kind == "Input":
            return f"<input{_attrs(props)}>"
        if kind == "Graph":
            cls = f"dash-graph {props.get('className') or ''}".strip()
            return f"<div{_attrs({'className': cls, 'style': props.get('style')})}></div>"
    if kind == "AgGrid":
        return f"<div{_attrs({'className': props.get('className'), 'style': props.get('style')})}></div>"
    return ""


_CACHE: OrderedDict[tuple, str] = OrderedDict()
_LOCK = threading.Lock()
CACHED = 256


def first_paint(key: tuple, build) -> str:
    """The first-paint HTML for `key` (page, query, language, package), built by `build()`
    once and kept (layouts are pure functions of the key)."""
    key = json.dumps(key, sort_keys=True, default=str)
    with _LOCK:
        hit = _CACHE.get(key)
        if hit is not None:
            _CACHE.move_to_end(key)
            return hit
    out = build()
    with _LOCK:
        _CACHE[key] = out
        while len(_CACHE) > CACHED:
            _CACHE.popitem(last=False)
    return out
