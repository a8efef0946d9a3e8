"""One module per page: PATH, NAME, TITLE, ORDER, layout(lang, **query), register_callbacks(app)."""

from . import about, ai, bonded_repair, cars, explorer, not_found_404, overview, page_list, page_reader, solar

PAGES = (overview, cars, solar, bonded_repair, ai, explorer, page_list, page_reader, about, not_found_404)
