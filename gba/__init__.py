"""gba: the first batch of 20 Greater Bay Area rule-alignment typical cases, as data.

The package loads the cases and the data derived from them as pandas
DataFrames, extracts quantities from Chinese text, computes growth indicators,
builds cross-case comparisons and draws paper figures. Data flows one way:
source text → cases → indicators/events → derived measures and comparisons →
figures.

``import gba`` is light: names are imported from their modules on first use,
and matplotlib is only imported when a figure is drawn.

Examples
--------
>>> import gba
>>> gba.load_cases().shape[0]
20
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    "DataError": "gba.errors",
    "load_cases": "gba.cases",
    "clean_cases": "gba.cases",
    "read_table": "gba.tables",
    "source": "gba.provenance",
    "cite": "gba.provenance",
    "validate_data": "gba.validate",
    "Quantity": "gba.quantities",
    "parse_quantity": "gba.quantities",
    "extract_quantities": "gba.quantities",
    "StatedDate": "gba.dates",
    "parse_date": "gba.dates",
    "extract_dates": "gba.dates",
    "load_indicators": "gba.indicators",
    "load_events": "gba.events",
    "load_quantity_exclusions": "gba.spans",
    "Bounded": "gba.growth",
    "derived_indicators": "gba.derived",
    "load_codebook": "gba.features",
    "load_codebook_values": "gba.features",
    "load_features": "gba.features",
    "rule_matches": "gba.features",
    "load_typology_codes": "gba.typology",
    "load_typology_codings": "gba.typology",
    "load_indicator_roles": "gba.typology",
}

__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'gba' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
