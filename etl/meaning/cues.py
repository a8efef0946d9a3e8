"""The words that credit a figure to someone: patterns and the cleaning of what they capture.

据/根据 X (统计/数据), X 发布的数据显示, X 数据显示, X 表示/说/介绍 …: the patterns are
built from attribution.yml; `clean` takes dates, fillers, settings (在…上) and publishing
words off the captured phrase, and `org_of` says whether it names a body or a document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from etl.meaning.lexicon import alternation, continuation, load
from etl.meaning.names import is_name

_NOT_PUNCT = r"[^，,。；;：:！？!?“”\n]"
# A phrase naming who: no punctuation, but a short name given in brackets may be inside it (长瑞保险集团股份有限公司
# （下称“长瑞保险”）4月29日晚间披露的一季度报告显示).
_PHRASE = rf"(?:{_NOT_PUNCT}|[（(](?:以下简称|下称|简称|以下称)“[^“”（）()\n]{{1,12}}”[）)])"
# (各县（市）农业农村局: a bracket naming a kind of place inside the name stays)
_BRACKETED = re.compile(r"[（(](?![市区县镇乡][）)])[^（）()]*[）)]")
_TIME_TAIL = re.compile(r"(?:今年|去年|本月|上月|近日|日前|较早前|早前|随后|受访时|昨天|昨日|昨晚|今晨|今日|前日|实时|"
                        r"当晚|当天|当日|近期|最新|晚间|上午|下午|早间|晚|以来|\s|"
                        r"(?:19|20)\d{2}\s*年|\d{1,2}\s*月(?:\s*\d{1,2}\s*日|初|上旬|中旬|下旬|底|末)?|\d{1,2}\s*日|"
                        r"[一二三四五六七八九十]+月(?:[一二三四五六七八九十]+日)?|的)+$")
_SETTING_TAIL = re.compile(r"(?<!来自)在(?!线)[^，。；：“”]{1,16}$")  # (在线旅游平台: a word, no setting)
LEAD = re.compile(r"^(?:本?报讯|本刊讯|本报综合(?:消息|报道)?|综合消息|快讯|简讯|短讯|\s|[◎△▲●○◇◆□■★☆]|"
                  r"(?:本报|新华社|中新社)[\u4e00-\u9fff]{0,6}(?:\d{1,2}月\d{1,2}日)?(?:电|讯)|由|"
                  r"(?:本报)?记者[\u4e00-\u9fff]{2,3}(?:报道|采写)|"
                  r"经(?![济贸营信])|从|在|来自|另据|又据|根据|据|而|但|同时|此外|另外|其中|对此|为此|记者|"
                  r"(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日(?![电讯])(?=[\u4e00-\u9fff]))+")  # (从21日南宁海关召开的…)


@dataclass(frozen=True)
class Cue:
    start: int  # flat offsets of the whole cue
    end: int
    source: str  # as printed
    person: bool  # a person (carried into later paragraphs) rather than a body's data
    org: str | None = None  # the person's organisation, when the text names it


@cache
def _places() -> tuple[str, ...]:
    lex = load("entities")
    return tuple(lex["provinces"]) + tuple(lex["cities"])


@cache
def patterns() -> dict[str, re.Pattern[str]]:
    lex = load("attribution")
    nouns = alternation(lex["source_nouns"])
    publish = f'(?:{alternation(lex["publish_verbs"])})(?!会)'  # (在发布会上介绍: a setting, nothing published)
    shows = alternation(lex["shows"])
    verbs = alternation(lex["speech_verbs"])
    fillers = alternation(lex["speech_fillers"])
    # 经测算 is a frame; 经济部统计处 is a name.
    frames = "|".join(f"{re.escape(a)}{'(?![济贸营信])' if a == '经' else ''}"
                      f"(?P<f{i}>{_NOT_PUNCT}{{2,30}}?){re.escape(b)}"
                      for i, (a, b) in enumerate(lex["frames"]))
    return {
        "according": re.compile(rf"(?:根据|依据|另据|(?<![数证占票收单论字依根])据)(?P<x>{_PHRASE}{{2,30}})"
                                rf"(?:(?:{publish})的?{_NOT_PUNCT}{{0,8}}?)?(?:{nouns})"),
        "published": re.compile(rf"(?P<x>{_PHRASE}{{2,30}}?)(?:{publish})了?的?{_NOT_PUNCT}{{0,24}}?"
                                rf"(?:{nouns})(?:则|也|还|均)?(?:(?:{shows})|(?=[，,：:。]))"),
        "published_bare": re.compile(rf"(?P<x>{_NOT_PUNCT}{{2,30}}?)(?:{publish}|统计|测算|消息)(?=[，,：:])"),
        "shows": re.compile(rf"(?P<x>{_PHRASE}{{2,30}}?)的?(?:{nouns})(?:则|也|还|均)?(?:{shows})"),
        # 公告显示，华锂新材一季度实现营业收入…: a filing nobody is named before, of the company named right after it
        "filing_about": re.compile(r"(?:(?<=[。；：\s）)])|^)(?:公告|年报|财报|一季报|半年报|三季报|业绩预告)"
                                   r"(?:显示|称|披露)\s*[，,：:]\s*(?P<x>[\u4e00-\u9fff]{2,14}?"
                                   r"(?:股份有限公司|有限公司|集团|股份|科技|新材|锂业|药业|汽车|电子|能源|材料))"),
        "frame": re.compile(frames),
        # X发布的《…》报告 credits X whatever the sentence goes on to say (…报告则将预期上调至2.6%).
        "published_title": re.compile(rf"(?P<x>{_PHRASE}{{2,30}}?)(?:{publish})的?《[^《》]{{2,40}}》"),
        # 这一数据由湖北机场集团对外发布: the body by which it was published.
        "published_by": re.compile(rf"由(?P<x>{_NOT_PUNCT}{{2,30}}?)(?:对外|正式|联合)?(?:{publish}|统计|测算)"),
        # 市商务局监测的286家重点商贸企业…: the body whose sample the figures come from.
        "monitored": re.compile(rf"(?P<x>{_NOT_PUNCT}{{2,30}}?)(?:重点|跟踪)?(?:监测|统计|调度|调查)的"
                                r"(?=\s*(?:\d|[一二三四五六七八九十两百千万数]|重点|样本|规模以上))"),
        "learned": re.compile(rf"从(?P<x>{_NOT_PUNCT}{{2,30}}?)(?:获悉|了解到|得到)"),
        # ……86%——这是织里童装商会近日对227家会员企业调查得出的结果: who surveyed, named after the figures.
        "surveyed": re.compile(rf"这是(?P<x>{_NOT_PUNCT}{{2,30}}?)(?:近日|日前|此前|最近|今年)?(?:对|面向|针对)"
                               rf"{_NOT_PUNCT}{{1,30}}?(?:调查|调研|统计|监测)"),
        "document": re.compile(rf"《(?P<x>[^《》]{{2,40}})》(?:{shows})"),
        # (数据来源：X), and a credit in brackets closing a paragraph: （据省粮食和物资储备局监测）
        # (数据来源：上交所、深交所 制表：林涛: the credit stops at the next one, which the flat text runs into it.)
        "label": re.compile(r"(?:数据)?(?:来源|出处)[:：]\s*"
                            # (各县（市）农业农村局: a short bracket inside the name; ■ opens what follows the box)
                            r"(?P<x>《[^《》\n]{1,40}》|(?:(?!制表|制图|整理|编辑)(?:[（(][^（）()\n，。]{1,4}[）)]"
                            r"|[^，,。；;）)（(\n\s：:■□◆◇▲●【])){2,30})"
                            r"|[（(]\s*据(?P<by>[^（）()，,。；;\n]{2,30}?)(?:监测|统计|测算|调查|发布|数据)?\s*[）)]\s*。?\s*$"
                            r"|[（(]\s*(?P<bare>[\u4e00-\u9fffA-Za-z]{2,20})\s*[）)]\s*。?\s*$"),
        # 记者在现场看到, 记者算了一笔账, 据本报记者统计: the paper's own reporting, credited to nobody.
        "own_seen": re.compile(r"(?:据(?:本报|本刊)?记者(?:不完全|粗略|初步)?(?:统计|测算|梳理|计算|估算|了解)"
                               r"|据了解(?=[，,])|据不完全统计"
                               # (记者据此测算: the reporter's sums from figures credited before)
                               r"|(?<![从向对据])(?:本报|本刊)?记者(?:在[^，,。；“”]{1,24}?|随机|现场|据此|由此|以此)?"
                               r"(?:看到|注意到|发现|观察到|算了一笔账|粗略计算|统计|测算|梳理|查询|计算|估算)"
                               r"(?!的?(?:数据|结果)))"),
        "continues": continuation(),
        "own_reporting": re.compile(alternation(lex["own_reporting"])),
        "speech": re.compile(rf"(?P<x>{_NOT_PUNCT}{{1,40}}?)(?:(?:{fillers}))*(?:{verbs})+(?=[，,：:“。\s]|$)"),
        "pronoun": re.compile("(?<![其吉利])(?:" + alternation(lex["pronouns"]) + ")(?![们人])"),
        "list": re.compile("(?:" + alternation(lex["list_markers"]) + ")"),
    }


def clean(x: str) -> str:
    lex = load("attribution")
    fillers = sorted(lex["speech_fillers"], key=len, reverse=True)
    # 国际货币基金组织（IMF）, （本报记者林悦整理）滨江市统计局: what is in brackets is no part of the name.
    x = _BRACKETED.sub("", x).strip()
    x = _MEETING_TAIL.sub("", x) or x
    # 按照国家医保局日前发布的《…》: the frame's word is no part of the name; ——5月…17.8%国网湖北…: a title's
    # dash line before the name is none either.
    x = re.sub(r"^(?:按照|依照|参照|依据|根据)", "", x) or x
    # (省水文水资源勘测中心截至8月25日8时, 记者从浙江甬洲液化天然气有限公司: the time of a credit and the frame of
    # 记者从…了解到 are no part of the name)
    x = re.sub(r"(?<=..)[，,\s]*截[至止].*$", "", x) or x
    x = re.sub(r"^(?:本报)?记者(?:\s*[\u4e00-\u9fff]{2,3}\s+)?(?:从|自)(?=[\u4e00-\u9fff]{4})", "", x) or x
    # 同在海曙区的一家外贸综合服务平台: where the unnamed party is, no part of what it is
    x = re.sub(r"^(?:同|也|还|另)?在[^，,。的]{1,10}的(?=一家|一位|一名|一个)", "", x)
    x = re.split(r"——", x)[-1].strip() or x
    # (—5月全省新能源发电量占比17.8%国网湖北电力调度控制中心: a title's figure runs into the name after it)
    # (城市更新撬动上下游家装订单增三成安徽省房地产业协会: a figure in Chinese numerals too)
    figure = re.match(r"^—?[^—]*(?:\d[\d.]*\s*(?:%|％|万|亿)|[一二三四五六七八九两]成)[^\d]*?(?=[\u4e00-\u9fff])", x)
    if figure and org_of(x[figure.end():]):
        x = x[figure.end():]
    # 实习生田雨）中国农业大学…, 天山网）·农业农村部: a bracket closed that opened before x is no part of it.
    x = re.sub(r"^[^（(]*[）)]\s*[·•]?", "", x).strip() or x
    changed = True
    while changed and x:
        changed = False
        new = _SETTING_TAIL.sub("", x)
        if new != x and new:
            x, changed = new, True
        for f in fillers:
            if x.endswith(f) and len(x) > len(f):
                x = x[: -len(f)]
                changed = True
        new = _TIME_TAIL.sub("", x)
        if new != x and new:
            x, changed = new, True
        new = LEAD.sub("", x)
        if new != x and new:
            x, changed = new, True
        new = _SETTING_TAIL.sub("", x)
        if new != x and new:
            x, changed = new, True
        new = _published_tail().sub("", _PUBLISH_END.sub("", x))
        if new != x and new:
            x, changed = new, True
    # 长瑞保险集团股份有限公司4月29日晚间披露的一季度报告: the body whose document it is.
    m = _OWNED_DOCUMENT.search(x)
    if m and m.start() > 0:
        owner = _TIME_TAIL.sub("", x[:m.start()]).strip()
        if owner and (org_of(owner) or _SHORT_NAME.fullmatch(owner)):
            x = owner
    # 国际货币基金组织日前发布的《世界经济展望》报告: the body whose document it is.
    m = _DOCUMENT_TAIL.search(x)
    if m and m.start() > 0:
        owner = clean(x[:m.start()])
        if org_of(owner):
            return owner
    # 国际能源署最新报告预测: the body whose report it is; 该公司年报显示: the company referred to.
    m = _REPORT_TAIL.search(x)
    if m and (org_of(x[:m.start()]) or x[:m.start()] in COMPANY_REFERENCES):
        x = x[:m.start()]
    elif m and m.start() > 0 and _DOCUMENT_WORD.search(m.group(0)):
        # 一季度报告: the document of the period named, one of the body credited before; 申通快递此前年报: a
        # company's own document, by a name with no ending (not 政府工作报告).
        owner = x[:m.start()]
        if _PERIOD_OWNER.fullmatch(owner):
            return _DOCUMENT_WORD.search(m.group(0)).group(0)
        if _COMPANY_DOCUMENT.search(m.group(0)) and (_SHORT_NAME.fullmatch(owner) or apposed_name(owner)) \
                and not _TIME_TAIL.fullmatch(owner) and not _SOME_COMPANIES.search(owner):
            x = owner
    x = _DATA_TAIL.sub("", x)
    x = _WORK_TAIL.sub("", x)  # 县茶叶交易市场的监测数据显示: the market's
    # 迎来开门红文/本报记者 方可欣中国演出行业协会: a byline run into the name (the body after it)
    # (本刊记者 吴彤上海航运交易所: a two-character name where the body after it opens with a place)
    # (通讯员钱毅来自吴江海关的数据: the frame's word after a two-character name, not a third character of it)
    cuts = []
    for size in (3, 2):
        m = re.search(rf"(?:文/|■)?(?:本报|本刊)?(?:记者|通讯员)\s*[\u4e00-\u9fff]{{{size}}}", x)
        after = x[m.end():].strip() if m else ""
        rest = LEAD.sub("", after)
        if m and rest and org_of(rest):
            cuts.append((rest, rest.startswith(_places()) or rest != after))
    if cuts:
        x = cuts[-1][0] if len(cuts) == 2 and cuts[-1][1] else cuts[0][0]
    # 沈佳怡 来自吴江海关: a byline's name, then the body (the byline's 记者 already stripped)
    # (谢楠　金穗粮油6月26日晚间公告: a name, then a company with no ending)
    parts = x.split()
    if len(parts) > 1 and all(len(p) <= 4 for p in parts[:-1]):
        rest = LEAD.sub("", parts[-1])
        if rest and (org_of(rest) or all(is_name(p) for p in parts[:-1])) and not org_of(parts[-2]):
            x = rest
    # 由省商务厅指导、郑州跨境电子商务研究院编制的《…》: the one who wrote it, not the one who guided it
    x = re.sub(r"^由?[^、，,]{2,20}(?:指导|支持|主管)、", "", x) or x
    # 上市公司秦川光电股份有限公司, 县内龙头企业康源绿野农业发展股份有限公司: what the company is, before its name
    # (片区注册的合肥晶瑞半导体股份有限公司: where it is, then the name)
    described = re.match(r"^(?:[\u4e00-\u9fff]{0,6}(?:上市公司|龙头企业|企业|公司)|[^，。]{1,10}的)"
                         r"(?=[\u4e00-\u9fff]{4,20}(?:股份有限公司|有限责任公司|有限公司|集团)$)", x)
    if described:
        x = x[described.end():]
    # A授权B公布: B publishes, unless B is only the outlet (国家统计局授权新华社发布: the bureau's data).
    if "授权" in x:
        owner, outlet = x.rsplit("授权", 1)
        x = owner if outlet.endswith(tuple(load("attribution")["media_suffixes"])) and owner else outlet
    x = x.strip("《》")
    # 省价格监测中心对全省36个监测点(的统计): the body that did it, not what it was done on
    m = re.match(r"([^，,。对]{2,20})对(?!外)", x)
    if m and org_of(m.group(1)):
        x = m.group(1)
    # 江楠来自市商务局: a byline's name, then where the data are from (记者 already stripped)
    m = re.match(r"[\u4e00-\u9fff]{2,3}\s*来自", x)
    if m and org_of(x[m.end():]):
        x = x[m.end():]
    # 出行服务平台“行途”: a kind of body, then its name in quotes; the name is what is credited.
    x = re.sub(r"^[\u4e00-\u9fff]{0,12}“([\u4e00-\u9fffA-Za-z0-9]{2,12})”$", r"\1", x)
    # 行业资讯机构中金钢讯, 在线旅游平台携程: a kind of body, then its name; the name is what is credited.
    x = apposed_name(x) or x
    # 快讯■本报上海10月29日讯上海证券交易所: what a dateline opens with is the name.
    # (月21日讯安徽省…: a dateline whose month's figure the phrase began after)
    after_dateline = re.split(r"(?:本报|新华社|中新社)[\u4e00-\u9fff]{0,6}\d{0,2}月?\d{0,2}日?(?:讯|电)"
                              r"|\d{1,2}月\d{1,2}日(?:讯|电)|^月?\d{1,2}日(?:讯|电)", x)[-1].strip()
    x = after_dateline or x
    # 本报记者 郑航 摄一位海悦酒店集团负责人: a photo's credit before the name is no part of it.
    x = re.sub(r"^[\u4e00-\u9fff\s]{0,10}?[\u4e00-\u9fff]{2,3}\s*摄(?=[\u4e00-\u9fff])", "", x) or x
    # 携程平台, 美团平台: the platform's own name (not 全国信用信息共享平台, 电商平台).
    if x.endswith("平台") and 2 <= len(x) - 2 <= 6 and not _GENERIC_PLATFORM.search(x[:-2]):
        x = x[:-2]
    # Two bodies credited together (A和B发布): the first one.
    for joins in ("和|及|、", "与"):
        parts = re.split(joins, x)
        if len(parts) > 1 and all(org_of(p) for p in parts):
            x = parts[0]
            break
    # 今年以来发布的数据显示: a time, nobody named.
    return "" if _TIME_TAIL.fullmatch(x) else x.strip()


@cache
def _org_suffix_re() -> re.Pattern[str]:
    return re.compile("(?:" + alternation(load("entities")["org_suffixes"]) + ")$")


_GENERIC_PLATFORM = re.compile("电商|第三方|该|某|交易|服务|监测|数据|网络|线上|在线|公共|信息|共享|综合|政务|开放|"
                               "管理|直播|社交|零售|外卖|旅游|出行|支付|工业|互联网")
_APPOSITION = re.compile(r"^[\u4e00-\u9fff]{0,12}(?:机构|平台|服务商|数据商|咨询公司|主办方|承办方|运营方|投资方|"
                         r"(?:建设|业主|运营|承建|开发|投资|牵头)单位|"
                         r"旗下(?:上市)?公司|控股(?:上市)?公司|子公司|母公司|(?:港股|A股|美股|科创板|创业板)上市公司)"
                         r"(?P<name>[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9]{1,19})$")
_DOCUMENT_TAIL = re.compile(r"《[^《》]{2,40}》(?:报告|白皮书|蓝皮书|公报)?$")
# (皖新农商银行日前发布的2023年年报: the bank whose annual report it is.)
_REPORT_TAIL = re.compile(r"(?:日前|近日|此前|最新)?(?:发布|公布|披露|发表)?的?(?:(?:19|20)\d{2}\s*年度?)?"
                          "(?:最新|年度|月度|半年度)?(?:研究报告|报告|研报|年报|半年报|一季报|三季报|季报|财报|白皮书|蓝皮书|数据|统计|研究|"
                          "公告|公报|预测|监测|调查)$")
# 据Wind数据统计: the data are X's, and 数据 no part of its name.
# (据星票专业版实时数据: the outlet's live data)
_DATA_TAIL = re.compile("(?<=..)(?<!大)的?(?:最新|实时)?数据$")  # (商务大数据 is a platform's name)
_OWNED_DOCUMENT = re.compile(r"(?:同时|同日|正式)?(?:发布|公布|披露|发表|出具)了?的?[^，,。]{0,16}?"
                             r"(?:报告|年报|半年报|一季报|三季报|季报|财报|公告|公报)$")
_SHORT_NAME = re.compile(r"[\u4e00-\u9fff]{2,8}")
# (各公司公告, 多家上市公司公告: documents of several, credited as printed)
_SOME_COMPANIES = re.compile(r"^(?:各|多家|部分|该|本|相关|上市)|(?:公司|企业)$")
_COMPANY_DOCUMENT = re.compile("(?:年报|半年报|一季报|三季报|季报|财报|公告)$")
_DOCUMENT_WORD = re.compile("(?:年报|半年报|一季报|三季报|季报|财报|公告|报告)$")
# (2024年一季度报告, 上半年报告: the period a document reports, no body's name)
_PERIOD_OWNER = re.compile(r"(?:(?:19|20)\d{2}\s*年度?)?(?:第?[一二三四]季度|上半年|下半年|前三季度|全年|年度)?"
                           r"(?<=[年度])")
#: Words that refer to a company named before (该公司公告称, 公司6月3日晚间发布的公告).
COMPANY_REFERENCES = frozenset({"该公司", "公司", "该集团", "集团", "该企业", "该行", "本公司"})
# (县发展和改革局的价格监测, 该行利率监测: what the body watched, then the watching)
_WORK_TAIL = re.compile("(?<=..)(?:的[\u4e00-\u9fff]{0,4}|(?<=^该.)[\u4e00-\u9fff]{0,4}|(?<=[网台站所院])|(?<=中心))"
                        "(?:监测|观测|统计|调查|测算|调研)$")  # (我的钢铁网监测, 杭州市气象台的观测)
# 合肥市科技局今天举行的新闻发布会上: where it was learned, not a part of the name
_MEETING_TAIL = re.compile(r"(?<=..)(?:今天|今日|昨天|昨日|日前|近日|\d{1,2}日)?(?:举行|召开|举办|主办)的?"
                           r"[^，,。]{0,12}?(?:新闻发布会|发布会|座谈会|推进会|会议|会)(?:上|中)?$")
_PUBLISH_END = re.compile("(?:(?:发布|公布|披露|发表|发文|提供)了?的?|(?:完成|开展|进行|组织|发起)的)"
                          "(?:一项|这项|该项)?$")


@cache
def _published_tail() -> re.Pattern[str]:
    """发布报告, 公布的数据 … at the end of a speaker phrase (中国电力企业联合会近日发布报告预计)."""
    lex = load("attribution")
    return re.compile(f"(?:{alternation(lex['publish_verbs'])})了?的?(?:最新)?(?:{alternation(lex['source_nouns'])})$")


def apposed_name(x: str) -> str | None:
    """The name after a kind of body (行业资讯机构中金钢讯 → 中金钢讯), or None."""
    m = _APPOSITION.match(x)
    return m.group("name") if m else None


def extend_to_body(norm: str, start: int, end: int) -> str | None:
    """The longest body name starting at start and ending before end (据国家统计局公告 → 国家统计局)."""
    lex = load("attribution")
    suffixes = alternation(lex["body_suffixes"] + load("entities")["org_suffixes"])
    m = re.match(rf"{_NOT_PUNCT}{{1,30}}(?:{suffixes})", norm[start:end])
    return m.group(0) if m else None


@cache
def _body_re() -> re.Pattern[str]:
    lex = load("attribution")
    return re.compile("(?:" + alternation(lex["body_suffixes"] + lex["document_suffixes"]) + ")$")


def org_of(x: str) -> str | None:
    """x when it names a body or a document (ends in such a suffix or is a known abbreviation)."""
    if x in load("entities")["abbreviations"]:
        return x
    if 2 <= len(x) <= 30 and (_org_suffix_re().search(x) or _body_re().search(x)) and x not in _GENERIC:
        return x
    return None


_GENERIC = frozenset({"公司", "该公司", "集团", "企业", "本公司", "部", "局", "中心", "机构", "政府", "报告",
                      # regions and parts, not bodies (东部：63%)
                      "东部", "西部", "中部", "南部", "北部", "东北部", "西北部", "西南部", "东南部", "全部", "内部",
                      "外部", "局部"})

