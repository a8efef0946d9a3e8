"""What a figure is about, as printed: a country, province, city, company, industry …

Candidates are found by lexicon (countries, provinces, cities; 全国/我国/国内 mean the
publication's country) and by their endings (…集团, …有限公司, …协会, …行业, X市),
plus the organisations of the people the text names and their short names
(天合光能股份有限公司 → 天合光能). The subject of a figure is the leftmost candidate
before it in its clause; else the leftmost one of the nearest clause before it in its
sentence (the subject of "高纪凡牵头…，将…提升至30年以上" is 高纪凡, so his company);
else, for a clause that only says when (27年前，奇瑞集团…), the next clause; else the
nearest earlier sentence of the paragraph; else the speaker's organisation, or the
jurisdiction of the body credited (a national body: the country).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from etl.meaning import names
from etl.meaning.attribution import Credits
from etl.meaning.lexicon import alternation, load
from etl.meaning.script import fold
from etl.meaning.text import Doc

_HAN = r"\u4e00-\u9fff"
_GOVERNMENT = re.compile("(?:局|厅|部|委|署|办|司|处|政府|海关|委员会)$|人民银行|中央银行|央行|储备银行")
_CENTRAL_BANK = re.compile("人民银行|中央银行|央行|储备银行|联邦储备")
_COMPANY = re.compile("(?:公司|集团|银行|股份|控股|科技|证券|保险|企业|合作社|卖场|商场|超市|工厂)$")
_WE = re.compile("我们|我司|我公司|本公司|我们公司|我行|本行|我集团")
# A name right after these is an object (对东盟出口, 与美国贸易) or a comparison base (比全国高出, 高于全国), not
# the subject.
_PREPOSITION = re.compile("(?:对|向|与|从|自|同|往|赴|跟|和|及|至|到|比|较|[高低快慢大小多少优好]于)$")


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    kind: str  # country | place | org | person | industry | event | product | weak
    name: str  # the entity as printed (for a person: their organisation)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    lex = load("entities")
    places = alternation(lex["provinces"] + lex["cities"])
    prov_suffix = alternation(lex["province_suffixes"])
    return {
        "home": re.compile(alternation(lex["home_country"])),
        "weak": re.compile(alternation(lex["weak"])),
        "country": re.compile(alternation(lex["countries"])),
        "place": re.compile(rf"(?:{places})(?:{prov_suffix})?"),
        "city": re.compile(rf"([{_HAN}]{{2,3}}?)(?:{alternation(lex['place_suffixes'])})"
                           rf"(?![{re.escape(''.join(lex['not_after_city']))}])"),
        "place_ref": re.compile(alternation(lex["place_references"])),
        # A place referred to before an industry (全市电子信息产业, 两地电子信息产业) is no part of its name.
        "area_lead": re.compile(alternation(lex["place_references"] + lex["area_words"])),
        "province": re.compile(rf"(?:{alternation(lex['provinces'])})(?:{prov_suffix})?"),
        "dateline": re.compile(lex["dateline"]),
        "facility": re.compile(f"(?:{alternation(lex['place_facilities'])})(?![口务湾])"),
        "work": re.compile(r"《([^《》]{1,30})》"),
        "lead_words": re.compile("(?:" + alternation(lex["lead_words"]) + ")"),
        "org": re.compile(alternation(lex["org_suffixes"])),
        "industry": re.compile(alternation(lex["industry_suffixes"])),
        "industries": re.compile(alternation(lex["industries"])),
        "product": re.compile(rf"[{re.escape(lex['product_chars'])}](?![{re.escape(lex['not_after_product'])}])"),
        "product_words": re.compile(alternation(lex["product_words"])),
        "event": re.compile(rf"(?:[^，,。；;：:]{{2,40}}?(?:{alternation(lex['event_suffixes'])})"
                            rf"|{alternation([w for w in lex['event_suffixes'] if len(w) >= 3])})"
                            r"(?=在|于|举行|召开|开幕|期间|上|，|。|$)"),
        "not_event": re.compile(alternation(lex["not_in_event_names"]) + r"|\d+\s*(?:场|次|个|项)"),
        "event_ref": re.compile(rf"(?:{alternation(lex['event_references'])})[{_HAN}]{{0,10}}?"
                                rf"(?:{alternation(lex['event_suffixes'])})"),
        "market": re.compile(alternation(lex["markets"])),
        "national": re.compile(alternation(lex["national_measures"])),
        "lead": re.compile(r"(?:根据|依据|据|由|经过|经|在|从|对|向|与|和|及|是|为|被|把|将|使|让|给|于|以|"
                           r"随着|作为|其中|包括|如)+"),
        "product_ref": re.compile(alternation(lex["product_references"])),
        "org_ref": re.compile(alternation(lex["org_references"])),
    }


def _left_name(norm: str, end_of_stem: int, max_len: int, floor: int) -> int:
    """Start of a name ending at end_of_stem: back to punctuation (at most max_len), less leading words."""
    boundary = load("entities")["left_boundary"]
    left = end_of_stem
    while left > floor and end_of_stem - left < max_len:
        ch = norm[left - 1]
        if ch in boundary or not re.match(f"[{_HAN}A-Za-z]", ch):
            break
        left -= 1
    lead = _patterns()["lead_words"]
    while left < end_of_stem:
        m = lead.match(norm, left, end_of_stem)
        if not m:
            break
        left = m.end()
    return left


class Entities:
    def __init__(self, doc: Doc, country: str, credits: Credits):
        self.doc = doc
        self.country = country
        self.credits = credits
        self.cands = self._find()

    def _find(self) -> list[Candidate]:
        doc, norm, flat = self.doc, self.doc.norm, self.doc.flat
        pat = _patterns()
        lex = load("entities")
        found: list[Candidate] = []
        for m in pat["home"].finditer(norm):
            found.append(Candidate(m.start(), m.end(), "country", self.country))
        for m in pat["weak"].finditer(norm):
            found.append(Candidate(m.start(), m.end(), "weak", flat[m.start():m.end()]))
        for key in ("country", "place"):
            for m in pat[key].finditer(norm):
                found.append(Candidate(m.start(), m.end(), "country" if key == "country" else "place",
                                       flat[m.start():m.end()]))
                facility = pat["facility"].match(norm, m.end()) if key == "place" else None
                if facility:
                    found.append(Candidate(m.start(), facility.end(), "place", flat[m.start():facility.end()]))
        for m in pat["city"].finditer(norm):
            # A city's name is two characters unless a third one starts a word (一季度滨江市 → 滨江市).
            start = m.end(1) - 2 if m.end(1) - m.start(1) == 3 and not _starts_name(norm, m.start(1)) \
                else m.start(1)
            start = _left_name(norm, m.end(1), m.end(1) - start, start)
            stem = norm[start:m.end(1)]
            if len(stem) >= 2 and stem not in lex["not_places"] and stem[-1] not in lex["not_before_city"]:
                found.append(Candidate(start, m.end(), "place", flat[start:m.end()]))
        for m in pat["work"].finditer(norm):
            found.append(Candidate(m.start(), m.end(), "work", flat[m.start(1):m.end(1)]))
        known_orgs: set[str] = set()
        for m in pat["org"].finditer(norm):
            left = _left_name(norm, m.start(), 16, 0)
            lead = pat["lead"].match(norm, left, m.start())
            if lead:
                left = lead.end()
            stem = norm[left:m.start()]
            if stem in lex["not_org_names"] or stem.endswith(tuple(w for w in lex["not_org_names"] if len(w) > 1)):
                continue
            if m.start() - left >= 2 or (m.start() - left >= 1 and len(m.group(0)) >= 2):
                name = flat[left:m.end()]
                found.append(Candidate(left, m.end(), "org", name))
                known_orgs.add(norm[left:m.end()])
            elif m.group(0) in lex["abbreviations"] or len(m.group(0)) >= 3:
                found.append(Candidate(m.start(), m.end(), "org", flat[m.start():m.end()]))
                known_orgs.add(m.group(0))
        for person in self.credits.people:
            if person.org:
                known_orgs.add(person.org)
        known_orgs |= self.credits.bare_orgs
        for org in sorted(known_orgs, key=lambda o: (-len(o), o)):  # a set: fully sorted
            for short in [org, *names.short_names(org)]:
                for m in re.finditer(re.escape(short), norm):
                    found.append(Candidate(m.start(), m.end(), "org", flat[m.start():m.end()]))
        for person in self.credits.people:
            for m in re.finditer(re.escape(person.name), norm):
                if person.org:
                    found.append(Candidate(m.start(), m.end(), "person", self.speaks_for(person.org) or ""))
        for m in pat["industry"].finditer(norm):
            left = _left_name(norm, m.start(), 6, 0)
            home = pat["home"].match(norm, left, m.start()) or pat["area_lead"].match(norm, left, m.start())
            if home:
                left = home.end()
            if m.start() - left >= 2:
                found.append(Candidate(left, m.end(), "industry", flat[left:m.end()]))
        for m in pat["industries"].finditer(norm):
            found.append(Candidate(m.start(), m.end(), "industry", flat[m.start():m.end()]))
        for m in pat["product"].finditer(norm):
            left = _left_name(norm, m.start(), 4, 0)
            # 全市手机产量: the place referred to opens the clause, the product follows it.
            area = pat["area_lead"].match(norm, left, m.start())
            left = area.end() if area else left
            if m.start() - left >= 2:
                found.append(Candidate(left, m.end(), "product", flat[left:m.end()]))
        for m in pat["product_words"].finditer(norm):
            found.append(Candidate(m.start(), m.end(), "product", flat[m.start():m.end()]))
        for s, e in (c for sentence in doc.sentences for c in doc.clauses(sentence.start, sentence.end)):
            m = pat["event"].match(norm, s, e)
            # An event's name is no plan to hold events (下一步将在全省组织开展500场以上促消费活动).
            if m and not pat["not_event"].search(norm, s, m.end()):
                found.append(Candidate(s, m.end(), "event", flat[s:m.end()].strip()))
        for m in pat["event_ref"].finditer(norm):
            found.append(Candidate(m.start(), m.end(), "event", flat[m.start():m.end()]))
        for m in pat["market"].finditer(norm):
            found.append(Candidate(m.start(), m.end(), "market", flat[m.start():m.end()]))
        found += self._references(found)
        # The place of a dateline (本报青岛4月11日电) is where the report was filed, not a subject.
        datelines = _Spans((m.start(), m.end()) for m in pat["dateline"].finditer(norm))
        found = [c for c in found if not datelines.covers(c.start, c.end)]
        # Inside an attribution cue, a name is the source, not the subject.
        cues = [(c.start, c.end) for c in self.credits.cues if c.end - c.start > 1]
        inside = _Spans(cues)
        starts = sorted(a for a, _ in cues)
        # A name inside a cue, or running into one (本报讯据滨江海关), is the source, not a subject.
        found = [c for c in found if not inside.covers(c.start, c.end)
                 and not (bisect.bisect_left(starts, c.end) - bisect.bisect_right(starts, c.start))]
        # A candidate inside a longer one (or the same span found twice) is part of its name
        # (中国 in 中国汽车工业协会): sorted by start, longest first, it ends before the furthest end yet.
        found.sort(key=lambda c: (c.start, -(c.end - c.start)))
        kept: list[Candidate] = []
        furthest = -1
        for c in found:
            if c.end <= furthest:
                continue
            kept.append(c)
            furthest = c.end
        self._starts = [c.start for c in kept]
        return kept

    def _references(self, found: list[Candidate]) -> list[Candidate]:
        """设备/产品 → the last product named before; 该公司/公司 → the last organisation."""
        pat = _patterns()
        names_at = _Spans((c.start, c.end) for c in found)
        out = []
        for key, kinds in (("product_ref", ("product",)), ("org_ref", ("org", "person")), ("place_ref", ("place",))):
            of_kind = sorted((c for c in found if c.kind in kinds), key=lambda c: c.end)
            ends = [c.end for c in of_kind]
            for m in pat[key].finditer(self.doc.norm):
                if names_at.covers(m.start(), m.start() + 1):
                    continue  # part of a longer name (海尔公司, 产品质量 is not a name)
                if key == "place_ref" and "省" in m.group(0):
                    # 全省 is the province named last, not a city of it (青岛海关 … 全省 → 山东省).
                    provinces = [c for c in of_kind if pat["province"].fullmatch(c.name)]
                    i = bisect.bisect_right([c.end for c in provinces], m.start())
                    if i:
                        out.append(Candidate(m.start(), m.end(), "ref", provinces[i - 1].name))
                        continue
                i = bisect.bisect_right(ends, m.start())
                if i:
                    out.append(Candidate(m.start(), m.end(), "ref", of_kind[i - 1].name))
                elif key == "place_ref" and m.group(0) in load("entities")["unnamed_places"]:
                    out.append(Candidate(m.start(), m.end(), "place", self.doc.flat[m.start():m.end()]))
        return out

    def _in(self, start: int, end: int, *, weak_at: int | None = None, products: bool = False) -> list[Candidate]:
        out = []
        for c in self.cands[bisect.bisect_left(self._starts, start):bisect.bisect_left(self._starts, end)]:
            if start <= c.start and c.end <= end \
                    and not _PREPOSITION.search(self.doc.norm[max(0, c.start - 2):c.start]):
                if c.kind == "product" and not products:
                    continue
                if c.kind == "weak" and c.start != weak_at:
                    continue
                out.append(c)
        return out

    def _pronoun_org(self, start: int, end: int) -> Candidate | None:
        m = re.search("(?<![其吉利])[他她](?![们人])", self.doc.norm[start:end])
        if not m:
            return None
        cue = self.credits.person_at(start + m.start())
        org = (cue.org if cue else None) or (self.credits.orgs.get(cue.source) if cue else None)
        name = self.speaks_for(org)
        return Candidate(start + m.start(), start + m.end(), "person", name) if name else None

    def speaks_for(self, org: str | None) -> str | None:
        """What a person of `org` speaks for: the company, or where a public body rules."""
        if not org:
            return None
        if _COMPANY.search(fold(org)) and not _CENTRAL_BANK.search(fold(org)):
            return org
        # A public body speaks for where it rules (a national one: the country); a person or
        # a document with no place in its name says nothing about the subject.
        place = self._jurisdiction(org)
        if place or _GOVERNMENT.search(fold(org)):
            return place or self.country
        return org if org in self.credits.orgs.values() or org in self.credits.bare_orgs else None

    def _leftmost(self, start: int, end: int, products: bool = False) -> Candidate | None:
        lead = _clause_lead(self.doc.norm, start, end)
        cands = self._in(start, end, weak_at=lead, products=False)
        pron = self._pronoun_org(start, end)
        if pron:
            cands.append(pron)
        if not cands and products:
            cands = [c for c in self._in(start, end, products=True) if c.kind == "product"]
        return min(cands, key=lambda c: c.start) if cands else None

    def entity_of(self, pos: int, end: int, source: str | None, *, products: bool = True,
                  carried: str | None = None) -> str | None:
        """The subject of the figure at flat [pos, end); `carried`: the previous figure's, in its paragraph."""
        doc = self.doc
        sentence = doc.sentences[doc.sentence_index(pos)]
        clauses = doc.clauses(sentence.start, sentence.end)
        here = next((i for i, (s, e) in enumerate(clauses) if s <= pos < e), 0)
        c_start, c_end = clauses[here]
        # In "占X比重", X is what the share is of, not the subject.
        share = re.search("占", doc.norm[c_start:pos])
        found = self._leftmost(c_start, c_start + share.start() if share else pos, products=products)
        if found:
            return found.name
        if _patterns()["national"].search(doc.norm, c_start, pos):
            return self.country
        for s, e in reversed(clauses[:here]):
            found = self._leftmost(s, e)
            if found:
                return found.name
        if _time_only(doc.norm[c_start:pos] + doc.norm[end:c_end]) and here + 1 < len(clauses):
            s, e = clauses[here + 1]
            found = self._leftmost(s, e)
            if found:
                return found.name
        index = doc.sentence_index(pos)
        for prev in reversed(doc.sentences[:index]):
            if prev.paragraph != sentence.paragraph:
                break
            if doc.norm.startswith(("其中", "分季度看", "分地区看", "分行业看"), prev.start):
                continue  # a part of the whole: the whole is named further back
            found = self._leftmost(prev.start, prev.end)
            if found:
                return found.name
        cue = self.credits.person_at(pos)
        # A speaker the layout credits (a sidebar's sign-off) is no cue: their title chain names the company.
        org = (cue.org or self.credits.orgs.get(cue.source)) if cue else self.credits.orgs.get(source or "")
        if org and _WE.search(doc.norm, c_start, c_end):
            return org  # “我们的新签订单…”三一重工董事长向文波说: the speaker's company
        # An executive speaks for the company, an official or a body for where it rules;
        # else the subject of the figure before carries on.
        who = self.speaks_for(org) if org else self.speaks_for(source) if source else None
        if who and (who != self.country or carried is None):
            return who
        return carried or self.country

    def _jurisdiction(self, source: str) -> str | None:
        """Where a body credited with the figure rules: a province or city in its name, else the country."""
        pat = _patterns()
        folded = fold(source)
        if folded in load("entities")["abbreviations"]:
            folded = source = load("entities")["abbreviations"][folded]
        m = pat["place"].search(folded) or pat["city"].search(folded) or pat["country"].match(folded)
        if m:
            return source[m.start():m.end()]
        place = next((p for body, p in load("entities")["body_places"].items() if body in folded), None)
        if place:
            return place
        if re.search("国家|全国|中国|海关总署|国务院|部$|总署|总局|央行|人民银行", folded):
            return self.country
        return None


