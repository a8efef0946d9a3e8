"""The page list and page reader's data: the package's pages, paragraphs and mentions (no browser)."""

from __future__ import annotations

from dash import html

from dashboard.pages.page_reader import marked

SEED = "china-trade-news_2024-03-07_p02"


def _text(children) -> str:
    return "".join(c if isinstance(c, str) else c.children for c in children)


def test_pages_table_lists_the_seed_page(pkg) -> None:
    page = pkg.page(SEED)
    assert (page["publication_en"], page["date"], page["page"]) == ("China Trade News", "2024-03-07", 2)
    assert (page["figures_curated"], page["figures_proposed"]) == (28, 0)
    assert pkg.page("nope") is None


def test_reader_marks_every_mention_and_keeps_the_text(pkg) -> None:
    paragraphs = pkg.paragraphs(SEED)
    assert paragraphs[0]["role"] == "header" and paragraphs[-1]["role"] == "title"
    assert paragraphs[-1]["text"] == "加快推动我国通用人工智能发展"
    buttons = 0
    for p in paragraphs:
        children = marked(p["text"], p["mentions"], "en")
        assert _text(children) == p["text"]
        buttons += sum(isinstance(c, html.Button) for c in children)
    assert buttons == 28  # every reported figure opens the source panel
    total = sum(len(p["mentions"]) for p in paragraphs)
    assert total == len(pkg.tables["mentions"])


def test_filter_by_page_and_curation(pkg) -> None:
    assert len(pkg.filter(page=SEED)) == len(pkg.observations)
    assert len(pkg.filter(curation="proposed")) == 0
    assert len(pkg.filter(page="other_2024-01-01_p01")) == 0
