"""Read a plain-text file: detect its encoding, normalize newlines, convert legacy encodings.

Order of decisions (first that holds wins): UTF-8 BOM; UTF-16 BOM; UTF-16 without BOM (every
other byte zero); strict UTF-8; a legacy Vietnamese 8-bit font encoding (TCVN3/VNI bytes, judged
by ``pipeline.legacy.detect`` when present); Windows-1258 when the high bytes are the ones
Vietnamese uses (``ð`` = đ, ``õ`` = ơ, ``ý`` = ư, combining tone bytes); charset-normalizer as the
last resort — and even then a cp1252 guess is replaced by cp1258, which decodes the same Latin
letters plus Vietnamese.
"""

from __future__ import annotations

from pathlib import Path

from models.document import Block, RawDocument
from models.enums import BlockKind, ErrorCode, SourceFormat
from pipeline import legacy_hook
from pipeline.errors import KehoachError

MAX_TXT_BYTES = 64 * 1024 * 1024
DETECT_SAMPLE = 20_000  # characters given to legacy.detect

# bytes that cp1258 decodes to Vietnamese letters or combining tone marks:
# Ă ă Đ đ Ơ ơ Ư ư and the tone marks grave, hook, tilde, acute, dot below
_CP1258_VIET = frozenset(b"\xc3\xe3\xd0\xf0\xd5\xf5\xdd\xfd\xcc\xd2\xde\xec\xf2")
# cp1252 bytes 0x80-0x9F; undefined ones stay as their Latin-1 control character
_CP1252_HIGH = {i: bytes([i]).decode("cp1252", errors="ignore") or chr(i) for i in range(0x80, 0xA0)}
_CP1252_TABLE = str.maketrans({chr(i): c for i, c in _CP1252_HIGH.items()})


def read_txt(path: Path, doc_id: str, *, max_bytes: int = MAX_TXT_BYTES) -> RawDocument:
    """One BODY block with the decoded text; ``TOO_LARGE`` is decided before reading.

    >>> read_txt(Path("ke_hoach.txt"), "ab12").blocks[0].text[:8]  # doctest: +SKIP
    'KẾ HOẠCH'
    """
    size = path.stat().st_size
    if size > max_bytes:
        raise KehoachError(ErrorCode.TOO_LARGE, f"{size / 1048576:.1f} MB text file, limit {max_bytes / 1048576:.1f} MB")
    text, enc = decode(path.read_bytes())
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return RawDocument(str(path), SourceFormat.TXT, doc_id, blocks=[Block(text, BlockKind.BODY, encoding=enc)], encoding=enc)


def decode(data: bytes) -> tuple[str, str]:
    """``(text, encoding name)`` of raw bytes; never raises (undecodable bytes become U+FFFD).

    >>> decode("Kế hoạch".encode("cp1258"))
    ('Kế hoạch', 'windows-1258')
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith(b"\xff\xfe"):
        return data[2:].decode("utf-16-le", errors="replace"), "utf-16"
    if data.startswith(b"\xfe\xff"):
        return data[2:].decode("utf-16-be", errors="replace"), "utf-16"
    bom_less = _utf16_without_bom(data)
    if bom_less:
        return data.decode(bom_less, errors="replace"), bom_less
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return _maybe_legacy(text, "utf-8")
    # an 8-bit encoding: legacy Vietnamese font bytes first (they look like cp1252 mojibake)
    as_1252 = data.decode("latin-1").translate(_CP1252_TABLE)
    enc = legacy_hook.guess(as_1252[:DETECT_SAMPLE])
    if enc:
        return legacy_hook.convert(as_1252, enc), enc
    if _looks_cp1258(data):
        return data.decode("cp1258", errors="replace"), "windows-1258"
    guess = _charset_normalizer_guess(data)
    if guess and guess.replace("_", "").replace("-", "").lower() not in ("cp1252", "windows1252", "latin1", "iso88591", "ascii"):
        try:
            return data.decode(guess), guess
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode("cp1258", errors="replace"), "windows-1258"


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even_zero = sample[0::2].count(0)
    odd_zero = sample[1::2].count(0)
    half = len(sample) / 2
    if odd_zero > half * 0.3 and odd_zero > even_zero * 3:
        return "utf-16-le"
    if even_zero > half * 0.3 and even_zero > odd_zero * 3:
        return "utf-16-be"
    return None


def _looks_cp1258(data: bytes) -> bool:
    """Most high bytes are Vietnamese letters/tone marks in cp1258 (``ð`` đ, ``ì`` acute ...)."""
    high = [b for b in data[:200_000] if b >= 0x80]
    if not high:
        return True
    viet = sum(1 for b in high if b in _CP1258_VIET)
    return viet >= 0.3 * len(high)


def _charset_normalizer_guess(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover
        return None
    best = from_bytes(data[:200_000]).best()
    return None if best is None else str(best.encoding)


def _maybe_legacy(text: str, enc: str) -> tuple[str, str]:
    """UTF-8 text that is legacy mojibake pasted as Unicode (``Quy¸t ®Þnh``) is converted."""
    legacy_enc = legacy_hook.guess(text[:DETECT_SAMPLE])
    if legacy_enc:
        return legacy_hook.convert(text, legacy_enc), f"{enc}+{legacy_enc}"
    fixed, found = legacy_hook.fix(text)  # a Unicode body with legacy lines pasted in: line by line
    if found:
        return fixed, f"{enc}+{found}"
    return text, enc
