"""Safe defaults for serving the dashboard on a network.

- Security headers on every response: a Content-Security-Policy that allows only this origin's
  scripts plus Dash's own inline scripts by their hashes (`app.csp_hashes()`), nosniff,
  frame-ancestors (configurable, 'none' by default), Referrer-Policy.
- A maximum request body (Flask answers 413 past it; waitress refuses it before the app).
- Unknown paths answer 404, with the app's own not-found page as the body (Dash serves its
  index for every path, and the pages router then renders `not_found_404`).
"""

from __future__ import annotations

import flask
from dash import Dash

MAX_BODY_BYTES = 1_048_576  # callbacks post a few KB; nothing the app takes is larger
FRAME_ANCESTORS = "'none'"
REFERRER_POLICY = "same-origin"  # full URL to this origin only (see app.request_lang)

# waitress.serve(...) options: body limit, idle and slow clients dropped, bounded connections
WAITRESS_OPTIONS = {
    "max_request_body_size": MAX_BODY_BYTES,
    "max_request_header_size": 65_536,
    "channel_timeout": 30,
    "cleanup_interval": 10,
    "connection_limit": 200,
}


def content_security_policy(app: Dash, frame_ancestors: str = FRAME_ANCESTORS) -> str:
    """The policy: scripts from this origin and Dash's hashed inline scripts only. Styles may
    be inline: React and plotly.js set style attributes and plotly.js injects its stylesheet."""
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *app.csp_hashes()],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": [frame_ancestors],
    }
    return "; ".join(f"{k} {' '.join(v)}" for k, v in directives.items())


def is_page(app: Dash, path: str) -> bool:
    """Whether a URL path is one of the registered pages (a path template's too), not the
    not-found page."""
    from .switch import page_of

    return not page_of(app, path).get("module", "not_found_404").endswith("not_found_404")


def install(app: Dash, *, frame_ancestors: str = FRAME_ANCESTORS) -> None:
    """Add the headers, the body limit and the 404 status to `app`'s Flask server."""
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    catch_all = app.config.routes_pathname_prefix + "<path:path>"
    policy: list[str] = []  # computed on the first response, once every callback is defined

    @server.after_request
    def secure(resp: flask.Response) -> flask.Response:
        if not policy:
            policy.append(content_security_policy(app, frame_ancestors))
        h = resp.headers
        h.setdefault("Content-Security-Policy", policy[0])
        h.setdefault("X-Content-Type-Options", "nosniff")
        h.setdefault("Referrer-Policy", REFERRER_POLICY)
        h.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if frame_ancestors == "'none'":
            h.setdefault("X-Frame-Options", "DENY")
        rule = flask.request.url_rule
        if rule is not None and rule.rule == catch_all and resp.status_code == 200 and not is_page(
                app, flask.request.path):
            resp.status_code = 404  # the body is the app; its router shows "not found"
        return resp
