"""gba: the first batch of 20 Greater Bay Area rule-alignment typical cases, as data.

The package loads the cases and the data derived from them as pandas
DataFrames, extracts quantities from Chinese text, computes growth indicators,
builds cross-case comparisons and draws paper figures. Data flows one way:
source text → cases → indicators/events → derived measures and comparisons →
figures.

``import gba`` is light: names are imported from their modules on first use,
and matplotlib is only imported when a figure is drawn. The modules a
user calls directly (``gba.compare``, ``gba.growth``, ``gba.phrases``,
``gba.figures``, ...) are attributes too, imported on first use. Where each
part lives and why: ``docs/architecture.md``.

Examples
--------
>>> import gba
>>> gba.load_cases().shape[0]
20
"""

from __future__ import annotations

import importlib
import warnings
from typing import Any

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    "DataError": "gba.errors",
    "load_cases": "gba.loaders",
    "clean_cases": "gba.loaders",
    "read_table": "gba.datasets.tables",
    "source": "gba.datasets.provenance",
    "cite": "gba.datasets.provenance",
    "validate": "gba.checks",
    "Quantity": "gba.extract.quantities",
    "parse_quantity": "gba.extract.quantities",
    "extract_quantities": "gba.extract.quantities",
    "StatedDate": "gba.extract.dates",
    "parse_date": "gba.extract.dates",
    "extract_dates": "gba.extract.dates",
    "load_indicators": "gba.loaders",
    "load_events": "gba.loaders",
    "load_quantity_exclusions": "gba.loaders",
    "Bounded": "gba.analysis.bounded",
    "derived_indicators": "gba.loaders",
    "trajectories": "gba.loaders",
    "load_recipes": "gba.loaders",
    "load_codebook": "gba.loaders",
    "load_codebook_values": "gba.loaders",
    "load_features": "gba.loaders",
    "rule_matches": "gba.datasets.features",
    "load_translation": "gba.loaders",
    "load_glossary": "gba.loaders",
    "term_en": "gba.datasets.glossary",
    "unit_words": "gba.datasets.glossary",
    "to_traditional": "gba.extract.script",
}

# public module -> where it lives (``gba.compare`` works after ``import gba``)
_MODULES: dict[str, str] = {
    "analysis": "gba.analysis",
    "bounded": "gba.analysis.bounded",
    "checks": "gba.checks",
    "claims": "gba.analysis.claims",
    "cleaning": "gba.datasets.cleaning",
    "clustering": "gba.analysis.clustering",
    "compare": "gba.analysis.compare",
    "dates": "gba.extract.dates",
    "datasets": "gba.datasets",
    "derived": "gba.analysis.derived",
    "extract": "gba.extract",
    "features": "gba.datasets.features",
    "figures": "gba.figures",
    "glossary": "gba.datasets.glossary",
    "growth": "gba.analysis.growth",
    "kinds": "gba.analysis.kinds",
    "phrases": "gba.analysis.phrases",
    "quantities": "gba.extract.quantities",
    "script": "gba.extract.script",
    "traditional": "gba.datasets.traditional",
    "translation": "gba.datasets.translation",
    "typology": "gba.analysis.typology",
}

# old name -> (new name, module); reachable with a DeprecationWarning
_RENAMED: dict[str, tuple[str, str]] = {
    "report": ("phrases", "gba.analysis.phrases"),
}

__all__ = sorted([*_EXPORTS, *_MODULES, "__version__"])


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
    elif name in _MODULES:
        value = importlib.import_module(_MODULES[name])
    elif name in _RENAMED:
        new, module = _RENAMED[name]
        warnings.warn(
            f"gba.{name} is now gba.{new}; the old name will be removed",
            DeprecationWarning,
            stacklevel=2,
        )
        return importlib.import_module(module)
    else:
        raise AttributeError(f"module 'gba' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
