"""Answers of pure callbacks, kept as the bytes Dash sent and sent again without running them.

The pages router rebuilds a page's component tree and serializes it on every request: the /cars
page is about 75 KB of JSON, 4–6 ms of one core each time, which under 32 clients on two cores
made its p95 miss 250 ms. A callback declared pure answers from the request body alone (its
inputs, its state and which input changed) and the package, which is read-only while the server
runs: the answer to the same body for the same package is the same bytes. So the first answer is
kept, keyed by the raw body, and later requests with that body are answered from memory.

- Only callbacks listed as pure are kept (by their first output, as the body names it).
- Bounded: at most `max_entries` answers and `max_bytes` in all, least recently used dropped first.
- A rebuilt package (a new Package object) empties the cache: nothing answered for the old one is
  served for the new one. A broken package (PackageError) is never cached.
- Flask's public request hooks only (before_request / after_request on `app.server`).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Iterable

import flask
from dash import Dash

from .data import PackageError

MAX_ENTRIES = 512
MAX_BYTES = 16 * 1024 * 1024  # a chart page's answer is about 75 KB, the explorer's 204 KB
_KEY = "dashboard_callback_key"  # flask.g attribute: this request's cache key, when cacheable
_HIT = "dashboard_callback_hit"


class CallbackCache:
    """A thread-safe LRU of answer bytes, bounded by entries and total bytes, for one package."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES):
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._data: OrderedDict[bytes, bytes] = OrderedDict()
        self._bytes = 0
        self._package: object | None = None
        self.generation = 0  # bumped when the package changes (keys of derived caches carry it)
        self.hits = self.misses = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._data)

    @property
    def nbytes(self) -> int:
        return self._bytes

    def use_package(self, pkg: object) -> int:
        """Start afresh if `pkg` is not the package the kept answers came from; the generation."""
        with self._lock:
            if pkg is not self._package:
                self._data.clear()
                self._bytes = 0
                self._package = pkg
                self.generation += 1
            return self.generation

    def get(self, key: bytes) -> bytes | None:
        with self._lock:
            data = self._data.get(key)
            if data is None:
                self.misses += 1
                return None
            self._data.move_to_end(key)
            self.hits += 1
            return data

    def put(self, key: bytes, data: bytes) -> None:
        if len(data) > self.max_bytes:
            return
        with self._lock:
            old = self._data.pop(key, None)
            if old is not None:
                self._bytes -= len(old)
            self._data[key] = data
            self._bytes += len(data)
            while len(self._data) > self.max_entries or self._bytes > self.max_bytes:
                _, dropped = self._data.popitem(last=False)
                self._bytes -= len(dropped)


def first_output(body: object) -> tuple[str, str] | None:
    """(component id, property) of a callback request's first output; None for a
    pattern-matching id or a body that is not a callback request."""
    if not isinstance(body, dict):
        return None
    outputs = body.get("outputs")
    first = outputs[0] if isinstance(outputs, list) and outputs else outputs
    if not isinstance(first, dict):
        return None
    ident, prop = first.get("id"), first.get("property")
    if not isinstance(ident, str) or not isinstance(prop, str):
        return None
    return ident, prop.split("@", 1)[0]  # "data@<hash>": an allow_duplicate output


def install(app: Dash, pure: Iterable[tuple[str, str]], package, *,
            cache: CallbackCache | None = None) -> CallbackCache:
    """Answer the callbacks whose first output is in `pure` from a cache on `app`'s server.

    `package()` returns the app's package (raising PackageError when it is missing or broken).
    Returns the cache (for tests and the benchmark's counters)."""
    pure = frozenset(pure)
    cache = cache if cache is not None else CallbackCache()
    endpoint = app.config.routes_pathname_prefix + "_dash-update-component"
    server = app.server

    @server.before_request
    def answer_from_cache():
        req = flask.request
        if req.method != "POST" or req.path != endpoint:
            return None
        raw = req.get_data(cache=True)  # Dash reads the same body afterwards
        try:
            body = json.loads(raw)
        except ValueError:
            return None
        if first_output(body) not in pure:
            return None
        try:
            generation = cache.use_package(package())
        except PackageError:
            return None
        key = generation.to_bytes(8, "big") + hashlib.sha256(raw).digest()
        setattr(flask.g, _KEY, key)
        data = cache.get(key)
        if data is None:
            return None
        setattr(flask.g, _HIT, True)
        return flask.Response(data, mimetype="application/json")

    @server.after_request
    def keep_answer(resp: flask.Response) -> flask.Response:
        key = flask.g.get(_KEY)
        if (key is not None and not flask.g.get(_HIT) and resp.status_code == 200
                and resp.mimetype == "application/json" and not resp.is_streamed
                and "Content-Encoding" not in resp.headers and not resp.headers.getlist("Set-Cookie")):
            cache.put(key, resp.get_data())
        return resp

    return cache


def request_key() -> str | None:
    """This request's cache key as text (for the compressed-answer cache), or None."""
    try:
        key = flask.g.get(_KEY)
    except RuntimeError:  # outside a request
        return None
    return key.hex() if key is not None else None
