"""Find a page's header, articles, titles, sidebars and bylines from its layout alone.

No article is named in advance: a header is a run of short metadata lines (date,
url, credits); a title is a short block without sentence punctuation, printed
above a body or collected at the end of the page (where PDF extraction puts the
main headline); a news item also starts at a dateline (3月5日，…) or after a
byline; a sidebar is a run of short quotes, each introduced by its speaker
(全国人大代表、…董事长韩晓军：). The cues are data, in `layout.yml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from etl.reflow import SOURCE_LINE, TABULATOR, Line, is_cjk, lines_of, paragraphs, reflow

LEXICON = Path(__file__).with_name("layout.yml")
_SENTENCE_PUNCT = "。！？"
_ENDS_SENTENCE = re.compile(r"[。！？：；]\s*[”’」』）)]*\s*$")
# A box's credit line closes it as a sentence would (（数据来源：工业和信息化部  制表：冯若溪）, 制表：唐韵).
_BOX_CREDIT_LINE = re.compile(r"^\s*(?:" + SOURCE_LINE + "|" + TABULATOR + r")\s*[）)]?\s*$")


@cache
def _cues() -> dict:
    cues = yaml.safe_load(LEXICON.read_text(encoding="utf-8"))
    words = "|".join(map(re.escape, cues["byline_words"]))
    return {
        "header": [re.compile(p) for p in cues["header_line"]],
        "dateline": re.compile(cues["dateline"]),
        "byline_end": re.compile(rf"[（(]\s*([^（）()]{{0,24}}(?:{words})[^（）()]{{0,24}}?)\s*[）)]\s*$"),
        "byline_any": re.compile(rf"[（(]\s*[^（）()]{{0,24}}(?:{words})[^（）()]{{0,24}}?\s*[）)]"),
        # (■ 记者观察, 记者手记: a column's head, not a byline.)
        "byline_line": re.compile(rf"^(?:□|■|◎)?\s*(?:本报)?(?:{words})(?!(?:{'|'.join(cues['column_heads'])})$)"
                                  rf"[^，。！？]{{1,30}}$"),
        "roles": set(cues["role_suffixes"]),
        "signoff": re.compile(cues["signoff"]),
        "name_width": cues["header_name_width"],
        "speech": re.compile(rf"\s*([\u4e00-\u9fff]{{2,4}}?)(?:{'|'.join(map(re.escape, cues['speech_verbs']))})"),
        "speech_end": re.compile(rf"(?:{'|'.join(map(re.escape, cues['speech_verbs']))})$"),
    }


@dataclass(frozen=True)
class Speaker:
    start: int  # raw span credited to the person
    end: int
    name: str


@dataclass
class FoundArticle:
    start: int
    end: int
    title_start: int | None = None
    title_end: int | None = None
    title: str | None = None
    byline: str | None = None
    kind: str = "article"  # article | sidebar
    speakers: list[Speaker] = field(default_factory=list)
    body: int = 0  # paragraphs of body text so far
    byline_end: int | None = None  # end of a byline printed as a line of its own


@dataclass(frozen=True)
class Layout:
    header_end: int
    articles: tuple[FoundArticle, ...]
    header_lines: tuple[str, ...]


def _width(text: str) -> float:
    return sum(1.0 if is_cjk(ch) else 0.5 for ch in text.strip())


def _blocks(raw: str, start: int) -> list[list[Line]]:
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for line in lines_of(raw, start):
        if line.text.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _split_titles(blocks: list[list[Line]]) -> tuple[list[list[Line]], set[int]]:
    """Blocks with a title set right above its item's first line cut off as blocks of their own.

    Many pages print no blank line between a title (and its 引题 or 副题) and the item under it: the
    title is then the one to three short unpunctuated lines after a finished sentence (or at the
    block's top) that a dateline (本报讯, 本报北京5月20日讯, 新华社…电) or a byline line
    (（本报记者 刘畅）, ■本报记者 许晴) follows."""
    cues = _cues()
    out: list[list[Line]] = []
    titles: set[int] = set()  # indexes in `out` of the titles cut off
    for block in blocks:
        rest = block
        while True:
            cut = _title_in(rest, cues)
            if cut is None:
                out.append(rest)
                break
            j, k = cut
            if j:
                out.append(rest[:j])
            titles.add(len(out))
            out.append(rest[j:k])
            rest = rest[k:]
    return out, titles


_PHOTO_CREDIT = re.compile(r"摄\s*$|摄影")
_CONTINUED = re.compile(r"[（(]?\s*(?:上接|接上|承上)\s*(?:第\s*)?[A-Z]?\d{1,2}\s*版")  # （上接第1版）


def _opens_item(line: str, cues: dict) -> bool:
    """A line that opens a news item under its title: a dateline, a byline line, a byline in brackets, 上接第1版."""
    return bool(cues["dateline"].match(line) or cues["byline_line"].match(line) or _CONTINUED.match(line)
                or re.fullmatch(r"[（(][^（）()]{2,30}[）)]", line) and cues["byline_any"].match(line))


def _title_in(block: list[Line], cues: dict) -> tuple[int, int] | None:
    """(j, k): lines j..k-1 of the block are a title over the item opening at line k, or None."""
    for k in range(1, len(block)):
        if not _opens_item(block[k].text.strip(), cues):
            continue
        for j in range(max(0, k - 3), k):
            if j and not _ENDS_SENTENCE.search(block[j - 1].text):
                continue
            if _title_like(block[j:k], max_width=60):
                return j, k
    return None


def _flat(block: list[Line]) -> str:
    return "".join(line.text.strip() for line in block)


def _title_like(block: list[Line], max_width: float = 40) -> bool:
    text = _flat(block)
    # (a title over a 副题 of its own line, ——规上工业增加值增长8.9%，新能源汽车成为“领跑者”, may be wider)
    subtitled = len(block) > 1 and bool(re.match(r"\s*(?:——|—)", block[-1].text)) \
        and all(_width(line.text) <= max_width for line in block)
    return (len(block) <= 3 and 2 <= _width(text) <= (2 * max_width if subtitled else max_width)
            and not any(p in text for p in _SENTENCE_PUNCT + "、；")
            # (a sentence cut by a column, 投资方面，全省固定资产投资增长4.3%，其 / 中制造业投资增长: a title has one
            # comma at most)
            and len(re.findall("[，,]", text)) < 2
            # (■本报记者 许静怡　通讯员 沈力 / 来自…，7月1日至: a byline's line is no title's, nor what follows it)
            and not any(_cues()["byline_line"].match(line.text.strip()) for line in block[:-1])
            and not re.search(r"[，、；：,]\s*$", text) and not _cues()["byline_line"].match(text)
            and not _cues()["byline_end"].match(text)  # （本报记者 陈岚 通讯员 孙磊） closing an article
            # a sign-off (——安溪县县长 高胜利) names a speaker; a 副题 (——5月上旬钢材库存降至1683万吨) does not
            and not any(signoff_name(line.text) and not _INTERVIEW_SUBTITLE.match(line.text) for line in block))


_INTERVIEW_SUBTITLE = re.compile(r"\s*(?:——|—)\s*(?:访|专访|对话)")  # ——访江南特钢集团副总经理陈启明


def signoff_name(line: str) -> str | None:
    """The speaker a sign-off line credits: ——海州港务集团副总经理 马骏 → 马骏."""
    match = _cues()["signoff"].match(line)
    if not match:
        return None
    who = match.group("who").strip()
    last = re.split(r"[ \t\u3000]+", who)[-1]
    if last != who and 2 <= len(last) <= 4 and all("\u4e00" <= ch <= "\u9fff" for ch in last):
        return last
    return speaker_name(who)


def _header_block(block: list[Line], first: bool = False) -> bool:
    """Metadata lines (date, credits, url), maybe with the publication's or section's name among them.

    first: the page's first block, where names may outnumber metadata lines (华夏金融导报 / 保险·养老 / 责任编辑：…,
    the date printed at the page's foot)."""
    cues = _cues()
    matched = [any(p.search(line.text) for p in cues["header"]) for line in block]
    named = [not m and _width(line.text) <= cues["name_width"] and not re.search(r"[，。！？、；：,%％\d]", line.text)
             for line, m in zip(block, matched, strict=True)]
    return all(m or n for m, n in zip(matched, named, strict=True)) and sum(matched) >= (1 if first else
                                                                                         max(1, sum(named)))


def speaker_name(intro: str) -> str | None:
    """The person introduced by a role line: 全国政协委员、…董事长戴和根： → 戴和根."""
    text = intro.rstrip("：: ")
    if any(p in text for p in "，。！？") or len(text) > 70:
        return None
    # …县长马志远在接受本报记者专访时说： is a sentence about a quote, not a sidebar's speaker line.
    if _cues()["speech_end"].search(text) or "采访" in text:
        return None
    roles = _cues()["roles"]
    for cut in range(len(text) - 2, max(len(text) - 5, 0) - 1, -1):
        name = text[cut:]
        if text[cut - 1] in roles and 2 <= len(name) <= 4 and all("\u4e00" <= ch <= "\u9fff" for ch in name):
            return name
    return None


def find_layout(raw: str) -> Layout:
    """The page's header and its articles, with raw offsets."""
    blocks, cut_titles = _split_titles(_blocks(raw, 0))
    header_lines: list[str] = []
    first = 0
    while first < len(blocks) and _header_block(blocks[first], first=first == 0):
        header_lines += [line.text.strip() for line in blocks[first]]
        first += 1
    body = blocks[first:]
    if not body:
        return Layout(len(raw), (), tuple(header_lines))
    header_end = body[0][0].start + len(body[0][0].text) - len(body[0][0].text.lstrip())

    # Titles: short blocks without sentence punctuation, after a finished sentence.
    trailing = len(body)
    while trailing > 0 and _title_like(body[trailing - 1]):
        trailing -= 1
    titles: list[tuple[int, int]] = []
    for i, block in enumerate(body[:trailing]):
        before = body[i - 1][-1].text if i else ""
        # A title follows a finished sentence, or a quote's sign-off (——…孙大勇) or a byline line.
        after_sentence = i == 0 or bool(_ENDS_SENTENCE.search(before) or _cues()["signoff"].match(before)
                                        or _BOX_CREDIT_LINE.match(before)
                                        or _cues()["byline_line"].match(before.strip())
                                        or _cues()["byline_end"].match(before.strip()))
        # A line as wide as the column around it is body text cut by a column break, not a title.
        neighbours = [max(_width(line.text) for line in body[k]) for k in (i - 1, i + 1) if 0 <= k < len(body)]
        column_fragment = any(abs(_width(line.text) - w) <= 1 for line in block for w in neighbours)
        # ... unless a news item opens right after it (本报讯, 本报青岛4月11日电): then it is that item's title.
        opens_next = i + 1 < len(body) and _opens_item(body[i + 1][0].text.strip(), _cues())
        if column_fragment and opens_next:
            column_fragment = False
        cut_above = i + first in cut_titles  # a title found set right above its item's first line
        # (over a dateline, a title of three lines, 引题 / 主题 / 副题, may be as wide as one set right above it)
        title_like = _title_like(block) or opens_next and _title_like(block, max_width=60)
        # (set above a dateline or byline, it is a title even after a column cut off mid-sentence or a box's credit)
        if (cut_above or (title_like and after_sentence and not column_fragment)) and i + 1 < trailing:
            titles.append((i, i))
    # Consecutive title blocks (a title and its subtitle) make one title.
    merged: list[tuple[int, int]] = []
    for i, j in titles:
        if merged and merged[-1][1] == i - 1:
            merged[-1] = (merged[-1][0], j)
        else:
            merged.append((i, j))

    def span(i: int, j: int) -> tuple[int, int]:
        end_line = body[j][-1]
        return body[i][0].start, end_line.start + len(end_line.text.rstrip())

    # Body regions between titles, split into paragraphs that know their title.
    cuts = [(span(i, j), i, j) for i, j in merged]
    body_end_block = trailing - 1
    regions: list[tuple[int, int, tuple[int, int] | None]] = []
    pos_block, pending_title = 0, None
    for (t_span, i, j) in cuts:
        if i > pos_block:
            regions.append((pos_block, i - 1, pending_title))
            pending_title = None
        pending_title = t_span if pending_title is None else (pending_title[0], t_span[1])
        pos_block = j + 1
    if pos_block <= body_end_block:
        regions.append((pos_block, body_end_block, pending_title))

    articles: list[FoundArticle] = []
    for first_block, last_block, title in regions:
        start, _ = span(first_block, first_block)
        _, end = span(last_block, last_block)
        articles += _split_region(raw, start, end, title)

    # Titles printed at the end of the page go to the untitled articles, in page order.
    end_titles = _split_by_end_titles(raw, articles, body[trailing:])
    untitled = [a for a in articles if a.title_start is None and a.kind == "article"]
    for (t_start, t_end), article in zip(end_titles, untitled, strict=False):
        article.title_start, article.title_end = t_start, t_end
    # A title left over titles the article run into one titled above it, from the paragraph that first prints its
    # figure (安溪茶产业… then 国网泉州供电公司发布的数据显示…9.1%, and 泉州一季度用电量同比增长9.1% at the end).
    for t_start, t_end in end_titles[len(untitled):]:
        if _split_at_figure(raw, articles, raw[t_start:t_end], titled=True):
            split = next(a for a in articles if a.title_start is None and a.kind == "article")
            split.title_start, split.title_end = t_start, t_end
    for article in articles:
        if article.title_start is not None:
            article.title = reflow(raw, article.title_start, article.title_end).text
    return Layout(header_end, tuple(articles), tuple(header_lines))


_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|个百分点|万亿|亿|万|倍)")


