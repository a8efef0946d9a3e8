"""Names in the text: organisations by their endings, people by the titles before them.

A person is named after a title chain (全国人大代表、科大讯飞董事长刘庆峰): the
organisation is the part of the chain before the last title that has one, and a
short name of it (天合光能股份有限公司 → 天合光能, 奇瑞控股集团 → 奇瑞) is what the
text uses afterwards, so both are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from etl.meaning.lexicon import alternation, load

_HAN = r"\u4e00-\u9fff"
_ORG_END = re.compile("(?:集团|公司|银行|协会|局|部|委|署|厅|院|所|社|会)$")
_GENERIC_ORGS = frozenset({"公司", "该公司", "本公司", "集团", "该集团", "企业", "该企业"})


@dataclass(frozen=True)
class Person:
    name: str
    start: int  # flat offsets of the name
    end: int
    org: str | None


@cache
def _title_re() -> re.Pattern[str]:
    return re.compile("(?:" + alternation(load("attribution")["titles"]) + ")")


@cache
def _name_stop() -> re.Pattern[str]:
    lex = load("attribution")
    # (回答, 看来: 首席财务官韩立回答了…, 在…秘书长陈立看来 end the name before them)
    words = lex["speech_verbs"] + lex["speech_fillers"] + [
        "不约而同", "等", "一行", "先生", "女士", "回答", "回应", "答复", "看来",
        "正在", "正忙", "正盯", "正准备", "正和", "正与", "正向", "正给", "正把",
        "指着", "看着", "拿着", "翻着", "端着", "望着", "笑着", "一边", "站在", "蹲在", "坐在"]
    return re.compile("(?:" + alternation(words) + ")|[与及、，,。；;：:“”‘’（）()的在向对就将已是也还则从为问答]")


def is_name(text: str) -> bool:
    """True for a 2–4 character Chinese personal name (a known family name first)."""
    lex = load("attribution")
    if not re.fullmatch(f"[{_HAN}]{{2,4}}", text):
        return False
    if text[:2] in lex["double_surnames"]:
        return len(text) >= 3
    return text[0] in lex["surnames"] and len(text) <= 3


def person_name_at(norm: str, pos: int, limit: int) -> str | None:
    """A 2–3 character name starting at pos (cut before a verb, a filler or punctuation)."""
    stop = _name_stop()
    for length in (3, 2):
        end = pos + length
        if end > limit:
            continue
        piece = norm[pos:end]
        if not re.fullmatch(f"[{_HAN}]+", piece):
            continue
        # A family name may look like a filler (曾, 还): only later characters stop a name.
        if any(stop.match(norm, i) for i in range(pos + 1, end)) or not is_name(piece):
            continue
        return piece
    return None


def strip_titles(part: str) -> str:
    """The organisation part of one item of a title chain (科大讯飞董事长 → 科大讯飞)."""
    m = _title_re().search(part)
    # 杭州一家家电卖场的负责人 → 杭州一家家电卖场
    return (part[: m.start()] if m else part).removesuffix("的")


def persons(norm: str) -> list[Person]:
    """People named after a title, with the organisation of their title chain."""
    out: list[Person] = []
    seen: set[int] = set()
    boundary = "，,。；;：:“”（）()\n—■□●◆"
    for m in _title_re().finditer(norm):
        # The name follows the last title of a chain: skip titles followed by another title or 、.
        nxt = norm[m.end():m.end() + 1]
        if nxt == "、" or _title_re().match(norm, m.end()):
            continue
        name = person_name_at(norm, m.end(), len(norm))
        if not name or m.end() in seen:
            continue
        seen.add(m.end())
        # The chain: back from the title to a clause boundary or the previous person's name.
        floor = out[-1].end if out else 0
        left = m.start()
        while left > floor and norm[left - 1] not in boundary and m.start() - left < 40:
            left -= 1
        chain = norm[left:m.end()].lstrip("与和及同在")  # (在…秘书长X看来: 在 opens the frame)
        org = None
        for item in reversed(chain.split("、")):
            part = strip_titles(item)
            if len(part) >= 2:
                org = part
                break
        if org in _GENERIC_ORGS or (org and len(org) < 3 and not _ORG_END.search(org)):
            org = None  # 公司董事长丁雄军, 观光署长: the body is named elsewhere
        out.append(Person(name, m.end(), m.end() + len(name), org))
    return out


def short_names(org: str) -> list[str]:
    """Shorter forms the text may use for an organisation, longest first."""
    strip = sorted(load("entities")["short_name_strip"], key=len, reverse=True)
    out: list[str] = []
    current = org
    changed = True
    while changed:
        changed = False
        for suffix in strip:
            if current.endswith(suffix) and len(current) - len(suffix) >= 2:
                current = current[: -len(suffix)]
                out.append(current)
                changed = True
                break
    places = sorted(load("entities")["provinces"] + load("entities")["cities"] + ["中国"], key=len, reverse=True)
    for name in [org, *out]:
        # Company names often open with their home (内蒙古伊利…, 台北捷运…): the rest is a short name.
        place = next((p for p in places if name.startswith(p) and len(name) - len(p) >= 2), None)
        if place:
            out.append(name[len(place):])
    return [n for n in dict.fromkeys(out) if n != org]
