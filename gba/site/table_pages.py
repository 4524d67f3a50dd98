"""The site's data pages: each table's dictionary and rows, as records for ``table.html``.

One page per CSV table of ``datapackage.json`` (its fields' descriptions and
constraints from the Table Schema, its rows as stored) and two computed at build
time, not stored: the derived measures (their dictionary is the column table of
:func:`gba.derived_indicators`' docstring) and the promotional claims. Columns
of Chinese text are marked so the page can switch their script.

Examples
--------
>>> _constraints({"constraints": {"required": True, "minimum": 1, "enum": ["a", "b"]}})
'required; minimum 1; one of a, b'
>>> _cell(2.0), _cell(0.25), _cell("港")
('2', '0.25', '港')
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

from gba.site.model import is_missing

__all__ = ["table_pages"]

_ZH_COLUMNS = re.compile(r"(_zh|^span|^evidence|^pattern)$")


def _read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def _derived_dictionary() -> list[dict[str, str]]:
    # the column table of derived_indicators' docstring is the dictionary of that table
    from gba.analysis.derived import derived_indicators

    doc = derived_indicators.__doc__ or ""
    lines = [ln.strip() for ln in doc.splitlines()]
    rules = [i for i, ln in enumerate(lines) if ln.startswith("=====")]
    fields = []
    for ln in lines[rules[1] + 1 : rules[2]]:
        name, dtype, meaning = ln.split(None, 2)
        fields.append({"name": name, "type": dtype, "description": meaning, "constraints": ""})
    return fields


def _constraints(f: dict[str, Any]) -> str:
    c = f.get("constraints", {})
    words = [k for k in ("required", "unique") if c.get(k)]
    words += [f"{k} {c[k]}" for k in ("minimum", "maximum", "pattern") if k in c]
    if "enum" in c:
        words.append("one of " + ", ".join(map(str, c["enum"])))
    return "; ".join(words)


# The columns of the claims page (gba.analysis.claims.find_claims, plus the site's row id).
_CLAIM_FIELDS = [
    ("claim_id", "string", "row id on this site: c<case>_claim_<start>"),
    ("case_id", "integer", "the case"),
    ("start", "integer", "offset of the claim in the clean case text"),
    ("end", "integer", "offset just past the claim"),
    ("claim", "string", "the words of the claim (the rule's match)"),
    ("kind", "string", "rank, first, lead, superlative or unique"),
    ("sentence", "string", "the sentence around the claim (up to 。；！？ or a line break)"),
    ("sentence_quantities", "string", "quantities in digits the sentence states, joined by ' / '"),
    ("sentence_dates", "string", "dates the sentence states, joined by ' / '"),
    ("backed_in_sentence", "boolean", "whether the sentence states such a quantity or a date"),
    ("backed_in_paragraph", "boolean", "whether the paragraph states such a quantity or a date"),
]


def _computed_table(
    name: str, title: str, description: str, frame: Any, fields: list[dict[str, str]]
) -> dict[str, Any]:
    frame = frame.reset_index()
    header = [str(c) for c in frame.columns]
    rows = []
    for rec in frame.itertuples(index=False):
        cells = ["" if is_missing(v) else _cell(v) for v in rec]
        rows.append((cells[0], cells))
    return {
        "name": name,
        "title": title,
        "description": description,
        "download": None,
        "fields": fields,
        "header": header,
        "zh": [bool(_ZH_COLUMNS.search(h)) for h in header],
        "rows": rows,
    }


def table_pages(
    data: Path, descriptor: dict[str, Any], derived: Any, claims: Any
) -> list[dict[str, Any]]:
    """Return one record per data page: each CSV table of ``descriptor``, then derived, claims."""
    tables = []
    for res in sorted(descriptor["resources"], key=lambda r: r["name"]):
        if res.get("format") != "csv":
            continue
        header, rows = _read_csv(data / res["path"])
        key = res["schema"].get("primaryKey", header[0])
        key = [key] if isinstance(key, str) else list(key)
        idx = [header.index(k) for k in key]
        fields = [
            {
                "name": f["name"],
                "type": f.get("type", ""),
                "description": f.get("description", ""),
                "constraints": _constraints(f),
            }
            for f in res["schema"]["fields"]
        ]
        tables.append(
            {
                "name": res["name"],
                "title": res.get("title", res["name"]),
                "description": res.get("description", ""),
                "download": f"download/{res['path']}",
                "fields": fields,
                "header": header,
                "zh": [bool(_ZH_COLUMNS.search(h)) for h in header],
                "rows": [("-".join(r[i] for i in idx), r) for r in rows],
            }
        )
    tables.append(
        _computed_table(
            "derived",
            "Derived measures: growth, baselines, shares (computed, not stored)",
            "Computed by gba.derived_indicators() from the recipes of derived.csv, indicators.csv "
            "and events.csv at build time: each row's formula and inputs (ids) say how; low and "
            "high bound the value as far as the inputs' qualifiers allow.",
            derived,
            _derived_dictionary(),
        )
    )
    tables.append(
        _computed_table(
            "claims",
            "Promotional claims in the case texts (rule-coded, not stored)",
            "Found by gba.claims.claims() in the clean case texts at build time: each match of "
            "the rule gba.claims.CLAIM_PATTERN (首创, 率先, 第一, 最高, 唯一, 全国第N …) with "
            "whether its sentence and paragraph state a quantity in digits or a date. A number "
            "beside a claim is not proof of it, only a figure a reader can check.",
            claims,
            [
                {"name": n, "type": t, "description": d, "constraints": ""}
                for n, t, d in _CLAIM_FIELDS
            ],
        )
    )
    return tables


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else str(int(value))
    return str(value)
