"""A static case-reader site built from the package's data: ``python -m gba site --out DIR``.

The site needs the optional extra ``site`` (Jinja2, nbconvert, fontTools, brotli):
``pip install gba[site]``. See :func:`gba.site.build.build_site`.
"""

from __future__ import annotations

__all__ = ["build_site"]


def __getattr__(name: str) -> object:
    if name == "build_site":
        from gba.site.build import build_site

        return build_site
    raise AttributeError(f"module 'gba.site' has no attribute {name!r}")
