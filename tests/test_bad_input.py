"""Thirty-odd kinds of bad edit: validate names file, row and column without a traceback,
and the loader that reads the file raises the same error (never returns the bad value)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import gba
from gba import loaders
from gba.__main__ import main
from gba.datasets.datapackage import write_descriptor

RAW = "raw/gba_rule_alignment_cases_batch1_2023-04-06.zh.txt"


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _write(path: Path, rows: list[dict[str, str]], delimiter: str = ",") -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, list(rows[0]), delimiter=delimiter, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _set(file: str, row: int, **changes: str) -> Callable[[Path], None]:
    """Change cells of data row ``row`` (1-based) of ``file``."""

    def edit(d: Path) -> None:
        rows = _rows(d / file)
        rows[row - 1].update(changes)
        _write(d / file, rows)

    return edit


def _copy_row(file: str, row: int, **changes: str) -> Callable[[Path], None]:
    """Insert a copy of data row ``row`` right after it, with some cells changed."""

    def edit(d: Path) -> None:
        rows = _rows(d / file)
        rows.insert(row, {**rows[row - 1], **changes})
        _write(d / file, rows)

    return edit


def _text(file: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(d: Path) -> None:
        text = (d / file).read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {file}"
        (d / file).write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def _drop_column(file: str, column: str) -> Callable[[Path], None]:
    def edit(d: Path) -> None:
        rows = [{k: v for k, v in r.items() if k != column} for r in _rows(d / file)]
        _write(d / file, rows)

    return edit


def _add_column(file: str, column: str) -> Callable[[Path], None]:
    def edit(d: Path) -> None:
        _write(d / file, [{**r, column: "x"} for r in _rows(d / file)])

    return edit


def _delimiter(file: str, sep: str) -> Callable[[Path], None]:
    def edit(d: Path) -> None:
        _write(d / file, _rows(d / file), delimiter=sep)

    return edit


def _bytes(file: str, make: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def edit(d: Path) -> None:
        (d / file).write_bytes(make((d / file).read_bytes()))

    return edit


def _ragged(file: str) -> Callable[[Path], None]:
    def edit(d: Path) -> None:
        lines = (d / file).read_text(encoding="utf-8").splitlines(keepends=True)
        lines[3] = lines[3].rstrip("\n") + ",extra\n"
        (d / file).write_text("".join(lines), encoding="utf-8")

    return edit


@dataclass(frozen=True)
class Bad:
    kind: str
    edit: Callable[[Path], None]
    file: str  # the file the problem names
    row: int | None  # the row it names (0 = the header), or None for a whole file
    column: str | None
    loader: str  # the public loader that reads the file
    descriptor: bool = True  # rewrite datapackage.json after the edit, as a careful user would


IND, EV, CASES, FEAT = "indicators.csv", "events.csv", "cases.csv", "case_features.csv"
BAD = [
    # the table under its schema
    Bad("missing column", _drop_column(CASES, "short_en"), CASES, 0, "short_en", "load_cases"),
    Bad("extra column", _add_column(CASES, "remarks"), CASES, 0, "remarks", "load_cases"),
    Bad("wrong type", _set(CASES, 3, case_no="three"), CASES, 3, "case_no", "load_cases"),
    Bad("duplicate id", _set(IND, 2, indicator_id="c02_gba_lawyers_certified"), IND, 2,
        "indicator_id", "load_indicators"),
    Bad("unknown batch", _set(CASES, 5, batch="7"), CASES, 5, "batch", "load_cases"),
    Bad("empty required", _set(IND, 4, unit=""), IND, 4, "unit", "load_indicators"),
    Bad("not in vocabulary", _set(IND, 4, qualifier="roughly"), IND, 4, "qualifier",
        "load_indicators"),
    Bad("out of range", _set(CASES, 2, case_no="0"), CASES, 2, "case_no", "load_cases"),
    Bad("pattern", _set(IND, 3, as_of="Feb 2023"), IND, 3, "as_of", "load_indicators"),
    Bad("unknown foreign key", _set(EV, 2, case_id="99"), EV, 2, "case_id", "load_events"),
    Bad("unknown part_of", _set(IND, 5, part_of="c99_none"), IND, 5, "part_of",
        "load_indicators"),
    Bad("ragged row", _ragged(CASES), CASES, 3, None, "load_cases"),
    Bad("semicolon-delimited", _delimiter(CASES, ";"), CASES, 0, None, "load_cases"),
    Bad("tab-delimited", _delimiter(EV, "\t"), EV, 0, None, "load_events"),
    Bad("GB18030 encoding", _bytes(CASES, lambda b: b.decode("utf-8").encode("gb18030")), CASES,
        1, None, "load_cases"),
    Bad("empty file", _bytes(EV, lambda b: b""), EV, None, None, "load_events"),
    Bad("leading apostrophe", _set(CASES, 2, title_en="'Hong Kong and Macao lawyers"), CASES, 2,
        "title_en", "load_cases"),
    Bad("NUL character", _set(IND, 6, note="see\x00note"), IND, 6, "note", "load_indicators"),
    Bad("zero-width space", _set(EV, 3, event_en="Rules\u200bissued"), EV, 3, "event_en",
        "load_events"),
    # spans, values and dates against the source text
    Bad("value that its span does not give", _set(IND, 1, value="225"), IND, 1, "value",
        "load_indicators"),
    Bad("offsets off by one", _set(IND, 1, start="375"), IND, 1, "span", "load_indicators"),
    Bad("unit the counter does not allow", _set(IND, 1, unit="institution"), IND, 1, "unit",
        "load_indicators"),
    Bad("same span counted twice", _copy_row(IND, 1, indicator_id="c02_copy", name_en="Copy"),
        IND, 2, "span", "load_indicators"),
    Bad("event date copied as a second event",
        _copy_row(EV, 1, event_id="c02_copy", event_en="Copy"), EV, 2, "span", "load_events"),
    Bad("event date not its span", _set(EV, 1, date="2023-03"), EV, 1, "date", "load_events"),
    Bad("feature value not in the codebook", _set(FEAT, 1, value="taiwan"), FEAT, 1, "feature",
        "load_features"),
    Bad("evidence not at its offsets", _set(FEAT, 1, start="32"), FEAT, 1, "evidence",
        "load_features"),
    Bad("title differs from the source", _set(CASES, 4, title_zh="改过的标题"), CASES, 4,
        "title_zh", "load_cases"),
    # the source separates case 4's units by ，: a normalised 、 is not what it prints
    Bad("units not as the source separates them",
        _set(CASES, 4, submitted_by_zh="省人力资源社会保障厅、省税务局"), CASES, 4,
        "submitted_by_zh", "load_cases"),
    Bad("exclusion not at its offsets", _set("quantity_exclusions.csv", 1, start="38"),
        "quantity_exclusions.csv", 1, "span", "load_quantity_exclusions"),
    # files and their record
    Bad("stale descriptor", _set(CASES, 2, short_en="Lawyers!"), "datapackage.json", None,
        "bytes", "load_cases", descriptor=False),
    Bad("edited raw text", _text(RAW, "224名", "225名"), RAW, None, "sha256", "load_cases"),
    Bad("descriptor with a syntax error", _text("datapackage.json", "{", "{oops"),
        "datapackage.json", None, None, "load_cases", descriptor=False),
    Bad("descriptor emptied", _bytes("datapackage.json", lambda b: b""), "datapackage.json",
        None, None, "load_cases", descriptor=False),
    Bad("origin record with a syntax error", _text("raw/origin.json", "{", "{oops"),
        "raw/origin.json", None, None, "load_cases"),
]  # fmt: skip


def test_the_table_is_long_enough():
    assert len(BAD) >= 30
    assert len({b.kind for b in BAD}) == len(BAD)


def _broken(data_copy: Path, bad: Bad) -> Path:
    bad.edit(data_copy)
    if bad.descriptor:
        write_descriptor(data_copy)
    return data_copy


@pytest.mark.parametrize("bad", BAD, ids=[b.kind for b in BAD])
def test_validate_names_the_place_and_the_loader_refuses_the_same(data_copy, bad):
    folder = _broken(data_copy, bad)
    # the loader runs gba.validate on the folder (once per state of its bytes) ...
    with pytest.raises(gba.DataError) as refused:
        getattr(gba, bad.loader)(data_dir=folder)
    # ... and that run's problems are what `python -m gba validate` prints, one per line
    problems = loaders._problems(loaders.fingerprint(folder), str(folder))
    named = [
        p
        for p in problems
        if p.file == bad.file
        and (bad.row is None or p.row == bad.row)
        and (bad.column is None or p.column == bad.column)
    ]
    assert named, f"no problem names {bad.file}, row {bad.row}, column {bad.column}: {problems}"
    assert str(refused.value) in {str(p) for p in problems}


FILE_LEVEL = [b for b in BAD if b.row is None]


@pytest.mark.parametrize("bad", FILE_LEVEL, ids=[b.kind for b in FILE_LEVEL])
def test_the_command_prints_messages_not_tracebacks(data_copy, capsys, bad):
    folder = _broken(data_copy, bad)
    assert main(["validate", "--data-dir", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and bad.file in err
    assert all(line.startswith(("ERROR ", "validate: ")) for line in err.splitlines())


def test_a_loader_ignores_problems_in_files_it_does_not_read(data_copy):
    _broken(data_copy, BAD[[b.kind for b in BAD].index("event date not its span")])
    with pytest.raises(gba.DataError):
        gba.load_events(data_copy)
    assert len(gba.load_indicators(data_copy)) == len(gba.load_indicators())


def test_the_loaders_check_once_per_state_of_the_data(data_copy, monkeypatch):
    calls = []
    monkeypatch.setattr(loaders, "validate", lambda d: calls.append(d) or [])
    loaders._problems.cache_clear()
    gba.load_cases(data_copy)
    gba.load_indicators(data_copy)
    assert len(calls) == 1
    _set(CASES, 2, short_en="Lawyers (GBA)")(data_copy)
    gba.load_cases(data_copy)
    assert len(calls) == 2
    loaders._problems.cache_clear()


def test_a_long_run_of_one_error_is_summarised():
    # a message never grows with the number of rows: the tables report the first bad row
    rows = "\n".join(f"{i},x" for i in range(100_000))
    with pytest.raises(gba.DataError) as err:
        gba.datasets.tables._typed_table(
            f"case_id,title\n{rows}".encode(),
            "big.csv",
            '{"fields": [{"name": "case_id", "type": "integer"}, '
            '{"name": "title", "type": "integer"}]}',
        )
    assert len(str(err.value)) < 300


def test_data_dir_that_is_not_a_path_is_refused_clearly():
    with pytest.raises(TypeError, match="data_dir must be a folder path"):
        gba.load_cases(5)
