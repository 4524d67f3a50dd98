"""The label languages of the figures: :data:`LANGS` and :func:`check_lang`.

Used by the registry (file names) and the house style (fonts, labels); it
imports neither, so the two do not import each other.
"""

from __future__ import annotations

__all__ = ["LANGS", "check_lang"]

#: Label languages, in the order figures are built.
LANGS: tuple[str, ...] = ("en", "zh")


def check_lang(lang: object) -> str:
    """Return ``lang`` if it is a supported label language, else raise ValueError.

    Examples
    --------
    >>> check_lang("zh")
    'zh'
    >>> check_lang("fr")
    Traceback (most recent call last):
    ...
    ValueError: lang must be one of 'en', 'zh'; got 'fr'
    """
    if not isinstance(lang, str) or lang not in LANGS:
        allowed = ", ".join(repr(x) for x in LANGS)
        raise ValueError(f"lang must be one of {allowed}; got {lang!r}")
    return lang
