"""Numerals: read one number written in Arabic digits, Chinese numerals or a mix (`parse_number`).

Also the cached helpers the classifier uses on matched runs: `compact` (whitespace out,
full-width folded), `num` (parse_number or None) and `mult_of` (the printed multiplier's
power of ten).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

DIGIT: dict[str, int] = {
    ch: value
    for value, chars in enumerate(
        ["零〇○", "一壹幺", "二贰貳两兩倆", "三叁參叄", "四肆", "五伍", "六陆陸", "七柒", "八捌", "九玖"]
    )
    for ch in chars
}
_ZERO = frozenset("零〇○")
PLACE: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
SECTION: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}
#: Full-width forms and variants folded before parsing.
FOLD = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "．": ".",
        "，": ",",
        "－": "-",
        "−": "-",
        "＋": "+",
        "點": "点",
        "萬": "万",
        "億": "亿",
        "拾": "十",
        "佰": "百",
        "仟": "千",
    }
)
_ARABIC_FULL = re.compile(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?")
_TOKEN = re.compile(r"[0-9]+(?:\.[0-9]+)?|.", re.S)
_MONEY = re.compile(r"(.+?)[元圆](?:(.)角)?(?:(.)分)?[整正]?")
MAX_LEN = 100
_THOUSANDS = re.compile(r"(?<=[0-9]),(?=[0-9]{3}(?![0-9]))")


def parse_number(s: str) -> float | int:
    """Read one number written in Arabic digits, Chinese numerals or a mix of both.

    Examples: "两千三百万" -> 23000000, "三千零一十六点一" -> 3016.1,
    "１２８８．８" -> 1288.8, "1,260,582" -> 1260582, "3.5万亿" -> 3500000000000.0,
    "三万五" -> 35000 (colloquial: the last digit takes the next lower place).
    Whitespace anywhere is ignored, because PDF line breaks fall inside numbers.
    The result is an int unless a decimal point is printed.  Anything else
    raises ValueError naming the input and what is wrong with it.
    """
    if not isinstance(s, str):
        raise TypeError(f"parse_number: expected str, got {type(s).__name__}")
    t = "".join(s.split()).translate(FOLD)
    if not t:
        raise ValueError(f"parse_number: {s!r} is empty; expected a number such as '3016.1' or '三千零一十六点一'")
    if len(t) > MAX_LEN:
        raise ValueError(
            f"parse_number: {s[:20]!r}... is {len(t)} characters long; "
            f"numbers longer than {MAX_LEN} characters are not read"
        )
    neg = t[0] in "负負-"
    if t[0] in "负負-+":
        t = t[1:]
        if not t:
            raise ValueError(f"parse_number: {s!r} is a sign without a number")
    try:
        value, is_float = _parse_unsigned(t)
    except (ValueError, InvalidOperation, KeyError) as err:
        raise ValueError(f"parse_number: cannot read {s!r} as a number: {err}") from None
    if neg:
        value = -value
    if is_float:
        out = float(value)
        if out in (float("inf"), float("-inf")):
            raise ValueError(f"parse_number: {s!r} is too large for a float")
        return out
    return int(value)


def _parse_unsigned(t: str) -> tuple[Decimal, bool]:
    """(value, printed-with-a-decimal-point) for a string without sign or whitespace."""
    if _ARABIC_FULL.fullmatch(t):
        return Decimal(t.replace(",", "")), "." in t
    t = t.replace("廿", "二十").replace("卅", "三十").replace("卌", "四十")
    money = _MONEY.fullmatch(t) if ("元" in t or "圆" in t) else None
    if money:
        yuan, jiao, fen = money.groups()
        value, is_float = _parse_unsigned(yuan)
        if jiao:
            value += Decimal(DIGIT[jiao]) / 10
            is_float = True
        if fen:
            value += Decimal(DIGIT[fen]) / 100
            is_float = True
        return value, is_float
    if t[-1] in "整正元圆":
        raise ValueError("a currency word without an amount")
    if "," in t:
        t = _THOUSANDS.sub("", t)
        if "," in t:
            raise ValueError("a thousands separator is only read between Arabic digit groups")
    if "点" in t:
        if t.count("点") > 1:
            raise ValueError("more than one decimal point 点")
        whole, frac = t.split("点")
        if not whole:
            raise ValueError("nothing before the decimal point 点")
        digits = []
        i = 0
        while i < len(frac) and (frac[i] in DIGIT or frac[i].isdigit()):
            digits.append(str(DIGIT[frac[i]]) if frac[i] in DIGIT else frac[i])
            i += 1
        if not digits:
            raise ValueError("no digits after the decimal point 点")
        tail = frac[i:]
        mult = multiplier(tail) if tail else 1
        if tail and any(c in SECTION for c in whole):
            raise ValueError("a multiplier after a decimal whose whole part already has 万/亿")
        return (_int(whole) + Decimal("0." + "".join(digits))) * mult, True
    value = _int(t)
    return value, "." in t


def multiplier(tail: str) -> int:
    """Product of a run of multiplier characters: "万" -> 10**4, "千万" -> 10**7."""
    mult = 1
    for c in tail:
        if c in PLACE:
            mult *= PLACE[c]
        elif c in SECTION:
            mult *= SECTION[c]
        else:
            raise ValueError(f"{c!r} is not a digit or multiplier")
    return mult


def _int(s: str) -> Decimal:
    """Whole part: split at the last 亿, then the last 万, recursively."""
    for mark, val in (("兆", 10**12), ("亿", 10**8), ("万", 10**4)):
        i = s.rfind(mark)
        if i < 0:
            continue
        left, right = s[:i], s[i + 1 :]
        if not left:
            lv = Decimal(1)
        elif left == "万" and mark == "万":
            lv = Decimal(10**4)  # 万万 = 亿, as in 四万万 and 万万分之七
        elif left == "万" and mark == "亿":
            lv = Decimal(10**4)  # 万亿 = 10^12, a trillion
        elif not left.strip("万亿兆"):
            raise ValueError(f"repeated multiplier {left + mark!r}")
        else:
            lv = _int(left)
        if right and "." in left:
            raise ValueError(f"digits after {mark} following a decimal")
        return lv * val + _tail(right, val)
    return _section(s)


def _tail(right: str, val: int) -> Decimal:
    """The part after 万/亿: "零五" -> 5, colloquial "三万五"'s "五" -> 5000."""
    if not right:
        return Decimal(0)
    if right[0] in _ZERO:
        rest = right.lstrip("零〇○")
        if not rest:
            raise ValueError("零 at the end of the number")
        if rest[0] in PLACE and rest[0] not in "十拾":
            rest = "一" + rest  # 一万零百一十一: the digit before 百 is left out
        rv = _int(rest)
    elif len(right) == 1 and right in DIGIT:
        return Decimal(DIGIT[right] * val // 10)
    else:
        rv = _int(right)
    if rv >= val:
        raise ValueError(f"{right!r} after the multiplier is not smaller than {val}")
    return rv


def _single_digit_rest(tokens: list[str]) -> bool:
    return len(tokens) == 2 and tokens[1] in DIGIT and tokens[1] not in _ZERO


def _section(s: str) -> Decimal:
    """A number below 10**4 (digits, 十百千, 零, Arabic runs); also plain digit strings."""
    tokens = _TOKEN.findall(s)
    if len(tokens) > 1 and all(len(t) == 1 and t in DIGIT for t in tokens):
        # 二〇二三, 一七二零: digit by digit, as years and codes are read
        return Decimal("".join(str(DIGIT[t]) for t in tokens))
    total = Decimal(0)
    num: Decimal | None = None
    num_is_cn = False
    last_place: int | None = None
    zero = False
    for tok in tokens:
        if tok[0].isdigit():
            if num is not None:
                raise ValueError("two numbers in a row")
            num, num_is_cn = Decimal(tok), False
        elif tok in _ZERO:
            if num is not None:
                raise ValueError("a digit before 零")
            zero = True
        elif tok in DIGIT:
            if tok == "幺":
                raise ValueError("幺 (one) is only read in digit strings such as codes")
            if num is not None:
                raise ValueError(f"two digits in a row before {tok!r}")
            num, num_is_cn = Decimal(DIGIT[tok]), True
        elif tok in PLACE:
            p = PLACE[tok]
            if last_place is not None and p >= last_place:
                raise ValueError(f"place {tok!r} after a place not larger than it")
            if num is None:
                # 十五, and a leading 百/千 alone or with one digit (百万, 百三 = 130)
                if p != 10 and not (total == 0 and not zero and (len(tokens) == 1 or _single_digit_rest(tokens))):
                    raise ValueError(f"{tok!r} without a digit before it")
                num = Decimal(1)
            total += num * p
            num, last_place, zero = None, p, False
        else:
            raise ValueError(f"{tok!r} is not a digit or multiplier")
    if num is not None:
        if num_is_cn and last_place is not None and last_place >= 100 and not zero:
            total += num * last_place // 10  # 两千六 = 2600, 一百二 = 120
        else:
            total += num
    elif zero and total == 0 and tokens[-1] not in _ZERO:
        raise ValueError("no digits")
    return total


_NUM_CACHE: dict[str, float | None] = {}
_COMPACT_CACHE: dict[str, str] = {}
_UNIT_KEY_CACHE: dict[str, str] = {}
_MULT_CACHE: dict[str, int] = {}


def compact(s: str) -> str:
    """`s` without whitespace, full-width digits folded (PDF breaks fall anywhere)."""
    got = _COMPACT_CACHE.get(s)
    if got is None:
        got = "".join(s.split()).translate(FOLD)
        if len(_COMPACT_CACHE) < 100_000:
            _COMPACT_CACHE[s] = got
    return got


def unit_key(unit: str) -> str:
    """The lexicon key of a unit as printed (whitespace removed, nothing folded)."""
    got = _UNIT_KEY_CACHE.get(unit)
    if got is None:
        got = "".join(unit.split())
        if len(_UNIT_KEY_CACHE) < 10_000:
            _UNIT_KEY_CACHE[unit] = got
    return got


def read_num(run: str) -> float | None:
    """parse_number as a float, or None; cached because news repeats its numbers."""
    v = _NUM_CACHE.get(run, False)
    if v is False:
        try:
            v = float(parse_number(run))
        except ValueError:
            v = None
        if len(_NUM_CACHE) < 100_000:
            _NUM_CACHE[run] = v
    return v  # type: ignore[return-value]


def mult_of(run: str) -> int:
    """Power of ten of the multiplier as printed (see module docstring)."""
    got = _MULT_CACHE.get(run)
    if got is not None:
        return got
    c = compact(run)
    last_digit = -1
    arabic = False
    for i, ch in enumerate(c):
        if ch.isdigit():
            last_digit, arabic = i, True
        elif ch in DIGIT or ch in "廿卅":
            last_digit, arabic = i, False
    tail = c[last_digit + 1 :]
    if "点" in tail:
        tail = "".join(ch for ch in tail[tail.rfind("点") + 1 :] if ch in PLACE or ch in SECTION)
    if not arabic and (last_digit >= 0 or not any(ch in SECTION for ch in tail)):
        # Chinese numerals: only the trailing 万/亿 section marker is a multiplier
        # (两千三百万 -> 4); a bare 十 or 百 is a number, not a multiplier
        k = len(tail)
        while k > 0 and tail[k - 1] in SECTION:
            k -= 1
        tail = tail[k:]
    power = 0
    for ch in tail:
        if ch in PLACE:
            power += len(str(PLACE[ch])) - 1
        elif ch in SECTION:
            power += len(str(SECTION[ch])) - 1
    if len(_MULT_CACHE) < 100_000:
        _MULT_CACHE[run] = power
    return power

