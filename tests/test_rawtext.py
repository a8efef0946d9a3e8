"""Input in any supported encoding or line-end style decodes to the one canonical snapshot."""

from pathlib import Path

import pytest

from etl.rawtext import RawTextError, decode, line_of, read_text

RAW = Path(__file__).resolve().parent.parent / "datapackage" / "raw" / "china-trade-news_2024-03-07_p02.txt"


@pytest.fixture(scope="module")
def canonical() -> str:
    return RAW.read_bytes().decode("utf-8")


@pytest.mark.parametrize("variant", ["utf-8", "utf-8-sig", "gb18030", "crlf", "cr", "bom+crlf"])
def test_variants_decode_to_the_same_text(canonical: str, variant: str) -> None:
    encode = {
        "utf-8": lambda t: t.encode("utf-8"),
        "utf-8-sig": lambda t: t.encode("utf-8-sig"),
        "gb18030": lambda t: t.encode("gb18030"),
        "crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
        "cr": lambda t: t.replace("\n", "\r").encode("utf-8"),
        "bom+crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8-sig"),
    }[variant]
    assert decode(encode(canonical)) == canonical


@pytest.mark.parametrize("data, message", [
    (b"", "page.txt: the file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "page.txt:3: NUL byte found, this looks like a binary file"),
    (bytes(range(128, 256)) * 4, "page.txt:1: byte 0 is not valid UTF-8"),
    ("第一行\n第二\x01行".encode(), "page.txt:2: control character U+0001"),
])
def test_bad_input_names_file_and_line(data: bytes, message: str) -> None:
    with pytest.raises(RawTextError) as err:
        decode(data, "page.txt")
    assert str(err.value).startswith(message)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RawTextError, match="no-such.txt: cannot read the file"):
        read_text(tmp_path / "no-such.txt")


def test_line_of(canonical: str) -> None:
    assert line_of(canonical, canonical.index("3016.1")) == canonical[: canonical.index("3016.1")].count("\n") + 1
