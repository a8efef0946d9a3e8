"""Component ids, in one place: layouts, callbacks, tests and the bench import them from here."""

# The pages router's own dcc.Location (inside dash.page_container): updating its `search`
# re-renders the page through the router. The language switch does not: it rewrites the URL
# with history.replaceState and patches the page in place, so after a switch this `search`
# can hold the previous language (LANG_SINK holds the current one).
URL = "_pages_location"
PAGE_CONTENT = "_pages_content"  # the router's container of the current page
LANG_TOGGLE = "lang-toggle"
NAV = "nav"
HEADER_TITLE = "header-title"
HEADER_SUBTITLE = "header-subtitle"
FOOTER = "footer"
SELECTED = "selected-obs"  # dcc.Store: observation_id (or "event:<id>") shown in the panel
PANEL = "provenance-panel"
PANEL_BODY = "provenance-body"
PANEL_CLOSE = "provenance-close"
URL_SINK = "url-sink"  # dummy output of the clientside URL-sync callbacks
LANG_SINK = "lang-sink"  # dcc.Store: the language the page is shown in
LANG_SWITCH = "lang-switch"  # dcc.Store: {from, to, pathname, search} of the last switch
LANG_NEXT = "lang-next"  # dcc.Store in each page: its prefetched switch to the other language
TAB_TITLE = "tab-title"  # dcc.Store: the browser tab's title in the page's language
LANG_UPDATES = "lang-updates"  # dcc.Store: the prop updates that switch the page in place
PAGE = "page"  # wrapper div of each page; data-lang carries the page language
PROV_CHECKS = "prov-checks"  # the source panel's list of the figure's checks
OVERVIEW_CHECKS = "overview-checks"  # the overview's count of figures that agree / disagree / are unchecked

# pattern-matching ids: every clickable mark opens the provenance panel
OBS_GRAPH = "obs-graph"  # {"type": OBS_GRAPH, "name": ...}: dcc.Graph whose customdata = ids
OBS_CARD = "obs-card"  # {"type": OBS_CARD, "obs": observation_id}: html.Button
OBS_LINK = "obs-link"  # {"type": OBS_LINK, "obs": observation_id}: link inside the panel


def graph(name: str) -> dict:
    return {"type": OBS_GRAPH, "name": name}


def card(observation_id: str) -> dict:
    return {"type": OBS_CARD, "obs": observation_id}


# pages: main element whose presence means "rendered"
OVERVIEW_CARDS = "overview-cards"
CARS_VOLUME = "cars-volume"
CARS_GROWTH = "cars-growth"
CARS_CHERY = "cars-chery"
SOLAR_WARRANTY = "solar-warranty"
BONDED_TIME = "bonded-time"
CALC_INPUT = "calc-value"
CALC_TABLE = "calc-table"
CALC_GRAPH = "calc-graph"
CALC_SINK = "calc-sink"
AI_TIMELINE = "ai-timeline"
EXPLORER_GRID = "explorer-grid"
EXPLORER_SEARCH = "explorer-search"
EXPLORER_COUNT = "explorer-count"
EXPLORER_RESET = "explorer-reset"
EXPLORER_CSV = "explorer-csv"
EXPLORER_PARQUET = "explorer-parquet"
PACKAGE_ZIP = "package-zip"
ABOUT_APA = "about-apa"
ABOUT_BIBTEX = "about-bibtex"
ERROR_PAGE = "package-error"
# The explorer's filters' ids come with their definitions (pages/explorer.py, FILTERS).

# page list and page reader
PAGE_LIST = "page-list"
PAGE_READER = "page-reader"