class _Spans:
    """Spans, for "is [start, end) inside one of them" in logarithmic time."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.reach: list[int] = []  # the furthest end among the spans starting at or before each
        for _, b in ordered:
            self.reach.append(max(b, self.reach[-1]) if self.reach else b)

    def covers(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start)
        return bool(i) and self.reach[i - 1] >= end


def _starts_name(norm: str, pos: int) -> bool:
    """True when a name may start at pos: at a boundary or right after a leading word."""
    if pos == 0 or norm[pos - 1] in load("entities")["left_boundary"] or not re.match(f"[{_HAN}]", norm[pos - 1]):
        return True
    return any(norm.endswith(w, 0, pos) for w in load("entities")["lead_words"])


def _clause_lead(norm: str, start: int, end: int) -> int:
    """Where a clause's subject starts: after a leading time phrase."""
    m = re.match(r"\s*(?:(?:19|20)\d{2}\s*年|今年|去年|目前|如今|当前|[\d一二三四五六七八九十]+\s*月(?:份)?|以来|\s)*",
                 norm[start:end])
    return start + (m.end() if m else 0)


def _time_only(rest: str) -> bool:
    """True when a clause says only when (27年前, 近两年来): nothing but time words around the figure."""
    return bool(re.fullmatch(r"\s*(?:前|来|以来|之前|之后|后|内|以内|间|里|中|的)?\s*", rest))
