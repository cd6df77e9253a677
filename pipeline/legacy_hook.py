"""The readers' one door to ``pipeline.legacy`` (TCVN3/VNI → Unicode), guarded and cheap.

``pipeline.legacy`` may be absent (conversion is then skipped) and must never break a reader: any
exception inside it counts as "no legacy encoding". ``detect`` is only asked when the text holds a
character that Unicode Vietnamese never uses (``¸ ® © ñ ö ø −``), so ordinary Unicode paragraphs
cost one regex search.
"""

from __future__ import annotations

import re

try:  # written by another helper; conversion is skipped while it is absent
    from pipeline import legacy
except ImportError:  # pragma: no cover - depends on the installation
    legacy = None  # type: ignore[assignment]

LEGACY_MIN_CONFIDENCE = 0.8
# Latin-1 letters/signs Unicode Vietnamese never uses, plus TCVN3's − and ∙ seen in PDFs:
# "Quy¸t ®Þnh" (TCVN3), "Quyeát ñònh" (VNI), "Thñ t−íng" (TCVN3 in a PDF)
LEGACY_SUSPECT = re.compile(
    r"[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce-\u00d1\u00d6-\u00d8\u00db\u00dc\u00de-\u00df"
    r"\u00e4-\u00e7\u00eb\u00ee-\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff\u2212\u2219]"
)


def font_encoding(font: str | None) -> str | None:
    """Legacy encoding a font name implies (``".VnTime"`` → ``"tcvn3"``), else None."""
    if legacy is None or not font:
        return None
    try:
        enc = legacy.encoding_for_font(font)
    except Exception:  # noqa: BLE001 - a helper bug must not lose the document
        return None
    return str(enc) if enc else None


def guess(text: str) -> str | None:
    """Legacy encoding of ``text`` when ``legacy.detect`` is confident (≥ 0.8), else None.

    ``guess("Uû ban nh©n d©n tØnh") == "tcvn3"``; ``guess("Ủy ban nhân dân tỉnh") is None``.
    """
    if legacy is None or not LEGACY_SUSPECT.search(text):
        return None
    try:
        enc, conf = legacy.detect(text)
    except Exception:  # noqa: BLE001
        return None
    return str(enc) if enc and float(conf) >= LEGACY_MIN_CONFIDENCE else None


def fix(text: str) -> tuple[str, str | None]:
    """``legacy.fix_text``: legacy lines repaired one by one, Unicode lines left alone (a Unicode body
    with a TCVN3 header pasted in); ``(text, None)`` when nothing was converted."""
    if legacy is None or not LEGACY_SUSPECT.search(text):
        return text, None
    try:
        fixed, enc = legacy.fix_text(text)
    except Exception:  # noqa: BLE001
        return text, None
    return str(fixed), (str(enc) if enc else None)


def convert(text: str, encoding: str | None) -> str:
    """``text`` converted from ``encoding`` to Unicode; unchanged when it cannot be."""
    if not encoding or legacy is None:
        return text
    try:
        return str(legacy.convert_text(text, encoding))
    except Exception:  # noqa: BLE001
        return text