def _split_by_end_titles(raw: str, articles: list[FoundArticle], blocks: list[list[Line]]) -> list[tuple[int, int]]:
    """The spans of the titles printed at the end of the page, one per article, in page order.

    A block of title lines is one title (a title and its subtitle), unless a later line states a figure that an
    untitled article first prints after its opening paragraph: then that line titles an article of its own,
    which starts at that paragraph (PDF extraction ran two articles together and put both titles at the end).
    """
    out: list[tuple[int, int]] = []
    for block in blocks:
        lines = [(line.start, line.start + len(line.text.rstrip())) for line in block]
        current = [lines[0]]
        for line in lines[1:]:
            split = _split_at_figure(raw, articles, raw[line[0]:line[1]])
            if split:
                out.append((current[0][0], current[-1][1]))
                current = [line]
            else:
                current.append(line)
        out.append((current[0][0], current[-1][1]))
    return out


def _prints(text: str, figure: str) -> bool:
    """Does text print this figure as a number of its own (8.4% is not printed in 58.4%)?"""
    return re.search(r"(?<![\d.])" + re.escape(figure), text) is not None


def _split_at_figure(raw: str, articles: list[FoundArticle], title: str, titled: bool = False) -> bool:
    """Split the untitled article (titled: or one titled above) whose later paragraph first prints a figure of
    `title` there; True if split."""
    figures = ["".join(m.group(0).split()) for m in _FIGURE.finditer(title)]
    for index, article in enumerate(articles):
        if (article.title_start is not None and not titled) or article.kind != "article" or not figures:
            continue
        paras = paragraphs(raw, article.start, article.end)
        for k, (p_start, p_end) in enumerate(paras[1:], start=1):
            flat = "".join(raw[p_start:p_end].split())
            earlier = "".join(raw[article.start:p_start].split())
            if any(_prints(flat, f) and not _prints(earlier, f) for f in figures):
                new = FoundArticle(start=p_start, end=article.end, kind="article",
                                   speakers=[sp for sp in article.speakers if sp.start >= p_start],
                                   body=len(paras) - k)
                article.speakers = [sp for sp in article.speakers if sp.start < p_start]
                article.end = paras[k - 1][1]
                articles.insert(index + 1, new)
                return True
    return False


