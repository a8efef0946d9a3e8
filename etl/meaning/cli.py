"""`python -m etl facts FILE|- [--date YYYY-MM-DD]`: the meaning proposals as JSON Lines.

Imports only the number reader and this package (no pandas, no pyarrow), so it starts fast.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys

USAGE_EXAMPLES = """examples:
  python -m etl facts datapackage/raw/china-trade-news_2024-03-07_p02.txt --date 2024-03-07
  python -m etl facts tests/data/pages_dev/nanyue-consumer-times_2024-05-28_p05.txt --date 2024-05-28 --page
  echo '海关总署数据显示，2023年，中国汽车出口522.1万辆，同比增长57.4%。' | python -m etl facts - --date 2024-03-07
"""


def cli_facts(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m etl facts",
        description="Print every statistic or count of FILE (or - for stdin) as one JSON object per line: "
                    "the fields of `mentions` plus measure, measure_type, period, attributed_to and entity "
                    "(as printed), proposed from the words around each figure.",
        epilog=USAGE_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", metavar="FILE", help="text file (UTF-8, UTF-8 with BOM or GB18030), or - for stdin")
    parser.add_argument("--date", metavar="YYYY-MM-DD",
                        help="publication date: resolves 今年, 去年, 目前 …; without it, yearless forms (--03-05)")
    parser.add_argument("--country", default="中国", help="what 全国/我国/国内 mean (default: 中国)")
    parser.add_argument("--durations", action="store_true", help="also propose for durations (15年, 4个月)")
    parser.add_argument("--page", action="store_true",
                        help="read FILE as a newspaper page, as `add-page` and `build` do: its header, articles, "
                             "titles, sidebars' speakers and quoted passages from the layout")
    args = parser.parse_args(argv)
    if args.date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", args.date):
        parser.error(f"--date {args.date!r}: expected YYYY-MM-DD, e.g. --date 2024-03-07")

    from etl.meaning import propose
    from etl.numbers import find_numbers
    from etl.rawtext import RawTextError, decode, read_text

    try:
        text = decode(sys.stdin.buffer.read(), "<stdin>") if args.file == "-" else read_text(args.file)
    except RawTextError as err:
        sys.stderr.write(f"{err}\n")
        return 2
    kinds = ("statistic", "count", "duration") if args.durations else ("statistic", "count")
    if args.page:
        from etl.layout import find_layout, quoted_speakers
        from etl.meaning.page import article_spans, as_read, title_spans

        layout = find_layout(text)
        speakers = [s for a in layout.articles for s in a.speakers]
        speakers += [s for a in layout.articles for s in quoted_speakers(text, a.start, a.end)]
        proposals = propose(as_read(text, layout.header_end, layout.articles), find_numbers(text),
                            page_date=args.date, country=args.country, kinds=kinds,
                            speakers=[(s.start, s.end, s.name) for s in speakers],
                            articles=article_spans(layout.articles), titles=title_spans(layout.articles))
    else:
        proposals = propose(text, find_numbers(text), page_date=args.date, country=args.country, kinds=kinds)
    out = []
    for p in proposals:
        row = dataclasses.asdict(p.mention)
        row.update(measure=p.measure, measure_type=p.measure_type, period=p.period,
                   attributed_to=p.attributed_to, entity=p.entity)
        out.append(json.dumps(row, ensure_ascii=False))
    sys.stdout.write("".join(line + "\n" for line in out))
    return 0
