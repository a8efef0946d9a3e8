"""Serve the dashboard: python -m dashboard [--package PATH] [--host 127.0.0.1] [--port 8050]."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXAMPLES = """examples:
  python -m dashboard                                   # ./datapackage.json on http://127.0.0.1:8050
  python -m dashboard --package /data/ctn --port 9000   # another package folder, another port
  python -m dashboard --debug                           # Dash dev tools and reloader (never in production)

The package is built with `python -m etl build`; without it every page explains what is missing.
"""


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python -m dashboard", description="Serve the data package's dashboard.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--package", default=str(Path.cwd()),
                   help="datapackage.json or the folder holding it (default: current folder)")
    p.add_argument("--host", default="127.0.0.1", help="interface to bind (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8050, help="port (default: 8050)")
    p.add_argument("--debug", action="store_true", help="Dash debug mode (off unless asked)")
    p.add_argument("--no-compress", action="store_true",
                   help="serve responses uncompressed (used by the benchmark's comparison)")
    p.add_argument("--threads", type=int, default=8, help="waitress worker threads (default: 8)")
    p.add_argument("--frame-ancestors", default="'none'", metavar="SOURCES",
                   help="CSP frame-ancestors: who may show the dashboard in a frame "
                        "(default: 'none'; e.g. \"'self' https://example.org\")")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from .app import create_app, warm
    from .data import PackageError, load_package

    app = create_app(args.package, compress=not args.no_compress, frame_ancestors=args.frame_ancestors)
    try:
        load_package(args.package)
    except PackageError as exc:  # still serve: every page explains the problem
        print(f"warning: {exc}", file=sys.stderr)
    else:
        warm(app)  # pre-build the pages' layouts (figures) in both languages
    url = f"http://{args.host}:{args.port}/"
    if args.debug:
        app.run(host=args.host, port=args.port, debug=True)
        return 0
    try:
        from waitress import serve
    except ImportError:
        print(f"Serving on {url} (Flask server; install waitress for production)", file=sys.stderr)
        app.run(host=args.host, port=args.port, debug=False)
        return 0
    print(f"Serving on {url}", file=sys.stderr)
    from .security import WAITRESS_OPTIONS

    serve(app.server, host=args.host, port=args.port, threads=args.threads, ident="dashboard",
          **WAITRESS_OPTIONS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