def run_in_byline(line: str) -> int | None:
    """Where a byline run into its item's first words on one line ends (■本报记者 吴桐\u3000海晟水产股份有限公司 /
    日前发布的…): the ideographic space after it, or None."""
    m = re.match(r"[ \t]*([^\u3000，。！？]{3,30}?)\u3000+(?=\S)", line)
    return m.end(1) if m and _cues()["byline_line"].match(m.group(1).strip()) else None


def _split_region(raw: str, start: int, end: int, title: tuple[int, int] | None) -> list[FoundArticle]:
    """Articles within a stretch of body text that has at most one title above it."""
    cues = _cues()
    # A byline closing an item ends its paragraph even without a full stop before it.
    flowed = reflow(raw, start, end)
    cuts = [start]
    for match in cues["byline_any"].finditer(flowed.text):
        _, cut = flowed.raw_span(match.start(), match.end())
        if cut < end and raw[cut:raw.find("\n", cut) if "\n" in raw[cut:end] else end].strip() == "":
            cuts.append(cut)
    # A byline printed as a line of its own (本报记者 王晓东) is a paragraph of its own.
    for block in _blocks(raw[:end], start):
        if cues["byline_line"].match(_flat(block)):
            cuts.append(block[-1].start + len(block[-1].text.rstrip()))
        elif len(block) > 1 and cues["byline_line"].match(block[0].text.strip()):  # 本报记者 钟明远 / 国家金融…
            run_in = run_in_byline(block[0].text)
            cuts.append(block[0].start + (run_in or len(block[0].text.rstrip())))
        else:  # ——…马骏 (a line of its own, or set right under its quote): a paragraph of its own
            for line in block:
                if signoff_name(line.text):
                    cuts += [line.start, line.start + len(line.text.rstrip())]
    cuts = sorted(set(cuts))
    cuts.append(end)
    paras = [p for a, b in zip(cuts, cuts[1:], strict=False) for p in paragraphs(raw, a, b)]
    out: list[FoundArticle] = []
    current: FoundArticle | None = None
    after_byline = False
    speaker: Speaker | None = None

    def open_article(p_start: int, kind: str = "article") -> FoundArticle:
        article = FoundArticle(start=p_start, end=p_start, kind=kind)
        if title is not None and not out:
            article.title_start, article.title_end = title
        out.append(article)
        return article

    quoted_from: int | None = None  # where the quotes a sign-off will credit begin
    signed_off = False  # the sidebar's speakers sign off their quotes: none runs on into the next
    for p_start, p_end in paras:
        text = reflow(raw, p_start, p_end).text
        signed = signoff_name(raw[p_start:p_end]) if "\n" not in raw[p_start:p_end].strip() else None
        if signed and current is not None and quoted_from is not None:
            # “……” ——临江市某电机企业负责人 刘洋: the quotes above are the speaker's, and the item ends here.
            if quoted_from <= current.start:
                current.kind = "sidebar"  # an item made of quotes only
            current.speakers.append(Speaker(quoted_from, p_end, signed))
            current.end, quoted_from, signed_off = p_end, None, True
            continue
        if quoted_from is None and text.startswith(("“", "「")):
            quoted_from = p_start
        elif not text.startswith(("“", "「")) and not (current is not None and current.kind == "sidebar"):
            quoted_from = None
        name = speaker_name(text) if text.endswith(("：", ":")) else None
        if cues["byline_line"].match(text):
            # (a byline marked ■ opens an item: it closes none, even with no title between)
            if current is None or after_byline or text.startswith(("■", "□", "◎")) and current.body > 0:
                current = open_article(p_start)
                after_byline = False
            current.byline, current.end = re.sub(r"[ \t\u3000]+", " ", raw[p_start:p_end].replace("\n", "")), p_end
            current.byline_end = p_end
            continue
        new_item = (current is None or after_byline or (bool(cues["dateline"].match(text)) and current.body > 0)
                    or (name is not None and current.kind != "sidebar"))
        if new_item:
            current = open_article(p_start, "sidebar" if name else "article")
        after_byline = False
        if name is not None:
            speaker = Speaker(p_start, p_start, name)
            current.speakers.append(speaker)
        elif current.kind == "sidebar" and current.speakers and not signed_off:
            last = current.speakers[-1]
            current.speakers[-1] = Speaker(last.start, p_end, last.name)
        byline = cues["byline_end"].search(text)
        # A photo's credit (（本报记者 熊文涛 摄）) closes its caption, not the article round it.
        if byline and not _PHOTO_CREDIT.search(byline.group(1)):
            b_start, b_end = reflow(raw, p_start, p_end).raw_span(byline.start(1), byline.end(1))
            current.byline = re.sub(r"[ \t\u3000]+", " ", raw[b_start:b_end].replace("\n", "")).strip()
            # （本报记者 刘畅） alone under a title opens its item; after a body it closes it.
            after_byline = current.body > 0 or byline.start() > 0
        current.end = p_end
        current.body += 1
    return [a for a in out if a.end > a.start]


def quoted_speakers(raw: str, start: int, end: int) -> list[Speaker]:
    """Quoted passages credited after the closing mark: “……”刘庆峰表示。 (may span paragraphs)."""
    text = reflow(raw, start, end)
    out = []
    depth_start = None
    for i, ch in enumerate(text.text):
        if ch == "“" and depth_start is None:
            depth_start = i
        elif ch == "”" and depth_start is not None:
            match = _cues()["speech"].match(text.text, i + 1)
            if match and i - depth_start > 15:
                r_start, _ = text.raw_span(depth_start, depth_start + 1)
                _, r_end = text.raw_span(i, i + 1)
                out.append(Speaker(r_start, r_end, match.group(1)))
            depth_start = None
    return out
