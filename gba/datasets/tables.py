"""Read a data file as a typed DataFrame, checked against its Table Schema.

Every CSV in ``data/`` is described by a resource in ``data/datapackage.json``
(a Frictionless Data Package). :func:`read_table` reads a file by resource name
and enforces its schema: the exact set of columns, each value's type, required
values, ``enum``, ``pattern``, ``minimum``/``maximum``, unique and primary keys,
and foreign keys into other resources. The first problem found raises a
:class:`~gba.errors.DataError` that names the file, row, column and what was
expected. Nothing here ever writes to a data file.

Types map to pandas dtypes as follows:

=========  ==================  ==========================================
schema     pandas dtype        notes
=========  ==================  ==========================================
string     ``string``          empty cells are ``<NA>``
integer    ``Int64``           nullable integer
number     ``float64``         empty cells are ``NaN``
boolean    ``boolean``         ``true``/``false`` (lower case)
date       ``datetime64[ns]``  ``YYYY-MM-DD``
=========  ==================  ==========================================

Examples
--------
>>> cases = read_table("cases")
>>> cases["case_id"].dtype
Int64Dtype()
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from gba._paths import data_dir as _data_dir
from gba.errors import DataError

__all__ = ["check_tables", "descriptor", "field_dtypes", "read_table", "resource"]

DTYPES = {
    "string": "string",
    "integer": "Int64",
    "number": "float64",
    "boolean": "boolean",
    "date": "datetime64[ns]",
}
_TYPE_EXPECTED = {
    "integer": "a whole number",
    "number": "a number (decimal point '.', no thousands separators)",
    "boolean": "true or false",
    "date": "a date written YYYY-MM-DD",
}


def descriptor(data_dir: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Return the data package descriptor (``datapackage.json``) as a dict.

    Parameters
    ----------
    data_dir : path-like, optional
        The data folder (default: see :func:`gba._paths.data_dir`).

    Returns
    -------
    dict

    Examples
    --------
    >>> descriptor()["name"]
    'gba-rule-alignment-cases'
    """
    path = _data_dir(data_dir) / "datapackage.json"
    return _load_json(path.read_bytes(), path.name)


