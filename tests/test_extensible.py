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
            "21,2,1,跨境测试案例,A cross-border test case,测试,Test case,"
            "省测试厅、某市人民政府,Test Department; Test City Government\n"
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
