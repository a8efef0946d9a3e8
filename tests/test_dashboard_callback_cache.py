"""The pure callbacks' answer cache: keyed by the request body and the package, bounded, same bytes."""

import gzip
import json

import pytest

from dashboard import ids
from dashboard.app import create_app
from dashboard.callback_cache import CallbackCache, first_output
from dashboard.i18n import t

ROUTER_OUTPUTS = [{"id": ids.PAGE_CONTENT, "property": "children"}, {"id": "_pages_store", "property": "data"}]
@pytest.fixture
def app(package_path):
    return create_app(package_path, compress=False)


def cache_of(app) -> CallbackCache:
    return app.server.extensions["dashboard_callback_cache"]


def router_body(path: str, search: str) -> bytes:
    return json.dumps({
        "output": f"..{ids.PAGE_CONTENT}.children..._pages_store.data..", "outputs": ROUTER_OUTPUTS,
        "inputs": [{"id": ids.URL, "property": "pathname", "value": path},
                   {"id": ids.URL, "property": "search", "value": search}],
        "changedPropIds": [f"{ids.URL}.search"]}).encode()


def shell_body(client, search: str) -> bytes:
    deps = client.get("/_dash-dependencies").get_json()
    output = next(d["output"] for d in deps if d["output"].startswith(f"..{ids.NAV}.children"))
    return json.dumps({
        "output": output,
        "outputs": [{"id": o.rsplit(".", 1)[0], "property": o.rsplit(".", 1)[1]}
                    for o in output.strip(".").split("...")],
        "inputs": [{"id": ids.URL, "property": "search", "value": search},
                   {"id": ids.URL, "property": "pathname", "value": "/cars"}],
        "changedPropIds": [f"{ids.URL}.search"]}).encode()


def post(client, body: bytes, **headers):
    resp = client.post("/_dash-update-component", data=body, headers={"Content-Type": "application/json", **headers})
    assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
    return resp


def heading(answer: bytes) -> str:
    """The page's <h1> text (the page also carries the other language, for the switch)."""
    page = json.loads(answer)["response"][ids.PAGE_CONTENT]["children"]
    return page["props"]["children"][0]["props"]["children"]


def test_repeated_requests_get_the_same_bytes_from_the_cache(app):
    client, cache = app.server.test_client(), cache_of(app)
    body = router_body("/cars", "?lang=zh")
    first = post(client, body)
    hits = cache.hits
    again = post(client, body)
    assert cache.hits == hits + 1  # answered from memory, not by the router
    assert again.get_data() == first.get_data()
    assert again.headers["Content-Type"] == first.headers["Content-Type"] == "application/json"
    assert again.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]
    assert heading(again.get_data()) == t("cars.title", "zh")


def test_languages_and_deep_links_are_kept_apart(app):
    client = app.server.test_client()
    bodies = {
        "en": router_body("/cars", "?lang=en"), "zh": router_body("/cars", "?lang=zh"),
        "solar": router_body("/explorer", "?topic=solar&lang=en"),
        "cars": router_body("/explorer", "?topic=cars&lang=en"),
        "calc-1": router_body("/bonded-repair", "?value=1000&lang=en"),
        "calc-2": router_body("/bonded-repair", "?value=2000&lang=en"),
    }
    for _ in range(2):  # the second round comes from the cache
        answers = {k: post(client, b).get_data() for k, b in bodies.items()}
        assert len(set(answers.values())) == len(answers)
        assert heading(answers["en"]) == t("cars.title", "en") and heading(answers["zh"]) == t("cars.title", "zh")
        solar, cars = (json.loads(answers[k])["response"][ids.PAGE_CONTENT]["children"] for k in ("solar", "cars"))
        assert solar != cars
        assert "2,000" in answers["calc-2"].decode() and "2,000" not in answers["calc-1"].decode()


