"""Bytes to text for text dumps and HTML: BOMs, UTF-16 sniffing, cp1252 and latin-1 fallbacks.

Only decoding happens here; the text is not altered beyond normalising newlines to "\n".
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from newsprism.errors import InputError

# A text with more control characters than this share (other than tab, newlines, form feed) is
# binary: real text dumps have none, a compressed or executable file ~10% (bytes 0x00-0x1F).
MAX_CONTROL_RATIO = 0.01
# How many leading bytes the UTF-16 and binary sniffers look at.
SNIFF_BYTES = 4096
# In UTF-16 text of a Latin script, every other byte is NUL; a binary file's NULs are not so aligned.
UTF16_NUL_SHARE = 0.4

ALLOWED_CONTROLS = frozenset("\t\n\r\f")
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
NEWLINES = re.compile(r"\r\n?")
META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
# Python codecs that a page may name but that are no character set of the web: "undefined" always
# raises, punycode/idna raise UnicodeError on markup, utf-7 and the escape codecs rewrite "+", "\\"
# sequences. Bytes-to-bytes codecs (base64, zlib, rot13, hex...) are refused by `is_text_codec`.
NOT_PAGE_CODECS = frozenset({"undefined", "punycode", "idna", "utf-7", "unicode-escape",
                             "raw-unicode-escape", "mbcs", "oem"})
# A <meta> naming UTF-16/32 in a page we could read as ASCII is wrong (WHATWG: such a label means UTF-8).
WIDE_CODECS = ("utf-16", "utf-32")


def decode_text(data: bytes) -> str:
    """Decode a text dump: BOM, UTF-16 by NUL pattern, UTF-8, cp1252, latin-1; reject binary."""
    encoding = sniff_bom(data) or sniff_utf16(data[:SNIFF_BYTES])
    if encoding is None and b"\x00" in data:
        raise InputError("binary file: it contains NUL bytes and is not UTF-16 text", "E102")
    text = decode_with(data, encoding) if encoding else decode_fallbacks(data, ("utf-8", "cp1252"))
    check_not_binary(text)
    return normalize_newlines(text)


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Decode an HTML page: BOM, then the declared charset (HTTP or <meta>), then the fallbacks."""
    encoding = sniff_bom(data) or sniff_utf16(data[:SNIFF_BYTES])
    if encoding:
        return normalize_newlines(decode_with(data, encoding))
    declarations = ((declared, False), (sniff_meta_charset(data), True))
    candidates = [name for name, in_meta in declarations if name and page_codec(name, in_meta)]
    return normalize_newlines(decode_fallbacks(data, (*candidates, "utf-8", "cp1252")))


def sniff_bom(data: bytes) -> str | None:
    """The codec named by a byte-order mark (UTF-32 checked before UTF-16: its BOM starts alike)."""
    return next((name for bom, name in BOMS if data.startswith(bom)), None)


def sniff_utf16(head: bytes) -> str | None:
    """UTF-16 without a BOM: most odd bytes NUL is little-endian, most even bytes NUL big-endian."""
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even_nuls = head[0 : pairs * 2 : 2].count(0) / pairs
    odd_nuls = head[1 : pairs * 2 : 2].count(0) / pairs
    if odd_nuls >= UTF16_NUL_SHARE and even_nuls < odd_nuls / 4:
        return "utf-16-le"
    if even_nuls >= UTF16_NUL_SHARE and odd_nuls < even_nuls / 4:
        return "utf-16-be"
    return None


def sniff_meta_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag near its start."""
    match = META_CHARSET.search(data[:SNIFF_BYTES * 4])
    return match.group(1).decode("ascii").lower() if match else None


def page_codec(name: str, from_meta: bool = False) -> bool:
    """Whether a declared charset names a character set a page can be decoded with."""
    codec = lookup_codec(name)
    if codec is None or not is_text_codec(codec) or codec.name in NOT_PAGE_CODECS:
        return False
    return not (from_meta and codec.name.startswith(WIDE_CODECS))


def lookup_codec(name: str) -> codecs.CodecInfo | None:
    try:
        return codecs.lookup(name)
    except (LookupError, ValueError, TypeError):  # an unknown name, or one the lookup cannot take
        return None


def is_text_codec(codec: codecs.CodecInfo) -> bool:
    # bytes-to-bytes and str-to-str codecs (base64, zlib, rot13) are flagged so by the codecs module
    return bool(getattr(codec, "_is_text_encoding", True))


def decode_with(data: bytes, encoding: str) -> str:
    """Decode with a codec the bytes announced; failing that, the bytes are not that text."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"undecodable text: not valid {encoding} ({exc.reason})", "E104") from exc


def decode_fallbacks(data: bytes, encodings: tuple[str, ...]) -> str:
    """The first strict decoding that works; latin-1 maps every byte, so it always ends the chain.

    cp1252 comes before latin-1 because Windows text uses 0x80-0x9F for curly quotes and dashes,
    which latin-1 would turn into invisible C1 control characters.
    """
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except (UnicodeError, LookupError):  # UnicodeError too: "undefined", punycode raise it bare
            continue
    return data.decode("latin-1")


def check_not_binary(text: str) -> None:
    """Reject decoded text whose share of control characters only binary data has."""
    sample = text[: SNIFF_BYTES * 4]
    controls = len(CONTROLS.findall(sample))
    if sample and controls / len(sample) > MAX_CONTROL_RATIO:
        raise InputError(f"binary file: {controls} control characters in its first {len(sample)}", "E102")


def is_control(char: str) -> bool:
    return char not in ALLOWED_CONTROLS and unicodedata.category(char) == "Cc"


# Unicode's Cc category is fixed (C0, DEL, C1: 65 code points), so one character class counts them;
# testing each character in Python was ~9% of ingest CPU (py-spy, bench/ingest.py).
CONTROLS = re.compile("[" + "".join(re.escape(chr(c)) for c in range(0xA0) if is_control(chr(c))) + "]")


def normalize_newlines(text: str) -> str:
    return NEWLINES.sub("\n", text)