@lru_cache(maxsize=8)
def _load_json(raw: bytes, fname: str) -> dict[str, Any]:
    # cached on the file's bytes, not its mtime: an edit is always seen
    try:
        return json.loads(raw.decode("utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise DataError(f"not valid UTF-8 JSON: {err}", file=fname) from None


def resource(name: str, data_dir: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Return one resource of the descriptor by name.

    Parameters
    ----------
    name : str
        The resource name, e.g. ``"cases"``.
    data_dir : path-like, optional
        The data folder.

    Returns
    -------
    dict

    Raises
    ------
    KeyError
        If the descriptor has no such resource (the message lists those it has).

    Examples
    --------
    >>> resource("cases")["path"]
    'cases.csv'
    """
    return _find_resource(descriptor(data_dir)["resources"], name)


def _find_resource(resources: list[dict[str, Any]], name: str) -> dict[str, Any]:
    for res in resources:
        if res["name"] == name:
            return res
    names = ", ".join(r["name"] for r in resources)
    raise KeyError(f"no resource {name!r} in datapackage.json (it has: {names})")


def field_dtypes(name: str, data_dir: str | os.PathLike[str] | None = None) -> dict[str, str]:
    """Return ``{column: pandas dtype}`` for a tabular resource, in schema order.

    Examples
    --------
    >>> field_dtypes("cases")["title_en"]
    'string'
    """
    return {f["name"]: DTYPES[f["type"]] for f in resource(name, data_dir)["schema"]["fields"]}


def read_table(
    name: str,
    data_dir: str | os.PathLike[str] | None = None,
    *,
    check_foreign_keys: bool = True,
    path: str | os.PathLike[str] | None = None,
) -> pd.DataFrame:
    """Read a tabular resource and enforce its schema.

    Parameters
    ----------
    name : str
        The resource name in ``datapackage.json``.
    data_dir : path-like, optional
        The data folder.
    check_foreign_keys : bool, default True
        Also check that every foreign key names an existing row of the
        referenced resource.
    path : path-like, optional
        Read this file instead of the resource's own, under the resource's
        schema: a copy you edited or saved with ``DataFrame.to_csv(...,
        index=False)`` comes back with the package's dtypes (``Int64``,
        ``string``, ...), or with an error naming your file, row and column.

    Returns
    -------
    pandas.DataFrame
        Columns in schema order with the dtypes in the module docstring; a
        plain ``RangeIndex`` (loaders set their own index).

    Raises
    ------
    DataError
        The first problem found, naming file, row and column.
    KeyError
        If the descriptor has no resource ``name``.
    ValueError
        If the resource is not a table (``raw/origin.json``, a raw text).

    Examples
    --------
    >>> ind = read_table("indicators")
    >>> row = ind.loc[0]
    >>> print(row["indicator_id"], row["span"], int(row["start"]), int(row["end"]))
    c02_gba_lawyers_certified 224名 374 378
    >>> str(ind["value"].dtype), str(ind["as_of"].dtype)
    ('float64', 'string')
    """
    folder = _data_dir(data_dir)
    frame, fname, schema, key = _parsed(name, folder, path)
    if check_foreign_keys:
        for fk in schema.get("foreignKeys", []):
            _check_foreign_key(key, fk, fname, folder)
    return frame.copy()


#: what a table's parse depends on: the file's bytes, its name for messages, the schema's text
_TableKey = tuple[bytes, str, str]


def _parsed(
    name: str, folder: Path, path: str | os.PathLike[str] | None = None
) -> tuple[pd.DataFrame, str, dict[str, Any], _TableKey]:
    """Return the cached parse of a table (not a copy: only read it), file name, schema, key."""
    raw_descriptor = (folder / "datapackage.json").read_bytes()
    res = _find_resource(_load_json(raw_descriptor, "datapackage.json")["resources"], name)
    if "schema" not in res:
        raise ValueError(
            f"resource {name!r} ({res['path']}) is not a table; read_table reads the CSV "
            "resources (gba.source() gives the raw text and its origin record)"
        )
    if path is None:
        fname, file = res["path"], folder / res["path"]
    else:
        file = Path(path)
        fname = str(file)
    if not file.is_file():
        raise DataError("file not found", file=fname, expected=f"a file at {file}")
    schema = res["schema"]
    key = (file.read_bytes(), fname, _schema_json(raw_descriptor, name))
    return _typed_table(*key), fname, schema, key


@lru_cache(maxsize=256)
def _schema_json(raw_descriptor: bytes, name: str) -> str:
    """Return a resource's schema as canonical JSON text, the key of the parse cache.

    Cached on the descriptor's bytes (the text of a schema depends on nothing else).
    """
    schema = _find_resource(_load_json(raw_descriptor, "datapackage.json")["resources"], name)
    return json.dumps(schema["schema"], sort_keys=True)


@lru_cache(maxsize=32)
def _typed_table(raw: bytes, fname: str, schema_json: str) -> pd.DataFrame:
    """Parse a file's bytes and enforce its schema, foreign keys aside.

    Cached on the bytes and the schema, so that the many reads of one table in a
    validation or a figure run parse it once, while an edited file is always
    parsed again. :func:`read_table` hands out copies: callers may modify them.
    """
    schema = json.loads(schema_json)
    header, body = _read_csv_text(raw, fname)
    fields = schema["fields"]
    names = [f["name"] for f in fields]
    missing = [n for n in names if n not in header]
    if missing:
        raise DataError(
            f"missing column(s) {', '.join(map(repr, missing))}",
            file=fname,
            row=0,
            column=missing[0],
            expected=f"the columns {', '.join(names)}",
        )
    extra = [c for c in header if c not in names]
    if extra:
        raise DataError(
            f"unknown column(s) {', '.join(map(repr, extra))}",
            file=fname,
            row=0,
            column=extra[0],
            expected=f"only the columns in the schema: {', '.join(names)}",
        )
    # the cells as plain lists: the checks below look at each value in Python, which for
    # tables of a few hundred rows is many times faster than pandas' string methods
    columns = {h: [row[i] for row in body] for i, h in enumerate(header)}
    out = pd.DataFrame(
        {f["name"]: _convert(columns[f["name"]], f, fname).array for f in fields},
        index=pd.RangeIndex(len(body)),
    )
    _check_keys(out, schema, fname)
    return out


def _read_csv_text(raw: bytes, fname: str) -> tuple[list[str], list[list[str]]]:
    """Return the header and the data rows of a CSV file's bytes (rows as long as the header)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise DataError(
            f"byte {err.start} is not valid UTF-8 ({err.reason})",
            file=fname,
            row=line - 1,
            expected="a UTF-8 encoded CSV file (save as 'CSV UTF-8')",
        ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise DataError("the file is empty", file=fname, expected="a header row and data rows")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = rows[0]
    if len(header) == 1:
        for sep, name in ((";", "semicolon"), ("\t", "tab")):
            if sep in header[0]:
                raise DataError(
                    f"the header is one column holding {name}s: the file looks "
                    f"{name}-delimited (as some spreadsheet programs save CSV)",
                    file=fname,
                    row=0,
                    expected="comma-separated values: save as 'CSV UTF-8 (comma delimited)'",
                )
    if len(set(header)) != len(header):
        dup = next(h for h in header if header.count(h) > 1)
        raise DataError(
            "duplicate column name", file=fname, row=0, column=dup, expected="each column once"
        )
    for i, row in enumerate(rows[1:], start=1):
        if len(row) != len(header):
            raise DataError(
                f"{len(row)} fields where the header has {len(header)}",
                file=fname,
                row=i,
                expected=f"{len(header)} comma-separated fields (quote values holding commas)",
            )
    return header, rows[1:]


_INTEGER = re.compile(r"[+-]?\d+")


def _convert(col: list[str], field: dict[str, Any], fname: str) -> pd.Series:
    """Check one column's cells (strings, as read) and convert them to the field's dtype."""
    name, ftype = field["name"], field["type"]
    cons = field.get("constraints", {})
    empty = [v.strip() == "" for v in col]
    if cons.get("required"):
        _refuse_first(empty, col, "empty value", fname, name, "a value (this column is required)")
    text_values = [None if e else v for v, e in zip(col, empty, strict=True)]
    _check_characters(col, name, fname)
    if ftype == "string":
        out = pd.Series(pd.array(text_values, dtype="string"))
        present = [t is not None for t in text_values]
        _check_constraints(out, present, text_values, cons, name, fname)
        return out
    text = pd.Series(text_values, dtype=object)
    if ftype in ("integer", "number"):
        num = pd.to_numeric(text, errors="coerce")
        bad = [n and not e for n, e in zip(num.isna().tolist(), empty, strict=True)]
        if ftype == "integer":
            bad = [
                b or (t is not None and _INTEGER.fullmatch(t) is None)
                for b, t in zip(bad, text_values, strict=True)
            ]
        what = "an integer" if ftype == "integer" else "a number"
        _refuse_first(bad, col, f"not {what}: {{value!r}}", fname, name, _TYPE_EXPECTED[ftype])
        out = num.astype("Int64") if ftype == "integer" else num.astype("float64")
    elif ftype == "boolean":
        bad = [t is not None and t not in ("true", "false") for t in text_values]
        _refuse_first(bad, col, "not a boolean: {value!r}", fname, name, _TYPE_EXPECTED[ftype])
        out = text.map({"true": True, "false": False}).astype("boolean")
    elif ftype == "date":
        parsed = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
        bad = [n and not e for n, e in zip(parsed.isna().tolist(), empty, strict=True)]
        _refuse_first(bad, col, "not a date: {value!r}", fname, name, _TYPE_EXPECTED[ftype])
        out = parsed.astype("datetime64[ns]")
    else:  # pragma: no cover - caught by the descriptor test
        raise DataError(
            f"unsupported schema type {ftype!r}",
            file="datapackage.json",
            column=name,
            expected=", ".join(DTYPES),
        )
    _check_constraints(out, out.notna().tolist(), text_values, cons, name, fname)
    return out


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u2028-\u202e\u2060\ufeff]")
_APOSTROPHE = re.compile(r"'(?!')")


def _check_characters(col: list[str], name: str, fname: str) -> None:
    """Refuse control or invisible characters, and a spreadsheet's leading apostrophe."""
    for row, value in enumerate(col, start=1):
        found = _CONTROL.search(value)
        if found:
            char = found.group()
            raise DataError(
                f"invisible or control character U+{ord(char):04X} in {value!r}",
                file=fname,
                row=row,
                column=name,
                expected="printable text (line breaks and tabs allowed; "
                "no other control characters)",
            )
    _refuse_first(
        [_APOSTROPHE.match(v) is not None for v in col],
        col,
        "the value starts with an apostrophe: {value!r}",
        fname,
        name,
        "the value without the leading ' that spreadsheet programs add to mark text",
    )


def _check_constraints(
    out: pd.Series,
    present: list[bool],
    text: list[str | None],
    cons: dict[str, Any],
    name: str,
    fname: str,
) -> None:
    if "enum" in cons:
        allowed = [str(v) for v in cons["enum"]]
        known = set(allowed)
        bad = [p and t not in known for p, t in zip(present, text, strict=True)]
        _refuse_first(
            bad,
            text,
            "{value!r} is not an allowed value",
            fname,
            name,
            f"one of: {', '.join(allowed)}",
        )
    if "pattern" in cons:
        pattern = re.compile(cons["pattern"])
        bad = [p and pattern.fullmatch(t or "") is None for p, t in zip(present, text, strict=True)]
        expected = f"the pattern {cons['pattern']}"
        _refuse_first(bad, text, "{value!r} does not match the pattern", fname, name, expected)
    for key, op, word in (("minimum", "lt", "at least"), ("maximum", "gt", "at most")):
        if key in cons:
            beyond = getattr(out, op)(cons[key]).fillna(False).astype(bool).tolist()
            bad = [p and b for p, b in zip(present, beyond, strict=True)]
            expected = f"a value {word} {cons[key]}"
            _refuse_first(bad, text, "{value} is out of range", fname, name, expected)
    if cons.get("unique"):
        dup = [p and d for p, d in zip(present, out.duplicated(keep="first").tolist(), strict=True)]
        _refuse_first(
            dup, text, "duplicate value {value!r}", fname, name, "each value once (unique column)"
        )


def _check_keys(out: pd.DataFrame, schema: dict[str, Any], fname: str) -> None:
    pk = schema.get("primaryKey")
    if not pk:
        return
    cols = [pk] if isinstance(pk, str) else list(pk)
    dup = out.duplicated(subset=cols, keep="first")
    if dup.any():
        row = _first_row(dup)
        key = ", ".join(f"{c}={out[c].iloc[row - 1]}" for c in cols)
        raise DataError(
            f"duplicate primary key ({key})",
            file=fname,
            row=row,
            column=cols[0],
            expected=f"a unique {' + '.join(cols)} per row",
        )


def _check_foreign_key(key: _TableKey, fk: dict[str, Any], fname: str, folder: Path) -> None:
    cols = [fk["fields"]] if isinstance(fk["fields"], str) else fk["fields"]
    ref = fk["reference"]
    ref_cols = [ref["fields"]] if isinstance(ref["fields"], str) else ref["fields"]
    target_key = _parsed(ref["resource"], folder)[3]
    unknown = _first_unknown_key(key, target_key, tuple(cols), tuple(ref_cols))
    if unknown is not None:
        i, values = unknown
        ref_file = resource(ref["resource"], folder)["path"]
        raise DataError(
            f"{', '.join(map(str, values))} is not a known {' + '.join(ref_cols)}",
            file=fname,
            row=i,
            column=cols[0],
            expected=f"a {' + '.join(ref_cols)} that exists in {ref_file}",
        )


@lru_cache(maxsize=128)
def _first_unknown_key(
    key: _TableKey, target_key: _TableKey, cols: tuple[str, ...], ref_cols: tuple[str, ...]
) -> tuple[int, tuple[Any, ...]] | None:
    """Return the first data row (1-based) whose foreign key the target lacks, and that key.

    Cached on the contents of both tables (what their parse is cached on) and the columns.
    """
    out, target = _typed_table(*key), _typed_table(*target_key)
    for frame, names in ((target, list(ref_cols)), (out, list(cols))):
        if not set(names) <= set(frame.columns):
            frame[names]  # pandas' KeyError names the missing column
    known = set(zip(*(target[c].tolist() for c in ref_cols), strict=True))
    keys = zip(*(out[c].tolist() for c in cols), strict=True)
    for i, values in enumerate(keys, start=1):
        if any(pd.isna(k) for k in values):
            continue
        if values not in known:
            return i, values
    return None


def _first_row(mask: pd.Series) -> int:
    """1-based data row of the first True in a boolean mask."""
    return int(mask.to_numpy().argmax()) + 1


def _refuse_first(
    mask: list[bool], values: list[Any], message: str, fname: str, column: str, expected: str
) -> None:
    """Raise a DataError at the first row where ``mask`` holds (``{value}``: that row's value)."""
    if any(mask):
        row = mask.index(True) + 1
        raise DataError(
            message.format(value=values[row - 1]),
            file=fname,
            row=row,
            column=column,
            expected=expected,
        )


def check_tables(data_dir: str | os.PathLike[str] | None = None) -> list[DataError]:
    """Read every table of the descriptor under its schema; return one problem per failing table.

    Columns, types, required values, enums, patterns, ranges, unique and primary keys and
    foreign keys are checked by :func:`read_table`.
    """
    folder = _data_dir(data_dir)
    problems = []
    for res in descriptor(folder)["resources"]:
        if "schema" not in res:
            continue
        try:
            read_table(res["name"], folder)
        except DataError as err:
            problems.append(err)
    return problems
