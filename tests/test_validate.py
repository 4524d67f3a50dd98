"""`python -m gba validate` and the loaders reject broken copies of the data clearly."""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from gba.checks import validate
from gba.datasets.cases import load_cases
from gba.datasets.datapackage import write_descriptor
from gba.errors import DataError

RAW = "raw/gba_rule_alignment_cases_batch1_2023-04-06.zh.txt"


def _edit_csv(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _messages(folder: Path) -> str:
    return "\n".join(str(p) for p in validate(folder))


def test_shipped_data_is_valid():
    assert validate() == []


def test_cli_passes_on_shipped_data():
    out = subprocess.run(
        [sys.executable, "-m", "gba", "validate"], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr
    assert "valid" in out.stdout


# Each breakage: (id, function editing the copy, fragments the message must contain).
# After editing a CSV, the descriptor is rebuilt so that the content check, not only the
# hash check, is what rejects it.
def _missing_column(d: Path) -> None:
    with open(d / "cases.csv", encoding="utf-8", newline="") as fh:
        rows = [row[:-1] for row in csv.reader(fh)]
    with open(d / "cases.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def _wrong_type(d: Path) -> None:
    _edit_csv(d / "cases.csv", "\n3,1,3,", "\nthree,1,3,")


def _duplicate_id(d: Path) -> None:
    _edit_csv(d / "cases.csv", "\n4,1,4,", "\n3,1,4,")


def _unknown_batch(d: Path) -> None:
    _edit_csv(d / "cases.csv", "\n5,1,5,", "\n5,9,5,")


def _unknown_case_no(d: Path) -> None:
    _edit_csv(d / "cases.csv", "\n6,1,6,", "\n6,1,26,")


def _extra_column(d: Path) -> None:
    text = (d / "cases.csv").read_text(encoding="utf-8").splitlines()
    text[0] += ",notes"
    text[1:] = [line + "," for line in text[1:]]
    (d / "cases.csv").write_text("\n".join(text) + "\n", encoding="utf-8")


def _bad_encoding(d: Path) -> None:
    text = (d / "cases.csv").read_text(encoding="utf-8")
    (d / "cases.csv").write_bytes(text.encode("gb18030"))


def _empty_file(d: Path) -> None:
    (d / "cases.csv").write_text("", encoding="utf-8")


def _empty_required(d: Path) -> None:
    _edit_csv(d / "cases.csv", ",Engineer recognition,", ",,")


def _title_differs(d: Path) -> None:
    _edit_csv(d / "cases.csv", "财政科研资金实现跨境拨付使用", "财政科研资金跨境拨付")


def _units_mismatch(d: Path) -> None:
    _edit_csv(d / "cases.csv", "; Gongbei Customs", " and Gongbei Customs")


def _ragged_row(d: Path) -> None:
    _edit_csv(d / "cases.csv", "\n8,1,8,", "\n8,1,8,extra,")


def _out_of_range(d: Path) -> None:
    _edit_csv(d / "cases.csv", "\n9,1,9,", "\n9,0,9,")


BREAKAGES = [
    ("missing column", _missing_column, ["cases.csv", "submitted_by_en", "missing column"]),
    ("wrong type", _wrong_type, ["cases.csv", "row 3", "'case_id'", "not an integer", "whole"]),
    ("duplicate id", _duplicate_id, ["cases.csv", "row 4", "'case_id'", "duplicate"]),
    ("unknown batch", _unknown_batch, ["cases.csv", "row 5", "'batch'", "sources.csv"]),
    ("unknown case number", _unknown_case_no, ["cases.csv", "row 6", "'case_no'", "between 1"]),
    ("extra column", _extra_column, ["cases.csv", "'notes'", "unknown column"]),
    ("bad encoding", _bad_encoding, ["cases.csv", "UTF-8"]),
    ("empty file", _empty_file, ["cases.csv", "empty"]),
    ("empty required", _empty_required, ["cases.csv", "row 10", "'short_en'", "required"]),
    ("title differs", _title_differs, ["cases.csv", "row 3", "'title_zh'", "案例名称"]),
    ("units mismatch", _units_mismatch, ["cases.csv", "row 7", "'submitted_by_en'", "'; '"]),
    ("ragged row", _ragged_row, ["cases.csv", "row 8", "fields"]),
    ("out of range", _out_of_range, ["cases.csv", "row 9", "'batch'", "at least 1"]),
]


@pytest.mark.parametrize(
    ("label", "breakage", "fragments"), BREAKAGES, ids=[b[0] for b in BREAKAGES]
)
def test_broken_copy_is_rejected_by_validate_and_loader(data_copy, label, breakage, fragments):
    breakage(data_copy)
    write_descriptor(data_copy)  # hashes agree: the content check must catch it
    text = _messages(data_copy)
    for fragment in fragments:
        assert fragment in text, f"{label}: {fragment!r} not in:\n{text}"
    with pytest.raises(DataError) as err:
        load_cases(data_copy)
    assert "cases.csv" in str(err.value)


def test_hash_mismatch_is_rejected(data_copy):
    _edit_csv(data_copy / "cases.csv", "GBA lawyers", "GBA Lawyers")
    text = _messages(data_copy)
    assert "datapackage.json" in text and "cases.csv has hash" in text and "edited" in text


def test_edited_raw_text_is_rejected(data_copy):
    raw = data_copy / RAW
    raw.write_text(raw.read_text(encoding="utf-8").replace("224名", "234名"), encoding="utf-8")
    write_descriptor(data_copy)
    text = _messages(data_copy)
    assert RAW in text and "sha256" in text and "never be edited" in text
    assert "sources.csv row 1" in text


def test_stale_descriptor_is_rejected(data_copy):
    spec = data_copy / "schemas" / "cases.json"
    d = json.loads(spec.read_text(encoding="utf-8"))
    d["title"] = "Changed"
    spec.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    assert "stale" in _messages(data_copy)


def test_broken_raw_structure_is_rejected(data_copy):
    raw = data_copy / RAW
    raw.write_text(raw.read_text(encoding="utf-8").replace("报送单位：省财政厅", ""), "utf-8")
    _record_new_hash(data_copy)
    text = _messages(data_copy)
    assert RAW in text and "case 3" in text and "报送单位" in text


def _record_new_hash(folder: Path) -> None:
    """Record a deliberately edited raw text's hash everywhere, as a maintainer would."""
    digest = hashlib.sha256((folder / RAW).read_bytes()).hexdigest()
    origin = json.loads((folder / "raw/origin.json").read_text(encoding="utf-8"))
    _edit_csv(folder / "sources.csv", origin["sha256"], digest)
    origin["sha256"] = digest
    (folder / "raw/origin.json").write_text(json.dumps(origin, ensure_ascii=False), "utf-8")
    write_descriptor(folder)


def test_origin_record_must_agree_with_sources(data_copy):
    origin = json.loads((data_copy / "raw/origin.json").read_text(encoding="utf-8"))
    origin["sha256"] = "0" * 64
    (data_copy / "raw/origin.json").write_text(json.dumps(origin), "utf-8")
    write_descriptor(data_copy)
    assert "raw/origin.json, column 'sha256'" in _messages(data_copy)


def test_cli_exits_non_zero_and_names_the_problem(data_copy):
    _wrong_type(data_copy)
    write_descriptor(data_copy)
    out = subprocess.run(
        [sys.executable, "-m", "gba", "validate", "--data-dir", str(data_copy)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 1
    assert "cases.csv, row 3, column 'case_id'" in out.stderr


def test_loaders_never_write(data_copy):
    before = {p: p.stat().st_mtime_ns for p in data_copy.rglob("*") if p.is_file()}
    load_cases(data_copy)
    validate(data_copy)
    after = {p: p.stat().st_mtime_ns for p in data_copy.rglob("*") if p.is_file()}
    assert before == after


def test_data_dir_without_descriptor(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"no datapackage\.json"):
        load_cases(tmp_path)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('"description": "Case (cases.csv)."', '"description": "Case (see cases.csv)."'),
        # equal as Python values (1 == 1.0), but not what `python -m gba datapackage` writes
        ('"minimum": 1}', '"minimum": 1.0}'),
    ],
    ids=["description", "1.0 for 1"],
)
def test_a_schema_edited_without_rebuilding_the_descriptor_is_stale(data_copy, old, new):
    assert validate(data_copy) == []
    _edit_csv(data_copy / "schemas" / "case_features.json", old, new)
    problems = [p for p in validate(data_copy) if "stale against schemas/" in str(p)]
    assert [p.file for p in problems] == ["datapackage.json"]