def test_compressed_answers_decompress_to_the_cached_bytes(package_path):
    app = create_app(package_path, compress=True)
    client = app.server.test_client()
    body = router_body("/solar", "?lang=en")
    plain = post(client, body).get_data()
    for _ in range(2):
        resp = post(client, body, **{"Accept-Encoding": "gzip"})
        assert resp.headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(resp.get_data()) == plain


def test_the_cache_stays_bounded_under_many_distinct_requests(app):
    client, cache = app.server.test_client(), cache_of(app)
    cache.max_entries, cache.max_bytes = 20, 60_000
    sizes = []
    for n in range(60):  # 60 distinct deep links: each a new body
        sizes.append(len(post(client, shell_body(client, f"?lang=zh&obs=x{n}")).get_data()))
        assert len(cache) <= 20 and cache.nbytes <= 60_000
    assert len(cache) == min(20, 60_000 // max(sizes)) and cache.nbytes == sum(sizes[-len(cache):])
    hits = cache.hits
    post(client, shell_body(client, "?lang=zh&obs=x59"))  # the most recent is kept
    post(client, shell_body(client, "?lang=zh&obs=x0"))  # the oldest was dropped
    assert cache.hits == hits + 1


def test_lru_bounds_and_a_new_package_starts_afresh():
    cache = CallbackCache(max_entries=3, max_bytes=10)
    first = cache.use_package(pkg_a := object())
    for key, data in ((b"a", b"1234"), (b"b", b"12"), (b"c", b"123")):
        cache.put(key, data)
    assert cache.get(b"a") == b"1234"  # a is now the most recently used
    cache.put(b"d", b"12345")  # 4 entries and 14 bytes: b, then c go
    assert (cache.get(b"b"), cache.get(b"c")) == (None, None)
    assert (cache.get(b"a"), cache.get(b"d"), len(cache), cache.nbytes) == (b"1234", b"12345", 2, 9)
    cache.put(b"big", b"x" * 11)  # larger than the whole cache: not kept
    assert cache.get(b"big") is None and len(cache) == 2
    assert cache.use_package(pkg_a) == first and len(cache) == 2
    assert cache.use_package(object()) == first + 1 and len(cache) == 0 and cache.nbytes == 0


@pytest.mark.parametrize("body, expected", [
    ({"outputs": ROUTER_OUTPUTS}, (ids.PAGE_CONTENT, "children")),
    ({"outputs": {"id": ids.LANG_UPDATES, "property": "data"}}, (ids.LANG_UPDATES, "data")),
    ({"outputs": [{"id": ids.SELECTED, "property": "data@3f2a"}]}, (ids.SELECTED, "data")),
    ({"outputs": [{"id": {"type": "x"}, "property": "data"}]}, None),
    ({"outputs": []}, None), ({"outputs": "x"}, None), ([1, 2], None), (None, None),
])
def test_first_output(body, expected):
    assert first_output(body) == expected


def test_a_body_that_is_not_json_is_left_to_dash(app):
    resp = app.server.test_client().post("/_dash-update-component", data=b"{not json",
                                         headers={"Content-Type": "application/json"})
    assert resp.status_code == 400 and len(cache_of(app)) == 0


def test_compressed_answers_are_bounded_and_static_files_kept(monkeypatch):
    import dashboard.app as dashboard_app

    monkeypatch.setattr(dashboard_app, "COMPRESSED_ANSWERS", 5)
    monkeypatch.setattr(dashboard_app, "COMPRESSED_BYTES", 100)
    store = dashboard_app._StaticCompressCache()
    store.set("gzip;/assets/style.css?m=1", b"s" * 500)
    for n in range(50):
        store.set(f"gzip;callback:{n:04x}", b"x" * 30)
    assert [store.get(f"gzip;callback:{n:04x}") for n in (46, 47, 48, 49)] == [None, b"x" * 30, b"x" * 30, b"x" * 30]
    assert store.get("gzip;/assets/style.css?m=1") == b"s" * 500
    store.set("gzip;-", b"y")
    assert store.get("gzip;-") is None
