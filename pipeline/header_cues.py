"""What marks the header block of a Vietnamese administrative or party document.

The right column of the header block names the national motto or the party, and carries the
place-and-date line (Nghị định 30/2020/NĐ-CP, Quy định 66-QĐ/TW). The readers use it to tell a
two-column header (a DOCX layout table, two text columns on page 1 of a PDF) from a data table
or body text.
"""

from __future__ import annotations

import re

RIGHT_COLUMN_CUE = re.compile(
    r"""
      C[ỘO]NG\s+H[ÒOÓ]A\s+X[ÃA]                  # CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / CỘNG HOÀ XÃ ...
    | Đ[ẢA]NG\s+C[ỘO]NG\s+S[ẢA]N                 # ĐẢNG CỘNG SẢN VIỆT NAM
    | Độc\s+lập\s*[-–]                           # Độc lập - Tự do - Hạnh phúc
    | ngày\b.{0,20}\btháng\b.{0,20}\bnăm\b        # Tân Phong, ngày 04 tháng 12 năm 2024 / ngày   tháng   năm
    """,
    re.VERBOSE | re.IGNORECASE,
)
