"""Subset the bundled CJK font to the characters the site's pages use, as WOFF2.

The site ships one font, the bundled Noto Sans CJK SC cut down to the characters
of its pages and stylesheet (:func:`font_chars`), so Chinese reads the same in any
browser without loading anything from outside. Making the subset takes about a
second; :func:`subset_font` keeps it in the build cache under :func:`font_key`, the
sha256 of everything it depends on. The subset keeps the font's own timestamp, so
two builds give the same bytes.

Examples
--------
>>> sorted(font_chars(["港&amp;澳"]) - font_chars([]))
['港', '澳']
>>> font_key({"港"}) == font_key({"港"}) != font_key({"澳"})
True
"""

from __future__ import annotations

import html
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from unittest import mock

import brotli

from gba._paths import package_dir

__all__ = ["FONT_FAMILY", "FONT_FILE", "FONT_SOURCE", "font_chars", "font_key", "subset_font"]

FONT_FAMILY = "GBA Noto Sans CJK"
FONT_FILE = "static/gba-cjk.woff2"
FONT_SOURCE = package_dir() / "figures" / "fonts" / "NotoSansCJKsc-Regular.otf"


class _Brotli9:
    """brotli for fontTools' WOFF2 writer at quality 9 instead of 11.

    fontTools compresses at brotli's maximum quality and has no option for it; on a
    2-core machine that takes 3-8 s for the subset font, quality 9 about 0.1 s for a
    file 8 % larger. Output stays deterministic.
    """

    MODE_FONT = brotli.MODE_FONT
    error = brotli.error

    @staticmethod
    def compress(data: bytes, mode: int = brotli.MODE_GENERIC, **_: Any) -> bytes:
        return brotli.compress(data, mode=mode, quality=9)


def _font(chars: Iterable[str]) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont, woff2

    options = subset.Options()
    options.flavor = "woff2"
    # no OpenType layout closure: 'locl' and 'vert' alone would pull in thousands of the
    # Japanese, Korean and vertical variant glyphs of the pan-CJK font
    options.layout_features = []
    buffer = io.BytesIO()
    with TTFont(FONT_SOURCE, lazy=True, recalcBBoxes=False, recalcTimestamp=False) as font:
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted({ord(c) for c in chars}))
        subsetter.subset(font)
        font.flavor = "woff2"
        with mock.patch.object(woff2, "brotli", _Brotli9):
            font.save(buffer)
    return buffer.getvalue()


def font_key(chars: set[str]) -> str:
    """Return the sha256 that names a font subset: of the characters, the font and the code.

    The subset is a function of the sorted characters, the bundled font's bytes, this
    file (the subsetting options) and the versions of fontTools and brotli, and of
    nothing else, so a subset found under this name in the cache is the one a build
    would make.
    """
    import hashlib

    import fontTools

    digest = hashlib.sha256()
    for part in (
        "".join(sorted(chars)).encode("utf-8", "surrogatepass"),
        hashlib.sha256(FONT_SOURCE.read_bytes()).digest(),
        hashlib.sha256(Path(__file__).read_bytes()).digest(),
        f"fontTools {fontTools.version}; brotli {brotli.version}".encode(),
    ):
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


def subset_font(chars: set[str], cache_dir: Path | None) -> bytes:
    """Return the WOFF2 subset for ``chars``: from ``cache_dir/fonts`` when there, else made.

    A subset made is kept there for the next build (under :func:`font_key`).
    """
    if cache_dir is None:
        return _font(chars)
    from gba.figures.output import atomic_write_bytes

    cached = cache_dir / "fonts" / f"{font_key(chars)}.woff2"
    if cached.is_file():
        return cached.read_bytes()
    data = _font(chars)
    atomic_write_bytes(cached, data)
    return data


def font_chars(texts: Iterable[str]) -> set[str]:
    """Return the characters to keep: printable ASCII and every printable character of ``texts``.

    HTML entities count as the characters they stand for; the ideographic space is kept.
    """
    chars = {chr(c) for c in range(0x20, 0x7F)}
    for t in texts:
        chars.update(html.unescape(t))
    return {c for c in chars if c.isprintable() or c == "\u3000"}
