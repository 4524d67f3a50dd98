"""Nothing assumes exactly 20 cases or one source document."""

from __future__ import annotations

import hashlib
from pathlib import Path

from gba.checks import validate
from gba.datasets.cases import load_cases
from gba.datasets.datapackage import write_descriptor

BATCH2_TEXT = """ 案例一

案例名称：跨境测试案例

报送单位：省测试厅，某市人民政府

截至 2024年 3月，已有 12家

机构参与。
"""


def add_batch2_case(folder: Path) -> None:
    """Add a synthetic batch-2 source with one case, as README's "Adding a case" says."""
    raw = folder / "raw" / "batch2_test.zh.txt"
    raw.write_text(BATCH2_TEXT, encoding="utf-8")
    digest = hashlib.sha256(raw.read_bytes()).hexdigest()
    with open(folder / "sources.csv", "a", encoding="utf-8") as fh:
        fh.write(
            f"test-batch2,2,测试第二批,Test second batch,测试单位,Test unit,2024-05-13,,"
            f"raw/batch2_test.zh.txt,{digest},Synthetic test text.,official_release,\n"
        )
    with open(folder / "cases.csv", "a", encoding="utf-8") as fh:
        fh.write(
            "21,2,1,跨境测试案例,A cross-boundary test case,测试,Test case,"
            "省测试厅，某市人民政府,Test Department; Test City Government\n"
        )
    (folder / "schemas" / "source-text-batch2.json").write_text(
        '{"name": "source-text-batch2", "path": "raw/batch2_test.zh.txt", "format": "txt"}\n',
        encoding="utf-8",
    )
    write_descriptor(folder)


def test_a_21st_case_from_a_second_batch(data_copy):
    add_batch2_case(data_copy)
    assert validate(data_copy) == []
    cases = load_cases(data_copy)
    assert len(cases) == 21
    new = cases.loc[21]
    assert (new["batch"], new["case_no"], new["n_units"]) == (2, 1, 2)
    assert new["text_zh"] == "截至2024年3月，已有12家机构参与。"
    # the first batch is untouched
    assert cases.loc[1:20, "batch"].eq(1).all()


def test_editing_the_second_raw_text_is_caught(data_copy):
    add_batch2_case(data_copy)
    raw = data_copy / "raw" / "batch2_test.zh.txt"
    raw.write_text(BATCH2_TEXT.replace("12家", "13家"), encoding="utf-8")
    write_descriptor(data_copy)
    text = "\n".join(map(str, validate(data_copy)))
    assert "raw/batch2_test.zh.txt" in text and "never be edited" in text


PROGRAMMES_SCHEMA = """{
  "name": "programmes",
  "path": "programmes.csv",
  "format": "csv",
  "title": "Programmes: a synthetic table added as README's Adding a table says",
  "description": "One row per programme named in a case.",
  "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
  "schema": {
    "fields": [
      {"name": "programme_id", "title": "stable identifier", "type": "string",
       "description": "Stable identifier.", "constraints": {"required": true, "unique": true}},
      {"name": "case_id", "title": "the case (cases.csv)", "type": "integer",
       "description": "The case.", "constraints": {"required": true}},
      {"name": "kind", "title": "what the programme is", "type": "string",
       "description": "What the programme is.", "constraints": {"enum": ["fund", "scheme"]}}
    ],
    "primaryKey": "programme_id",
    "foreignKeys": [{"fields": "case_id", "reference": {"resource": "cases", "fields": "case_id"}}]
  }
}
"""


def load_programmes(data_dir=None):
    """Load the programmes (the loader of step 3).

    ============  ======  =======================
    column        dtype   meaning
    ============  ======  =======================
    programme_id  string  stable identifier
    case_id       Int64   the case (``cases.csv``)
    kind          string  what the programme is
    ============  ======  =======================
    """
    from gba.datasets.tables import read_table

    return read_table("programmes", data_dir)


def test_a_new_table_as_the_readme_says(data_copy):
    import json

    from test_dictionaries import dictionary, meanings

    (data_copy / "programmes.csv").write_text(
        "programme_id,case_id,kind\np1,3,fund\np2,4,scheme\n", encoding="utf-8"
    )
    (data_copy / "schemas" / "programmes.json").write_text(PROGRAMMES_SCHEMA, encoding="utf-8")
    write_descriptor(data_copy)  # step 2
    assert validate(data_copy) == []
    frame = load_programmes(data_copy)  # step 3
    assert {c: str(t) for c, t in frame.dtypes.items()} == dictionary(load_programmes)
    fields = json.loads(PROGRAMMES_SCHEMA)["schema"]["fields"]
    assert meanings(load_programmes) == {f["name"]: f["title"] for f in fields}
    # a bad cell is named by file, row and column
    (data_copy / "programmes.csv").write_text(
        "programme_id,case_id,kind\np1,3,fund\np2,99,loan\n", encoding="utf-8"
    )
    write_descriptor(data_copy)
    problems = "\n".join(str(p) for p in validate(data_copy))
    assert "programmes.csv" in problems and "row 2" in problems
    assert "kind" in problems and "loan" in problems
