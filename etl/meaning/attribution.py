"""Who the text credits for a figure, as printed.

Cues, found in each sentence: 据/根据 X (发布的)数据, X 发布的数据显示, X 数据显示,
在 X 看来, and X 表示/说/介绍/认为 … where X is cleaned of titles (科大讯飞董事长刘庆峰
→ 刘庆峰), fillers (向记者, 也, 还) and dates; 他/她 is the last person named. A quoted
passage belongs to the speaker named right after or before it (“……”刘庆峰表示。).

A figure takes the nearest cue before it in its sentence (else one after it), else
the speaker of its quote or of a `speakers` span from the layout, else the last cue
earlier in its paragraph. A person's words carry on into later paragraphs of the same
article while those paragraphs refer to them: by name, by pronoun, by their
organisation, or as the items of a list they began (一是 … 二是 …).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from etl.meaning import names
from etl.meaning.cues import COMPANY_REFERENCES, LEAD, Cue, apposed_name, clean, extend_to_body, org_of, patterns
from etl.meaning.lexicon import alternation, load
from etl.meaning.text import ENDS_SENTENCE, SIDEBAR_LABELS, Doc

_BARE_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z]{2,6}")
# What may follow a bare name before its verb: nothing, or a setting (在投资者关系活动中, 在深圳).
_BARE_REST = re.compile(r"(?:\d{1,2}月\d{1,2}日|今天|昨天|日前|近日)?(?:在[^，。；的了]{1,14}(?:上|中|时|期间|会上)?)?")
# A company's full name from a clause's start (宁波银行股份有限公司发布年报): for 该公司 later on.
_COMPANY_NAME = re.compile(r"(?<![\u4e00-\u9fffA-Za-z])[\u4e00-\u9fffA-Za-z]{2,14}"
                           r"(?:股份有限公司|有限责任公司|有限公司|控股集团|集团|银行)")
# A listed company's short name, two characters and its trade, opening a clause or a title (徽建置业5月销售额…).
_SHORT_COMPANY = re.compile(r"(?<![\u4e00-\u9fffA-Za-z])[\u4e00-\u9fff]{2}"
                            r"(?:置业|地产|医药|药业|科技|能源|电子|控股|证券|保险|汽车|重工|煤业|化工|食品|乳业|"
                            r"物流|航运|生物|光电|电气|材料|新材|锂业|钢铁|股份)(?=[\u4e00-\u9fff\d（(])")


def _credited_body(name: str) -> bool:
    """A body's or an outlet's name (省文化和旅游厅, 广东机场集团, 新华网), not a note."""
    media = tuple(load("attribution")["media_suffixes"] + load("attribution")["platform_suffixes"])
    return bool(org_of(name)) and not re.search("[含除不及等]", name) or name.endswith(media)


# 天猫发布的战报显示, 京东发布的数据显示: who publishes a document that shows figures is credited,
# whether or not its name ends like a body's; a phrase that only sets the time or a kind is not.
_PUBLISHER_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9·]{1,11}")
_NOT_PUBLISHER = re.compile(r"[的了在将是从对向为已与和及该其本此]|以来|今年|去年|近期|最新|同期|当天|此前|官方"
                            r"|相关|有关|多家|部分|各地|一些|记者")


def _named_publisher(name: str) -> bool:
    return bool(_PUBLISHER_NAME.fullmatch(name)) and not _NOT_PUBLISHER.search(name) \
        and name not in load("attribution")["not_speakers"]


_DESCRIBED_PERSON = re.compile(r"(?:这位|这名|该名|那位)[\u4e00-\u9fff]{1,14}$")
# How a title ends, for titles the lexicon does not list (二级巡视员, 首席农艺师, 车间主任, 党支部书记).
_TITLE_END = re.compile(r"(?:员|师|长|任|书记|官|主席|代表|委员|教授|总监|经理|专家|主管|组长|老板|店主|摊主|"
                        r"市民|村民|农户|果农|菜农|茶农|渔民|游客|乘客|司机|师傅|职工|员工|工人|主播|"
                        r"[场业车货房户船矿园]主|[养种]殖户|种植户|[批零]发商|零售商|经销商|收购商|贸易商|商户|店员|"
                        r"大户|经纪人|承包人)$")
_SPOKESPERSON = re.compile("发言人")
_FIGURE_DIGIT = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|万|亿|元|人次|吨|家|个|户|辆|台|件|千瓦|倍|成)")
# (一季度报告显示, 2023年数据显示: the period's document or data, of the body credited before)
_WHEN = re.compile(r"(?:同日|当日|当天|随后|此后|次日|同期|同时|日前|近日|此前|"
                   r"\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s*日|(?:19|20)\d{2}\s*年度?|第?[一二三四]季度|上半年|前三季度|全年)+")
# 此前的年报, 同日发布的公告: the document of the body credited before.
_WHEN_DOCUMENT = re.compile(r"(?:此前|日前|同日|随后|当天|去年|上年)(?:发布|公布|披露)?的?"
                            r"(?:年报|公告|报告|半年报|一季报|三季报|季报|财报)")
# 该局, 该协会相关负责人, 该院新闻发言人: the body of that kind named before.
_BODY_REFERENCE = re.compile(r"(?:该|(?=协会|商会|学会|联盟))"
                             r"(分局|分行|支行|分公司|局|厅|委|部|署|院|所|中心|协会|学会|商会|联盟|行|站|办|馆|集团|公司|机构)"
                             r"(?:[\u4e00-\u9fff]{0,10}?(?:相关|有关)?(?:负责人|人士|新闻发言人|发言人|工作人员))?")
_DOCUMENT_REFERENCES = frozenset({"通报", "报告", "公告", "年报", "半年报", "季报", "一季报", "三季报", "公报",
                                  "白皮书", "该报告", "报告还", "统计公报", "该通报", "财报", "年报还", "公告还",
                                  "公报还"})
_CAPTION_END = re.compile(r"(?:[（(][^（）()]{1,20}摄[）)]|(?:记者|通讯员|摄影|实习生)\s*[\u4e00-\u9fff]{2,3}\s*摄)"
                          r"\s*。?\s*$")
_SIGNED = re.compile(r"(?:^|[。！？”])\s*(?:(?:——|—|--)\s*(?P<who>[^，。！？“”——]{2,40})"
                     r"|[（(]\s*(?:受访者|受访人|答问者|口述)\s*[：:]\s*(?P<said>[^，。！？“”（）()]{2,40}?)"
                     # (（受访者：…总经理 李铁成 采访：本报记者 乌日娜）: the interviewer is no signer)
                     r"(?:\s*(?:采访|整理|采写|记者)\s*[：:][^，。！？“”（）()]{0,20})?[）)])\s*$")
_TOLD_END = re.compile(r"(?:告诉记者|对记者说|向记者介绍|向记者表示|说|介绍|表示|算了一笔账|算账)[。！]?$")
# …的王女士则还在观望：“…: a clause ending in a colon right before a quote, and what may follow a speaker's name in it
_COLON_BEFORE_QUOTE = re.compile(r"(?:^|(?<=[，。；！？\n”]))(?P<clause>[^，。；！？：:“”\n]{2,30})[：:]\s*\Z")
_AFTER_SPEAKER = re.compile(r"(?:则|也|却|还|更|又|就|便|倒|一直|依然|仍然|仍|直言|坦言|笑着|连连|感慨|感叹|"
                            r"还在观望|在观望|观望|犯愁|发愁|很满意|算账|算了一笔账|有话说)*")
_TITLE_START = re.compile(_TITLE_END.pattern.removesuffix("$"))
# What a speaker does while telling (指着屏幕上的曲线, 一边整理名片一边): no name or body in it
_ACTION = re.compile(r"(?:指着|看着|拿着|翻着|端着|一边|边|正|笑着|望着|站在|蹲在|坐在)[^，,。；;“”、]{0,16}")
# （下转A3版）: the article goes on on another page, no sentence runs on past it here
_JUMP_END = re.compile(r"[（(]\s*(?:下转|转第|转)[^（）()\n]{1,8}[）)]\s*$")
_QUOTE_SIGNER = re.compile(r"[ \t\u3000]*(?:——|—|--)[ \t\u3000]*"
                           r"([^“”。，,\n]{0,16}(?:“[^“”\n]{1,6}”)?[^“”。，,\n]{2,12})"
                           r"[ \t\u3000]*(?=\n|$|“|[。（(])")
_INTERVIEWEE_LINE = re.compile(r"(?:^|(?<=[。\s]))(?:受访者|受访人|答问者|嘉宾)\s*[：:]\s*"
                               r"(?P<who>[^，。！？“”：:]{2,40}?)\s*(?=问\s*[：:]|。|$)")
_QUOTED_NAME_BEFORE = re.compile(r"(?<![^，,。；;：:！？!?\n\s])[\u4e00-\u9fff]{0,12}“[\u4e00-\u9fffA-Za-z0-9]{2,12}”$")
_POLITE_NAME = re.compile(r"[\u4e00-\u9fff](?:女士|先生|师傅|阿姨|大爷|大姐|大哥|老板|经理)")
_FROM_DATA = re.compile("的(?:数据|统计|消息|报告|监测)")
_IN_VIEW = re.compile("看来|眼中|眼里|心中|心里")
_BODY_INSIDE = re.compile("银行|集团|公司|协会|商会|研究院|研究所|大学|医院|交易所")
_GENERIC_PARTIES = frozenset({"市场", "行业", "企业", "公司", "平台", "部门", "政府", "当地", "相关部门", "有关部门",
                              "该市", "该省", "该县", "全市", "全省", "全县", "国家", "地方", "商家", "厂家", "园区",
                              "景区", "学校", "医院", "银行", "主办方", "业内", "官方"})
# What opens a sidebar (■记者手记), and what opens any block that is no answer's further paragraph (a box, a mark).
_SIDEBAR_OPENS = re.compile(r"\s*[■□◆◇┌┏╔╭]?\s*(?:" + SIDEBAR_LABELS + ")")
_BLOCK_OPENS = re.compile(r"[□■◆◇●▲★【（(┌┏╔╭]|" + SIDEBAR_LABELS)
_UNNAMED_OFFICIAL = re.compile(r"(?:一位|一名|某位)[\u4e00-\u9fff]{0,12}?(?:负责人|工作人员|经理|人士)")
_DESCRIBED = ("一项", "一份", "这项", "该项", "一次")
_COUNTED_PARTIES = re.compile(r"\d+\s*多?(?:家|个|位|名|所)")
_FRAME_OPENERS = ("按照", "按", "在", "据", "用", "来自", "经")
_ITEM = re.compile(r"\s*[◎△▲●○★☆]")
# A sentence opening like this says where the figures printed before it came from.
_RECAP = re.compile(r"\s*(?:这是|以上|上述|这些|此为|这一数据|该数据)")


# People the lexicon has no title for, named after what they are (茶农杨秀英, 市民王女士, 游客刘雯): for 他/她 later.
_DESCRIBED_AS = re.compile(r"(?:市民|村民|农户|果农|菜农|茶农|渔民|牧民|游客|乘客|旅客|司机|师傅|职工|员工|工人|主播|"
                           r"种粮大户|大户|经纪人|承包人|"
                           r"店主|摊主|老板|[场业车货房户船矿园]主|[养种]殖户|种植户|商户|店员|[批零]发商|经销商|收购商|"
                           r"贸易商|消费者|采购商|外卖员|快递员|骑手)")


_INTERVIEWEE = re.compile(r"——\s*(?:专)?访([^——。，,\n“”]{3,40}?)(?=[。\n]|$)")


def _with_described(norm: str, people: list[names.Person]) -> list[names.Person]:
    """The people of the text, with those named after what they are and later mentions of a full name already
    met (会后，记者就下半年工作采访了陈卫东。): for 他/她 and 答 later on."""
    taken = {p.start for p in people}
    extra = []
    # ——访浙江衢州户用光伏安装商刘建成: an interview's subtitle names whom the answers are from, at its end
    for m in _INTERVIEWEE.finditer(norm):
        head = m.group(1)
        if any(p.end == m.end(1) for p in people):
            continue  # (——访南昌工程学院教授蒋文涛: named after a title already, no 文涛)
        for size in (3, 2):
            name = head[-size:]
            at = m.end(1) - size
            if names.is_name(name) and at not in taken and not org_of(head):
                extra.append(names.Person(name, at, m.end(1), None))
                taken.add(at)
                break
    for name, org in {p.name: p.org for p in people if len(p.name) >= 3}.items():
        for m in re.finditer(re.escape(name), norm):
            if m.start() not in taken:
                extra.append(names.Person(name, m.start(), m.end(), org))
                taken.add(m.start())
    for m in _DESCRIBED_AS.finditer(norm):
        polite = _POLITE_NAME.match(norm, m.end())
        name = polite.group(0) if polite else names.person_name_at(norm, m.end(), len(norm))
        if name and m.end() not in taken:
            extra.append(names.Person(name, m.end(), m.end() + len(name), None))
    return sorted(people + extra, key=lambda p: p.start) if extra else people


def _label_name(named: str) -> str:
    """What a credit line names, cleaned; documents of no one body are credited as printed (资料来源：各公司公告)."""
    x = clean(named)
    if re.fullmatch(r"各[\u4e00-\u9fff]{1,4}|上市公司|公司|企业", x) and named.strip() != x:
        return named.strip()
    # (资料来源：上海有色网、我的钢铁网: two outlets credited together, the first one, as for two bodies)
    # (资料来源：县农业农村局 县统计局, the space lost in reading: two bodies run together, the first)
    for i in range(3, len(x) - 2):
        if org_of(x[:i]) == x[:i] and org_of(x[i:]) == x[i:] and x[i:i + 1] in "县市省区国中" \
                and _credited_body(x[:i]):
            return x[:i]
    # (资料来源：省文化和旅游厅、各市州文旅部门: a list, the first body)
    listed = x.split("、")
    if len(listed) > 1 and _credited_body(listed[0]):
        return listed[0]
    parts = re.split("[和及]", x)
    return parts[0] if len(parts) > 1 and all(_credited_body(p) for p in parts) else x


class Credits:
    """Every attribution cue of a text, and the source of any position in it."""

    def __init__(self, doc: Doc, speakers: Sequence[tuple[int, int, str]] = (),
                 articles: Sequence[tuple[int, int]] = ()):
        self.doc = doc
        self.people = _with_described(doc.norm, names.persons(doc.norm))
        self.orgs = {p.name: p.org for p in self.people if p.org}
        # (“……区间。” / 业内人士认为，…: people counted by no name open a view of their own, they sign no quote)
        unnamed = set(load("attribution")["unnamed_speakers"])
        self.speakers = [(doc.flat_pos(s), doc.flat_pos(max(s, e - 1)) + 1, name) for s, e, name in speakers
                         if name not in unnamed]
        self.articles = sorted((doc.flat_pos(s), doc.flat_pos(max(s, e - 1)) + 1) for s, e in articles)
        self.cues: list[Cue] = []
        self.bare_orgs: set[str] = set()  # names with no ending credited as bodies (宁德时代透露)
        # (数据来源：X) credits X for its whole paragraph; a closing （据X监测） what is printed before it.
        self.labels: list[tuple[int, str, bool]] = []
        for sentence in doc.sentences:
            self.cues.extend(self._cues(sentence.start, sentence.end))
        # Where the paper reports for itself (记者在现场看到): what follows in its sentence and paragraph is nobody's.
        own = patterns()["own_seen"]
        self.own = [m.start() for sentence in doc.sentences
                    for m in own.finditer(doc.norm, sentence.start, sentence.end)]
        self.quotes = self._quotes()
        self._repoint_pronouns()
        self.cues.extend(self._name_labels())
        self.cues.sort(key=lambda c: c.start)
        self._cue_starts = [c.start for c in self.cues]
        # Credits printed after figures of their paragraph (a box's foot): they credit no later text.
        self._label_starts = {at for at, _, _ in self.labels if _FIGURE_DIGIT.search(
            doc.norm, doc.paragraphs[doc.sentences[doc.sentence_index(at)].paragraph][0], at)}
        self._boxes = [self._box(i) for i in range(len(doc.paragraphs))]
        self._carry = self._carry_by_paragraph()

    # --- finding cues ----------------------------------------------------------
    def _person_before(self, pos: int) -> names.Person | Cue | None:
        """The last person named before pos (for 他/她)."""
        best: names.Person | Cue | None = None
        for p in self.people:
            if p.end <= pos:
                best = p
        for c in getattr(self, "cues", []):
            # (一位股份制银行合肥分行个贷部负责人告诉记者…他说: an unnamed person, credited by the body)
            if (c.person or self._unnamed_person(c)) and c.end <= pos and (best is None or c.start > best.start):
                best = c
        return best

    def _unnamed_person(self, cue: Cue) -> bool:
        """A body credited for what its unnamed official said (一位…负责人告诉记者)."""
        return not cue.person and bool(_UNNAMED_OFFICIAL.search(self.doc.norm, cue.start, cue.end))

    def _speaker(self, x: str, at: int, bare: bool = False) -> tuple[str, bool, str | None] | None:
        """(source, is_person, org) for the words before a speech verb, or None (bare: a name with no ending may do)."""
        lex = load("attribution")
        raw = x
        x = clean(x)
        # A dateline or a lead word before the name is a boundary too (本报讯 宁德时代5月20日在…透露).
        lead = LEAD.match(raw.strip())
        opened = bool(lead) and raw.strip()[lead.end():].startswith(x)
        raw = raw.strip()[lead.end():] if opened else raw
        rest = raw.strip()[len(x):] if raw.strip().startswith(x) else None
        bare = bare and (opened or self.doc.norm[at - 1:at] in ("", "，", ",", "。", "；", "\n", "：") or at == 0) \
            and rest is not None and bool(_BARE_REST.fullmatch(rest)) and not re.search("[了的个项他她这那其]", x)
        # 已有165家上市公司披露年报: a count of those who publish names no source.
        if not x or x in lex["not_speakers"] or _COUNTED_PARTIES.search(x):
            return None
        # 业内专家表示, 民航业内人士认为: credited as printed (a field before the word is part of it); 有/也有 before
        # it only says there are some.
        x = re.sub(r"^(?:也|还|另)?有(?=[\u4e00-\u9fff]{0,4}(?:人士|专家)$)", "", x)
        if x in lex["unnamed_speakers"] or (x.endswith(tuple(lex["unnamed_speakers"]))
                                            and re.fullmatch(r"[\u4e00-\u9fff]{1,4}(?:业内|行业|市场|证券)?人士|"
                                                             r"[\u4e00-\u9fff]{1,4}(?:业内|行业)?专家", x)
                                            and not re.search("[的了是在]", x)):
            return x, False, None
        if x in COMPANY_REFERENCES:
            named = self._company_before(at)
            return (named, False, None) if named else None
        # 来自电商平台徽选网的数据显示…平台发布的《…》指出, 据该平台测算: the platform credited before.
        if x in ("平台", "该平台"):
            named = next((c.source for c in reversed(getattr(self, "cues", [])) if c.start < at and not c.person
                          and "平台" in self.doc.norm[c.start:c.end] and self.same_article(c.start, at)), None)
            return (named, False, None) if named else None
        # 同日发布的一季报显示, 通报说, 报告指出: the body whose release was credited just before.
        if _WHEN.fullmatch(x) or x in _DOCUMENT_REFERENCES or _WHEN_DOCUMENT.fullmatch(x):
            body = next((c.source for c in reversed(getattr(self, "cues", [])) if c.start < at and not c.person), None)
            return (body, False, None) if body else None
        if x.startswith(_DESCRIBED):  # 一项针对…家庭的调查显示: a description, no name
            return None
        ref = _BODY_REFERENCE.fullmatch(x)
        if ref:  # 该局相关负责人介绍: the 局 named before
            named = self._body_before(at, ref.group(1))
            return (named, False, None) if named else None
        # 这位五十出头的汉子, 这名老船长: a person described who was named before; 店主陈淑芬一边包装绣品，一边告诉
        # 记者: the one doing the first thing.
        if x in lex["pronouns"] or x in ("一边", "一面") or (_DESCRIBED_PERSON.match(x) and not org_of(x)):
            ref = self._person_before(at)
            if ref is None:
                return None
            name = ref.name if isinstance(ref, names.Person) else ref.source
            return name, True, ref.org or self.orgs.get(name)
        # A title chain: the name is what follows the last title.
        title = None
        for m in names._title_re().finditer(x):
            title = m
        after_title = x[title.end():] if title is not None else ""
        # Right before the verb, what follows a title is the name, family name or not (库克, 阿里·本).
        if title is not None and (names.is_name(after_title) or re.fullmatch("[\u4e00-\u9fff·]{2,8}", after_title)):
            name = after_title
            org = next((o for o in (names.strip_titles(p) for p in reversed(x[:title.end()].split("、")))
                        if len(o) >= 2), None)
            return name, True, org or self.orgs.get(name)
        if names.is_name(x) or self._known_person(x):
            return x, True, self.orgs.get(x)
        # A title the lexicon does not list, known by its ending (该局二级巡视员周启明): the name after it.
        for size in (3, 2):
            tail, head = x[-size:], x[:-size]
            # (a title is two characters at least: 长沙海关 is no 长 and a 沙海关)
            if names.is_name(tail) and len(head) >= 2 and _TITLE_END.search(head) and not org_of(x):
                org = names.strip_titles(re.sub(r"[\u4e00-\u9fff]{0,5}" + _TITLE_END.pattern, "", head)) or None
                return tail, True, (org_of(org) if org else None) or self.orgs.get(tail)
        for size in (3, 2):
            tail, head = x[-size:], x[:-size]
            # 在杭州四季青服装市场经营女装网店的许晓敏, 广东来的大学生陈宇航: a person described, then the name.
            if size == 3 and names.is_name(tail) and "的" in head[-6:] and len(head) >= 2 and not org_of(x):
                return tail, True, self.orgs.get(tail)
            # A body then a name (海尔集团周云杰): a three-character name with a family name, or one named before.
            # (青溪古镇景区管委会 is one body: no 景区 and a 管委会)
            named = size == 3 and names.is_name(tail) and not names._title_re().fullmatch(tail) and org_of(head) \
                and org_of(x) != x
            if len(x) > size and (self._known_person(tail) or named):
                return tail, True, self.orgs.get(tail) or org_of(head)
        org = org_of(x)
        # 工程师唐宇指着屏幕上的曲线告诉记者: a person named, then what they did while telling it
        acting = [p for p in self.people if at <= p.start and p.end < at + len(raw)
                  and _ACTION.fullmatch(self.doc.norm, p.end, at + len(raw))]
        if acting and not org:
            return acting[-1].name, True, acting[-1].org or self.orgs.get(acting[-1].name)
        if org:
            return org, False, None
        # A body's unnamed spokesperson (国铁集团有关负责人): the body.
        if title is not None and title.end() == len(x):
            head = re.sub("(?:" + alternation(lex["title_fillers"]) + ")$", "", x[: title.start()])
            # 一位海悦酒店集团负责人: the body, not "一位…".
            org = org_of(re.sub("^(?:一位|一名|一家|某位|某)", "", head))
            # 汾源能源集团生产技术部一位负责人, 湘江智能装备公司一位人力资源负责人: the body before 一位.
            # (a department of some firm, 一位航空公司营销部门负责人, is no body of its own)
            org = None if org and org.endswith("部门") else org
            unnamed = re.match(r"(.{2,}?)(?:的)?(?:一位|一名|某位)[\u4e00-\u9fff]{0,6}$", head)
            # (华信银行上海分行一位负责人: a body whose name holds a body's ending, a branch of it)
            body = unnamed.group(1) if unnamed else None
            org = org or (org_of(body) or (body if _BODY_INSIDE.search(body) else None) if body else None)
            if org:
                return org, False, None
            # A party named by no ending (市场管理方有关负责人表示): the party, as printed.
            if re.fullmatch("[\u4e00-\u9fff]{3,10}方", head):
                return head, False, None
            # A short name named before (另一家平台抖购…按照抖购相关负责人的说法): that body.
            if re.fullmatch("[\u4e00-\u9fff]{2,6}", head) and head not in _GENERIC_PARTIES \
                    and self.doc.norm.count(head) >= 2:
                return head, False, None
            # An unnamed company's manager or analyst (武汉一家房企营销负责人告诉记者, 一位…分析师): as printed,
            # without the 一位 that only counts them.
            if re.search("一家|一位|一名|某", head):
                return re.sub("^(?:一位|一名|某位)", "", x), True, head
        # A short name with no ending (宁德时代在投资者关系活动中透露, 携程发布): a company, when it
        # opens its clause, is no person and no generic word.
        if bare and _BARE_NAME.fullmatch(x) and not names.is_name(x) and not x.endswith(tuple(lex["not_bare_names"])):
            self.bare_orgs.add(x)
            return x, False, None
        return None

    def _company_before(self, pos: int) -> str | None:
        """The last company named before pos in its paragraph or the two before (for 该公司公告称)."""
        index = self.doc.sentences[self.doc.sentence_index(pos)].paragraph
        lo = self.doc.paragraphs[max(0, index - 2)][0]
        found = None
        for m in _COMPANY_NAME.finditer(self.doc.norm, lo, pos):
            # (——访皖芜智能装备股份有限公司董事长周建平: an interview's subtitle, 访 no part of the name)
            found = re.sub(r"^(?:专)?访(?=[\u4e00-\u9fff]{4})", "", m.group(0))
            # (走进新余的赣西钢铁集团: what leads up to the name is no part of it)
            found = re.sub(r"^[\u4e00-\u9fffA-Za-z]*的(?=[\u4e00-\u9fffA-Za-z]{4})", "", found)
        short = None
        if found is None:
            for m in _SHORT_COMPANY.finditer(self.doc.norm, lo, pos):
                short = m
        # A company with no ending credited before (华能国际…发布年报。…公司同日披露): that one, unless a short name
        # comes after it (上游材料端同样热闹。蜀能锂业…公告显示…该公司年报披露: 蜀能锂业).
        bare = next((c for c in reversed(self.cues) if c.start < pos and c.start >= lo
                     and not c.person and c.source in self.bare_orgs), None)
        if found is None and short is not None and (bare is None or short.start() > bare.start):
            found = short.group(0)
        return found if found is not None else (bare.source if bare else None)

    def _body_before(self, pos: int, kind: str) -> str | None:
        """The last body of this kind (局, 协会 …) credited before pos in its paragraph or the three before."""
        index = self.doc.sentences[self.doc.sentence_index(pos)].paragraph
        lo = self.doc.paragraphs[max(0, index - 3)][0]
        found = next((c for c in reversed(self.cues) if lo <= c.start < pos and c.source.endswith(kind)
                      and not c.person), None)
        # 中经宏观研究院副院长顾承志对记者说。该院…: the body of a person's title counts too.
        person = next((p for p in reversed(self.people) if lo <= p.start < pos and p.org and p.org.endswith(kind)
                       and org_of(p.org)), None)
        if person is not None and (found is None or person.start > found.start):
            return person.org
        return found.source if found else None

    def _known_person(self, name: str) -> bool:
        return any(p.name == name for p in self.people)

    def _cues(self, start: int, end: int) -> list[Cue]:
        pat = patterns()
        norm = self.doc.norm
        out: list[Cue] = []
        taken: list[tuple[int, int]] = []

        def free(s: int, e: int) -> bool:
            return all(e <= a or s >= b for a, b in taken)

        # X发布的《…》显示 credits X (the document's title is the credit only when nobody is named as its publisher).
        for key in ("published_title", "document", "label", "according", "published", "shows", "learned",
                    "surveyed", "published_by", "monitored", "published_bare", "filing_about"):
            for m in pat[key].finditer(norm, start, end):
                if not free(m.start(), m.end()):
                    continue
                named = m.group("x") if key != "label" or m.group("x") else (m.group("by") or m.group("bare"))
                # 出行服务平台“行途”5日发布的报告显示: a name in quotes right before is the publisher's.
                if key in ("published", "published_title", "shows", "published_bare"):
                    quoted = _QUOTED_NAME_BEFORE.search(norm, max(start, m.start("x") - 26), m.start("x"))
                    named = quoted.group(0) + named if quoted else named
                # A body alone in brackets closing a line (…同比增长9.6%（省文化和旅游厅）) is its credit;
                # other words in brackets (（不含港澳台）, （IMF）after a name) are not.
                if key == "label" and m.group("bare") and not _credited_body(clean(named)):
                    continue
                # (a document's title in a label, 《算力基础设施发展白皮书（2024年）》, is kept whole)
                if key == "label" and named.startswith("《"):
                    named = named.strip("《》")
                    self.labels.append((m.start(), named, False))
                elif key == "label":
                    self.labels.append((m.start(), _label_name(named), not m.group("x")))
                    if not m.group("x"):  # credits only what is printed before it: no cue for what follows
                        taken.append((m.start(), m.end()))
                        continue
                # A document's title is kept whole (《中国跨境电商发展报告（2024）》).
                titled = key == "label" and (m.group("x") or "").startswith("《")
                x = named.strip() if key == "document" or titled else _label_name(named) if key == "label" \
                    else clean(named)
                # 星图数据发布的《…》: 数据 before what is published is part of the publisher's name
                if key in ("published", "published_title") and named.strip().endswith("数据") \
                        and x == named.strip()[:-2] and len(x) <= 4:
                    x = named.strip()
                # 根据地区生产总值统一核算结果: a method, not a source
                if key == "according" and not org_of(x) and m.group(0).endswith("核算结果") \
                        and not extend_to_body(norm, m.start("x"), end):
                    continue
                # (答：我们刚发布的《…月报》显示: the speaker's own words, whoever speaks them)
                if not x or x in load("attribution")["not_speakers"] or _COUNTED_PARTIES.search(x) \
                        or x.startswith(_DESCRIBED) or x.startswith(("我们", "咱们")):
                    continue  # (一项针对…家庭的调查显示: what was done, not who did it)
                cue_end = m.end()
                if key == "according" and len(x) > 4 and not org_of(x):
                    # 据国家能源局发展规划司副司长梁晓芸介绍: a person at the end of a title chain.
                    person = self._speaker(x, m.start())
                    if person and person[1]:
                        out.append(Cue(m.start(), cue_end, person[0], True, person[2]))
                        taken.append((m.start(), cue_end))
                        continue
                # (据主办方统计: a party named by its role, 方, is credited as printed, no body 主办 in it)
                if key == "according" and not org_of(x) and not apposed_name(named.strip()) \
                        and not re.fullmatch(r"[\u4e00-\u9fff]{1,6}方", x):
                    body = extend_to_body(norm, m.start("x"), end)
                    if body:
                        x, cue_end = clean(body), max(cue_end, m.start("x") + len(body))
                who = self._speaker(x, m.start(), bare=key in ("published", "published_title", "published_bare",
                                                               "shows")) \
                    if key != "according" or len(x) <= 4 else None
                if who and who[1]:
                    out.append(Cue(m.start(), cue_end, who[0], True, who[2]))
                elif key in ("published", "published_title", "published_by", "published_bare", "surveyed",
                             "monitored") \
                        and not (org_of(x) or who or (key in ("published", "published_title")
                                                      and _named_publisher(x))):
                    continue  # 会议发布，… : nobody credited
                elif key == "document":
                    out.append(Cue(m.start(), cue_end, x, False))
                else:
                    out.append(Cue(m.start(), cue_end, who[0] if who else (org_of(x) or x), False))
                taken.append((m.start(), cue_end))
        for m in pat["frame"].finditer(norm, start, end):
            if not free(m.start(), m.end()):
                continue
            x = next(g for g in m.groups() if g)
            who = self._speaker(x, m.start())
            if who:
                out.append(Cue(m.start(), m.end(), who[0], who[1], who[2]))
                taken.append((m.start(), m.end()))
        pos = start
        while pos < end:
            m = pat["speech"].search(norm, pos, end)
            if not m:
                break
            if free(m.start(), m.end()):
                who = self._speaker(m.group("x"), m.start(), bare=True)
                if who:
                    out.append(Cue(m.start(), m.end(), who[0], who[1], who[2]))
                    taken.append((m.start(), m.end()))
            pos = m.end()
        return out

    def _name_labels(self) -> list[Cue]:
        """A paragraph that is a title chain and a name before a colon (…院长邓国富：) speaks the next one."""
        out = []
        for start, end in self.doc.paragraphs:
            text = self.doc.norm[start:end].rstrip()
            if not text.endswith(("：", ":")) or len(text) > 80:
                continue
            person = next((p for p in self.people if start <= p.start and p.end == start + len(text) - 1), None)
            if person:
                out.append(Cue(person.start, person.end, person.name, True, person.org))
        # An interview set as 记者：…？ / 王晓峰：…: the answer is the person's who opens it.
        for start, end in self.doc.paragraphs:
            m = re.match(r"([\u4e00-\u9fff]{2,4})[：:]", self.doc.norm[start:end])
            if m and names.is_name(m.group(1)):
                out.append(Cue(start, start + len(m.group(1)), m.group(1), True, self.orgs.get(m.group(1))))
        # A body before a colon opening a title or an item (国家能源局：5月全社会用电量…) releases what follows.
        for start, end in self.doc.paragraphs:
            m = re.match(r"\s*([^，,。；;：:“”\s]{2,20})[：:]", self.doc.norm[start:end])
            if m and org_of(clean(m.group(1))) and clean(m.group(1)) not in load("attribution")["not_speakers"]:
                out.append(Cue(start + m.start(1), start + m.end(1), clean(m.group(1)), False))
        # One set as 问：… / 答：…: the answer is the person the article named before it (专访了…副厅长邓伟光).
        for index, (start, end) in enumerate(self.doc.paragraphs):
            named = re.match(r"\s*答\s*[（(](?P<who>[^（）()]{2,30})[）)]\s*[：:]", self.doc.norm[start:end])
            if named:  # 答（市发展改革委副主任 王晓梅）：: the one named in brackets
                who = self._speaker(named.group("who"), start + named.start("who"))
                if who and who[1]:
                    out.append(Cue(start, start + 1, who[0], True, who[2]))
                    continue
            # (问：…？答：1—4月…: an answer run on after its question in one paragraph)
            inline = re.search(r"[？?]\s*答\s*[：:]", self.doc.norm[start:end])
            if inline and not re.match(r"\s*(?:答\s*[：:]|[【［\[]\s*答\s*[】］\]])", self.doc.norm[start:end]):
                start = start + inline.start() + 1
            if re.match(r"\s*(?:答\s*[：:]|[【［\[]\s*答\s*[】］\]])", self.doc.norm[start:end]):
                # …问/答… ——鼓浪屿管委会副主任 陈立群: answers signed off at the foot are the signer's; 受访人：…研究员
                # 郑启明 heading the run, the one named there.
                signer = self._interviewee_before(index) or self._signer_after(index)
                if signer is not None:
                    out.append(Cue(start, start + 1, signer, True, self.orgs.get(signer)))
                    continue
                ref = self._person_before(start)
                if ref is not None and self._article_of(ref.start) == self._article_of(start):
                    name = ref.name if isinstance(ref, names.Person) else ref.source
                    out.append(Cue(start, start + 1, name, True, ref.org or self.orgs.get(name)))
        return out

    def _interviewee_before(self, index: int) -> str | None:
        """The person a line heading the run of 问/答 paragraphs that paragraph index is in names (受访人：…郑启明)."""
        for back in range(index - 1, max(-1, index - 16), -1):
            s, e = self.doc.paragraphs[back]
            text = self.doc.norm[s:e].strip()
            m = _INTERVIEWEE_LINE.search(text)
            if m:
                who = self._speaker(m.group("who"), s + m.start("who"))
                return who[0] if who and who[1] else None
            if not re.match(r"(?:问|答)\s*[：:]", text) and not (len(text) <= 12 and not ENDS_SENTENCE.search(text)):
                return None
        return None

    def _signer_after(self, index: int) -> str | None:
        """The person signing off the run of 问/答 paragraphs that paragraph index is in (——…副主任 陈立群,
        （受访者：…店长 王磊）), at the foot of an answer or on a line after the run."""
        for s, e in self.doc.paragraphs[index:index + 16]:
            text = self.doc.norm[s:e].strip()
            # (a signature the next box runs on from: （受访者：…）。◆数说一季度◆。…)
            m = _SIGNED.search(text) or _SIGNED.search(re.split(r"(?<=[）)])。", text, maxsplit=1)[0])
            if m:
                who = self._speaker(m.group("who") or m.group("said"), s)
                return who[0] if who and who[1] else None
            # (the run goes on in questions, answers and an answer's further paragraphs, not past a heading or box)
            # (nor past a quote of someone else's, “今年尿素…” ——种粮大户 王德胜)
            if not text or _BLOCK_OPENS.match(text) or text.startswith("“") \
                    or (len(text) <= 12 and not ENDS_SENTENCE.search(text)):
                return None
        return None

    def _quotes(self) -> list[tuple[int, int, str]]:
        """(start, end, speaker) of quoted passages whose speaker is named next to them."""
        out = []
        flat = self.doc.norm
        for m in re.finditer(r"“[^“”]{6,}?”", flat, re.S):
            after = self._cue_near(m.end(), m.end() + 25, first=True)
            # ”按照协会会长陈国荣的说法，…, ”在X看来，…: a frame opens what follows, it signs off no quote.
            # (在 opens a frame only as 在…看来; ”在杭州…经营网店的许晓敏说。 is a setting, then the quote's speaker)
            # (来自 opens a frame only as 来自…的数据: ”来自江西南昌的游客刘雯笑着说 names where the speaker is from)
            if after is not None and flat.startswith(_FRAME_OPENERS, after.start) \
                    and not (flat.startswith("在", after.start) and not _IN_VIEW.search(flat, after.start, after.end)) \
                    and not (flat.startswith("来自", after.start) and after.person
                             and not _FROM_DATA.search(flat, after.start, after.end)):
                after = None
            # “……还要快。”谈到保险业，该局…孙黎介绍，1—5月…: a speaker who goes on to say more after a closed quote
            # and a clause of the text's own speaks what follows, not the quote; the quote's speaker comes right
            # after it (”孙黎说) or closes the sentence (”在一家4S店，销售经理马晓峰向记者算了一笔账。).
            if after is not None and m.group(0).endswith(("。”", "！”", "？”")) \
                    and not re.fullmatch(r"[，,\s]*", flat[m.end():after.start]) \
                    and not re.match(r"\s*(?:[。！？]|$)", flat[after.end:after.end + 2]):
                after = None
            # ”刚签完认购书的王先生给记者算了一笔账：“…: a speaker who opens a quote of their own is not this one's.
            if after is not None and re.match(r"\s*[：:]\s*“", flat[after.end:after.end + 3]):
                after = None
            # “补贴加上平台满减，一台冰箱省了1200多元。”——市民 陈女士: signed at its foot, by a name after the dash.
            signer = _QUOTE_SIGNER.match(flat, m.end())
            who = self._signed_name(signer.group(1)) if signer and after is None else None
            if who is not None:
                out.append((m.start(), m.end(), who))
                self.cues.append(Cue(m.start(), m.start() + 1, who, True, self.orgs.get(who)))
                continue
            # A speaker signing off the quote before (“……” ——海州港务集团副总经理 马骏) is not this one's.
            signed = re.search(r"(?:——|—|--)[^“”。]*$", flat[max(0, m.start() - 45):m.start()])
            before = None if signed else self._cue_near(max(0, m.start() - 30), m.start(), first=False)
            # 牧场主张宝军：“…, 刚买了冰箱的王女士则还在观望：“…: a person named before a colon that opens the quote
            colon = None if after is not None or signed else \
                self._colon_speaker(m.start()) or self._subject_speaker(m.start())
            if colon is not None:
                out.append((m.start(), m.end(), colon))
                self.cues.append(Cue(m.start(), m.start() + 1, colon, True, self.orgs.get(colon)))
                continue
            cue = after or before
            if cue is None:
                # ”在慈溪一家…仓库里，外贸部经理王海燕一边核对装箱单，一边告诉记者。: a person named after a closed
                # quote, in the sentence that tells it
                told = self._teller_after(m.end()) if m.group(0).endswith(("。”", "！”", "？”")) else None
                if told is not None:
                    out.append((m.start(), m.end(), told.name))
                    self.cues.append(Cue(m.start(), m.start() + 1, told.name, True, told.org))
                    continue
                # ”值班调度员吴思远眼睛没离开屏幕。: the person the sentence after the quote is about
                stop = flat.find("。", m.end())
                shown = self._introduced(m.end(), stop + 1 if stop >= 0 else len(flat))
                if shown is not None and m.group(0).endswith(("。”", "！”", "？”")):
                    out.append((m.start(), m.end(), shown))
                    self.cues.append(Cue(m.start(), m.start() + 1, shown, True, self.orgs.get(shown)))
                    continue
                # 在…会长林立群看来，…。“前5个月，…15%以上。”: a quote going on with what the paragraph's speaker
                # said before it
                p_start = self.doc.paragraphs[self.doc.sentences[self.doc.sentence_index(m.start())].paragraph][0]
                prior = [c for c in self.cues if p_start <= c.start < m.start() and c.person]
                if prior:
                    out.append((m.start(), m.end(), prior[-1].source))
                    self.cues.append(Cue(m.start(), m.start() + 1, prior[-1].source, True, prior[-1].org))
                continue
            out.append((m.start(), m.end(), cue.source))
            self.cues.append(Cue(m.start(), m.start() + 1, cue.source, cue.person, cue.org))
        return out

    def _repoint_pronouns(self) -> None:
        """他说 after a quote whose speaker only the quotes pass found (“……”值班调度员吴思远眼睛没离开屏幕。他说，…):
        him."""
        pronouns = tuple(load("attribution")["pronouns"])
        quoted = {at for at, _, _ in self.quotes}
        for i, c in enumerate(self.cues):
            if not c.person or not self.doc.norm.startswith(pronouns, c.start):
                continue
            ref = self._person_before(c.start)
            if isinstance(ref, Cue) and ref.start in quoted and ref.source != c.source:
                self.cues[i] = Cue(c.start, c.end, ref.source, True, ref.org or self.orgs.get(ref.source))

    def _signed_name(self, text: str) -> str | None:
        """The person named in a quote's signature (市民 陈女士, “宝妈” 周婷婷, 县长 高胜利)."""
        text = re.sub(r"[“”\s]", "", text)
        who = self._speaker(text, 0)
        if who and who[1]:
            return who[0]
        polite = _POLITE_NAME.search(text)
        if polite and polite.end() == len(text):
            return polite.group(0)
        for size in (3, 2):
            if len(text) > size and names.is_name(text[-size:]):
                return text[-size:]
        return text if names.is_name(text) else None

    def _colon_speaker(self, start: int) -> str | None:
        """The person whose words a colon before the quote at start opens, named in the same clause before it."""
        norm = self.doc.norm
        m = _COLON_BEFORE_QUOTE.search(norm, max(0, start - 40), start)
        if m is None:
            return None
        clause = m.group("clause")
        c0 = m.start("clause")
        for p in reversed(self.people):
            if c0 <= p.start and p.end <= m.end("clause") and _AFTER_SPEAKER.fullmatch(norm, p.end, m.end("clause")):
                return p.name
        # (a name after a description that is no title the lexicon lists: 牧场主张宝军, 市民王女士)
        for i in range(len(clause) - 2, -1, -1):
            name = self._described_name(clause, c0, i) if i else self._described_name(clause, c0, 0) or (
                names.person_name_at(norm, c0, m.end("clause")))
            if name and _AFTER_SPEAKER.fullmatch(norm, c0 + i + len(name), m.end("clause")):
                return name
        return None

    def _described_name(self, clause: str, c0: int, i: int) -> str | None:
        """A name at clause[i] after a description (牧场主张宝军, 市民王女士, 来自南昌的游客刘雯), or None."""
        norm = self.doc.norm
        polite = _POLITE_NAME.match(norm, c0 + i)
        name = polite.group(0) if polite else names.person_name_at(norm, c0 + i, c0 + len(clause))
        # (游客刘雯: 游客 is the description, no name 游客刘)
        if not name or "记者" in clause[:i] or (polite is None and _TITLE_START.match(clause, i)):
            return None
        known = polite is not None or any(p.name == name for p in self.people)
        if (i == 0 and known) or (i > 0 and (clause[i - 1] == "的" or re.fullmatch(
                r"[\u4e00-\u9fff]{0,10}?" + _TITLE_END.pattern, clause[:i]))):
            return name
        return None

    def _subject_speaker(self, start: int) -> str | None:
        """The person a sentence opens with, for a quote later in it that nobody else is named for (上海游客赵启明则选择
        错峰，5月1日…西溪湿地，“门票加游船一共才180元。”)."""
        norm = self.doc.norm
        if not re.search(r"[，,]\s*$", norm[max(0, start - 2):start]):
            return None
        found = max(norm.rfind(c, max(0, start - 80), start) for c in "。！？\n”")
        s0 = found + 1
        if (found < 0 and start > 80) or "“" in norm[s0:start]:
            return None
        first = re.match(r"[^，,：:“”]{3,24}", norm[s0:start])
        if first is None:
            return None
        said = [c for c in self.cues if s0 <= c.start < start and c.person]
        if said:  # (来自江西南昌的游客刘雯笑着说，…6000元，“比预想的多花了1000来块钱。”)
            return said[-1].source
        clause = first.group(0)
        for i in range(0, min(len(clause) - 1, 14)):
            name = self._described_name(clause, s0, i)
            if name:
                return name
        return None

    def _teller_after(self, end: int) -> names.Person | None:
        """A person named in the sentence right after a quote that ends with them telling it (…一边告诉记者。)."""
        stop = self.doc.norm.find("。", end)
        stop = len(self.doc.norm) if stop < 0 else stop
        for p in self.people:
            if end <= p.start < min(stop, end + 40) and _TOLD_END.search(self.doc.norm, p.end, stop + 1):
                return p
        return None

    def _cue_near(self, lo: int, hi: int, first: bool) -> Cue | None:
        found = [c for c in self.cues if (c.person or self._unnamed_person(c)) and lo <= c.start < hi and
                 "。" not in self.doc.norm[min(lo, c.start):max(lo, c.start)]]
        if not found:
            return None
        return found[0] if first else found[-1]

    # --- carrying a speaker into later paragraphs ------------------------------------
    def same_article(self, a: int, b: int) -> bool:
        return self._article_of(a) == self._article_of(b)

    def _article_of(self, pos: int) -> int:
        if not self.articles:
            return 0
        return bisect.bisect_right([a for a, _ in self.articles], pos)

    def _refers(self, p_index: int, cue: Cue) -> bool:
        """Does paragraph p_index refer to the speaker of cue (or continue a body's data)?"""
        pat = patterns()
        s, e = self.doc.paragraphs[p_index]
        text = self.doc.norm[s:e]
        if not cue.source:  # (the paper's own words, cut by a box: only the rest of the cut sentence)
            return False
        # A new item of a list of short news (◎ …, △ …) takes nobody's words from the item before.
        if _ITEM.match(text):
            return False
        if not cue.person or self._spokesperson(cue):
            # A body's release goes on in the article's later paragraphs (新能源汽车…。1—3月，…; 分地区看,
            # 其中 …) until another source is named (a paragraph's own cue replaces it) or the reporter's own
            # reporting begins (记者采访了多家企业).
            # (A byline in brackets, （记者 王磊）, is no reporting of the paragraph's own.)
            # A paragraph that is a quote (“我们今年的订单…”) is somebody's words, not the release's.
            unbracketed = re.sub(r"[（(][^（）()]*[）)]", "", text)
            return bool(pat["continues"].match(text)) or cue.source in text \
                or not (pat["own_reporting"].search(unbracketed) or text.lstrip().startswith(("“", "「")))
        if cue.source in text or pat["pronoun"].search(text):
            return True
        # A spokesperson's data broken down in the next paragraphs (分月度看，4月份…; 从经营主体看，…) is still theirs.
        if pat["continues"].match(text):
            return True
        org = cue.org or self.orgs.get(cue.source)
        if org and any(n in text for n in [org, *names.short_names(org)]):
            return True
        if org and re.search("该(?:企业|公司|集团|单位|机构)", text):
            return True
        if pat["list"].match(text):
            return True
        if p_index > 0:
            ps, pe = self.doc.paragraphs[p_index - 1]
            prev = self.doc.norm[ps:pe]
            if pat["list"].match(prev) or prev.rstrip().endswith(("：", ":")):
                return True
        return False

    def _carry_by_paragraph(self) -> list[Cue | None]:
        """For each paragraph, the person speaking when it starts (from earlier paragraphs).

        A body's release credited earlier in the article resumes after a speaker's paragraphs
        (国家能源局发布数据，… 韩放认为，… 截至3月底，全国…): the speaker interrupts it only while referred to.
        """
        out: list[Cue | None] = []
        current: Cue | None = None
        release: Cue | None = None
        article = None
        cut: Cue | None = None  # the source of a sentence cut by a box set in the column (…同 / 【图表】… / 比增长…)
        for index, (s, e) in enumerate(self.doc.paragraphs):
            # (the article a paragraph's text runs into: a page's header may open the first article's paragraph)
            a = self._article_of(max(s, e - 1))
            if a != article:
                current, release, article, cut = None, None, a, None
            text = self.doc.norm[s:e]
            box = self._is_box(index)
            if box and _SIDEBAR_OPENS.match(text):  # (■记者手记: the reporter's own notes, nobody's words run on)
                current, release = None, None
            if cut is not None and not box:
                current, cut = cut, None  # the rest of the cut sentence: its source goes on
            elif not (current is not None and not box and self._answering(current, text)):
                # (the paper's own words went on up to here: nothing resumes in the lines they introduce)
                seen = current is not None and not current.source
                if current is not None and not self._refers(index, current):
                    current = None
                if current is None and release is not None and not seen and self._refers(index, release):
                    current = release
            # (a photo's caption is the paper's: no speaker or release runs on into it)
            out.append(None if box and _CAPTION_END.search(text) else current)
            own = [c for c in self._cues_in(s, e) if c.start not in self._label_starts]
            # 另据省商务厅监测，…: another body's figure put in by the way; the release goes on after it.
            main = [c for c in own if not self.doc.norm.startswith("另据", c.start)]
            if main:
                current = main[-1]
                bodies = [c for c in main if not c.person or self._spokesperson(c)]
                release = bodies[-1] if bodies else release
            elif own:
                current = release or own[-1]
            # (记者看到挂出的牌价： / 三等小麦每斤1.19元…: what the reporter saw, listed under the colon)
            if text.rstrip().endswith(("：", ":")) and self._own_since(own[-1].end if own else s, e):
                current = Cue(e, e, "", False)
            if not box and cut is None and text.rstrip() and not ENDS_SENTENCE.search(text) \
                    and not _JUMP_END.search(text) \
                    and index + 1 < len(self.doc.paragraphs) and self._is_box(index + 1):
                # (…据了解，屈子文化园假期门票收入同比增长 [box] 36%: the paper's own words go on after the box)
                last = own[-1].end if own else s
                cut = Cue(e, e, "", False) if self._own_since(last, e) else current
        return out

    def _answering(self, cue: Cue, text: str) -> bool:
        """Does an answer (答：…) go on in this paragraph? It does until the next question (问：…), a box or
        a heading (记者手记), or the rest of a sentence cut before the interview (13.2%。二季度末…)."""
        body = text.strip()
        opens = re.match(r"(?:【\s*)?问\s*[：:】]", body) or _BLOCK_OPENS.match(body)
        return cue.person and bool(re.match(r"\s*(?:【\s*)?答", self.doc.norm[cue.start:cue.start + 3])) \
            and not opens and bool(body) \
            and not (len(body) <= 12 and not ENDS_SENTENCE.search(body)) \
            and not re.match(r"[\d.]+\s*(?:%|％|万|亿)?[^\u4e00-\u9fff\d]", body)

    def _is_box(self, index: int) -> bool:
        return self._boxes[index]

    def _box(self, index: int) -> bool:
        """A box set in the column: it opens with its label (【图表】…) or a credit at its foot closes it."""
        s, e = self.doc.paragraphs[index]
        text = self.doc.norm[s:e]
        # (a photo's caption, closed by its credit (本报记者 刘洋 摄), is set in the column like a box)
        return text.lstrip().startswith("【") or any(s <= at < e for at in self._label_starts) \
            or bool(_CAPTION_END.search(text)) or bool(_SIDEBAR_OPENS.match(text))

    def printed(self, name: str | None) -> str | None:
        """A name read from the folded text, as the text prints it (traditional characters kept)."""
        if not name:
            return name
        i = self.doc.norm.find(name)
        return self.doc.flat[i:i + len(name)] if i >= 0 else name

    # --- the answer ----------------------------------------------------------------
    def source_of(self, pos: int) -> str | None:
        doc = self.doc
        sentence = doc.sentences[doc.sentence_index(pos)]
        in_sentence = self._cues_in(sentence.start, sentence.end)
        before = [c for c in in_sentence if c.start < pos]
        if self._own_since(before[-1].end if before else sentence.start, pos):
            return None
        if before:
            return before[-1].source
        p_start, p_end = doc.paragraphs[sentence.paragraph]
        for q_start, q_end, speaker in self.quotes:
            # (a box set inside a quote cut by a column is the box's, not the speaker's)
            if q_start <= pos < q_end and not (q_start < p_start and self._is_box(sentence.paragraph)):
                return speaker
        # (a credit at a box's foot, in a sentence a box cuts, is the box's: not that of the sentence round it)
        after = [c for c in in_sentence if c.start > pos and c.start not in self._label_starts]
        if after:
            return after[0].source
        for s, e, name in self.speakers:
            if s <= pos < e and not (s < p_start and self._is_box(sentence.paragraph)):
                return name
        for at, name, before_only in self.labels:
            # A credit at a box's foot closes what it credits: not what runs on after it (a column cut round the box);
            # one in the box's first line (…主要指标（数据来源：国家统计局）) heads it.
            if p_start <= at < p_end and name and not (before_only and at < pos) \
                    and not (at < pos and at in self._label_starts):
                return name
        earlier = [c for c in self._cues_in(p_start, sentence.start) if c.start not in self._label_starts]
        if self._own_since(earlier[-1].end if earlier else p_start, sentence.start):
            return None
        # 在嘉善县经营一家五金配件厂的顾建明，3月从该行拿到…: the paper tells of another person; the speaker before
        # does not say it.
        subject = self._introduced(sentence.start, sentence.end)
        if subject is not None:
            carried = earlier[-1] if earlier else self._carry[sentence.paragraph]
            if carried is None or carried.source != subject:
                return None
        if earlier:
            return earlier[-1].source
        # A sentence that says where the paragraph's figures came from (这是记者从市统计局获悉的, 以上数据来自…).
        recap = next((c for c in self._cues_in(sentence.end, p_end) if self._recaps(c)), None)
        if recap is not None:
            return recap.source
        carried = self._carry[sentence.paragraph]
        return carried.source or None if carried else None

    def _introduced(self, start: int, end: int) -> str | None:
        """The person a sentence opens with as the subject of its story (…经营一家五金配件厂的顾建明，), or None."""
        m = re.match(r"\s*([^，,。；：:“”]{3,40})[，,。]", self.doc.norm[start:end])
        if m is None:
            return None
        clause = m.group(1)
        opens = _DESCRIBED_AS.match(clause)  # (茶农杨秀英家有12亩茶园。)
        if opens:
            person = next((p for p in self.people if p.start == start + m.start(1) + opens.end()), None)
            if person is not None:
                return person.name
        # (值班调度员吴思远眼睛没离开屏幕。: a name after a title that opens the clause)
        for i in range(2, min(len(clause) - 1, 12)):
            if _TITLE_END.search(clause[:i]) and not re.search("[的在对向从]", clause[:i]):
                name = self._described_name(clause, start + m.start(1), i)
                if name:
                    return name
        for size in (3, 2):
            name, head = clause[-size:], clause[:-size]
            if names.is_name(name) and (head.endswith("的") or _TITLE_END.search(head)) and "记者" not in head:
                return name
        return None

    def _own_since(self, lo: int, hi: int) -> bool:
        """Does the paper report for itself between lo and hi (记者在现场看到, 据记者统计)?"""
        i = bisect.bisect_left(self.own, lo)
        return i < len(self.own) and self.own[i] < hi

    def _spokesperson(self, cue: Cue) -> bool:
        """A body's spokesperson (该局新闻发言人、总统计师胡长征介绍): what they give is the body's release."""
        return cue.person and bool(_SPOKESPERSON.search(self.doc.norm, cue.start, cue.end))

    def _recaps(self, cue: Cue) -> bool:
        """Does the cue's sentence look back on what was printed before it (这是…获悉的, 以上数据…, 上述数据…)?"""
        sentence = self.doc.sentences[self.doc.sentence_index(cue.start)]
        return bool(_RECAP.match(self.doc.norm, sentence.start)) or self.doc.norm.startswith("这是", cue.start)

    def _cues_in(self, start: int, end: int) -> list[Cue]:
        return self.cues[bisect.bisect_left(self._cue_starts, start):bisect.bisect_left(self._cue_starts, end)]

    def person_at(self, pos: int) -> Cue | None:
        """The person credited at pos, if it is a person (for entities: 他 → his company)."""
        source = self.source_of(pos)
        for c in reversed(self.cues):
            if c.source == source and c.person and c.start <= pos:
                return c
        return None


