"""One module per page: PATH, NAME, TITLE, ORDER, layout(lang, **query), register_callbacks(app)."""

from . import about, ai, bonded_repair, cars, explorer, not_found_404, overview, solar

PAGES = (overview, cars, solar, bonded_repair, ai, explorer, about, not_found_404)
