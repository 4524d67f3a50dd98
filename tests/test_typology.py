"""The typology: codings, adjudicated codes, agreement, distance and their checks."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from gba.analysis import typology as t
from gba.datasets import typology as dt
from gba.datasets.tables import read_table


def _codings(rows: list[tuple[str, int, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["coder", "case_id", "feature", "value"])


def test_alpha_and_percent_agreement_against_hand_computation() -> None:
    # coder A: x x y y; coder B: x x y x (values of who_adjusts stand in for x, y).
    # Coincidences: n = 8, n_x = 5, n_y = 3; one disagreeing unit gives o_xy = o_yx = 1.
    # D_o = 2/8, D_e = 2*5*3/(8*7) = 30/56, alpha = 1 - (2/8)/(30/56) = 8/15.
    a = ["both", "both", "mainland_only", "mainland_only"]
    b = ["both", "both", "mainland_only", "both"]
    rows = [("A", i + 1, "who_adjusts", v) for i, v in enumerate(a)]
    rows += [("B", i + 1, "who_adjusts", v) for i, v in enumerate(b)]
    table = t.agreement(_codings(rows)).set_index(["feature", "value"])
    got = table.loc[("who_adjusts", "")]
    assert got["alpha"] == pytest.approx(8 / 15)
    assert got["percent_agreement"] == pytest.approx(0.75)
    assert got["n_cases"] == 4


def test_multi_valued_feature_scored_per_value() -> None:
    rows = [
        ("A", 1, "partners_mentioned", "hong_kong"),
        ("A", 1, "partners_mentioned", "macao"),
        ("B", 1, "partners_mentioned", "hong_kong"),
        ("A", 2, "partners_mentioned", "macao"),
        ("B", 2, "partners_mentioned", "macao"),
    ]
    table = t.agreement(_codings(rows)).set_index(["feature", "value"])
    # the value sets agree on case 2 only; hong_kong is present for both coders in
    # case 1 and absent for both in case 2; macao splits on case 1
    assert table.loc[("partners_mentioned", ""), "percent_agreement"] == 0.5
    assert table.loc[("partners_mentioned", "hong_kong"), "percent_agreement"] == 1.0
    assert table.loc[("partners_mentioned", "macao"), "percent_agreement"] == 0.5
    # no variation at all: alpha is undefined, not 1
    assert pd.isna(table.loc[("partners_mentioned", "none"), "alpha"])


def test_exclude_drops_cells() -> None:
    rows = [("A", 1, "scope", "one_city"), ("B", 1, "scope", "gba_wide")]
    rows += [("A", 2, "scope", "one_city"), ("B", 2, "scope", "one_city")]
    table = t.agreement(_codings(rows), exclude={(1, "scope")}).set_index(["feature", "value"])
    assert table.loc[("scope", ""), "n_cases"] == 1
    assert table.loc[("scope", ""), "percent_agreement"] == 1.0


def test_predecided_cells_read_from_the_examples() -> None:
    cells = dt.predecided_cells()
    # codebook_typology_values.csv: scope/one_city include "c14: 广州市黄埔区…",
    # main_partner/hong_kong exclude "c16: Zhuhai's reforms…"
    assert (14, "scope") in cells
    assert (16, "main_partner") in cells
    # a hypothetical example names no case
    assert all(1 <= c <= 20 for c, _ in cells)


def test_every_disagreement_is_adjudicated_with_a_note() -> None:
    codings = dt.load_typology_codings()
    codes = dt.load_typology_codes()
    sets = codings.groupby(["case_id", "feature", "coder"])["value"].agg(frozenset)
    split = sets.groupby(["case_id", "feature"]).nunique()
    split = set(split[split > 1].index)
    assert split, "the stored codings disagree somewhere (issue 12's c01, c08, c10)"
    adjudicated = codes[codes["decision"] == "adjudicated"]
    assert set(zip(adjudicated["case_id"], adjudicated["feature"], strict=True)) == split
    for cell in split:
        notes = adjudicated.set_index(["case_id", "feature"]).loc[[cell], "note"]
        assert notes.str.startswith("Adjudicated").any(), cell


def test_case_1_is_coded_as_conversion_not_recognition() -> None:
    # the point: 重点放在信用报告转化上而非将三地信用报告统一
    wide = dt.case_features()
    assert "mutual_recognition" not in wide.loc[1, "alignment_mode"]
    assert wide.loc[1, "main_mode"] == "conversion_equivalence"
    # case 16's devices are all for Macao; case 19's 港澳台资 list does not decide its partner
    # (its devices: 一个突破 none, 两个支撑 Hong Kong, 三方联动 粤港澳 -> a tie -> both)
    assert wide.loc[16, "main_partner"] == "macao"
    codes = dt.load_typology_codes().set_index(["case_id", "feature"])
    assert wide.loc[19, "main_partner"] == "both"
    assert "港澳台资" not in codes.loc[(19, "main_partner"), "evidence"]


def test_feature_distance_weighs_features_equally() -> None:
    wide = pd.DataFrame(
        {"main_mode": ["a", "b", "a"], "alignment_mode": [("a", "b"), ("a",), ("a", "b")]},
        index=[1, 2, 3],
    )
    d = t.feature_distance(wide)
    # main_mode differs (1), the sets share 1 of 2 values (Jaccard distance 0.5)
    assert d.loc[1, 2] == pytest.approx(0.75)
    assert d.loc[1, 3] == 0.0
    assert d.loc[2, 1] == d.loc[1, 2]


def test_batch_categories_keep_missing_counts_missing() -> None:
    table = t.batch_categories()
    assert table.loc["factor_flow", "batch 2"] == 5  # batches.csv: 要素跨境流動類5個
    assert table.loc["major_platform", "batch 3"] == 5  # batches.csv: 重大平台建设类5个
    assert pd.isna(table.loc["major_platform", "batch 1"])  # not published: stays missing
    assert table["batch 1 coded"].sum() == 20


def _rewrite(path: Path, change) -> None:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    change(rows)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_check_finds_a_shifted_span(data_copy: Path) -> None:
    def shift(rows):
        rows[0]["start"] = str(int(rows[0]["start"]) + 1)

    _rewrite(data_copy / "typology_codes.csv", shift)
    problems = dt.check_typology(data_copy)
    assert len(problems) == 1
    assert problems[0].file == "typology_codes.csv" and problems[0].row == 1
    assert "is not the evidence" in str(problems[0])


def test_check_finds_a_main_mode_outside_the_modes(data_copy: Path) -> None:
    def move(rows):
        row = next(r for r in rows if r["case_id"] == "9" and r["feature"] == "main_mode")
        row["value"] = "border_function"
        row.update(evidence="", start="", end="")

    _rewrite(data_copy / "typology_codes.csv", move)
    messages = [str(p) for p in dt.check_typology(data_copy)]
    assert any("main_mode ['border_function'] is not among" in m for m in messages)
    assert any("'border_function' has no evidence" in m for m in messages)


def test_check_finds_a_second_categorical_value(data_copy: Path) -> None:
    def add(rows):
        row = dict(next(r for r in rows if r["coder"] == "B" and r["feature"] == "scope"))
        row["value"] = "gba_wide"
        rows.append(row)

    _rewrite(data_copy / "typology_codings.csv", add)
    messages = [str(p) for p in dt.check_typology(data_copy)]
    assert any("feature 'scope' (coder B): 2 value row(s)" in m for m in messages)


def test_check_finds_batch_counts_that_do_not_add_up(data_copy: Path) -> None:
    def bump(rows):
        row = next(
            r for r in rows if r["batch"] == "2" and r["quantity"] == "n_category_livelihood"
        )
        row["value"] = "6"

    _rewrite(data_copy / "batches.csv", bump)
    messages = [str(p) for p in dt.check_typology(data_copy)]
    assert any("sources disagree on n_category_livelihood" in m for m in messages)


def test_check_finds_category_counts_off_the_batch_size(data_copy: Path) -> None:
    def bump(rows):
        for row in rows:
            if row["batch"] == "2" and row["quantity"] == "n_category_livelihood":
                row["value"] = "6"

    _rewrite(data_copy / "batches.csv", bump)
    messages = [str(p) for p in dt.check_typology(data_copy)]
    assert any("batch 2: category counts add up to 17" in m for m in messages)


def test_batch_two_titles_listed_once_per_case() -> None:
    titles = read_table("batch_cases")
    listed = titles[(titles["batch"] == 2) & titles["title"].notna()]
    assert sorted(set(listed["case_no"])) == list(range(1, 17))
    # the reprint's traditional-script title and the simplified report agree
    first = listed[listed["case_no"] == 1]["title"]
    assert "“港車北上”“澳車北上”政策順利落地實施" in set(first)
    assert "“港车北上”“澳车北上”政策顺利落地实施" in set(first)


def test_check_finds_a_title_number_beyond_the_batch(data_copy: Path) -> None:
    def renumber(rows):
        rows[0]["case_no"] = "17"

    _rewrite(data_copy / "batch_cases.csv", renumber)
    messages = [str(p) for p in dt.check_typology(data_copy)]
    assert any(
        "batch_cases.csv, row 1" in m and "beyond the batch's 16 cases" in m for m in messages
    )


def test_check_finds_listings_that_disagree_on_a_title(data_copy: Path) -> None:
    def retitle(rows):
        row = next(r for r in rows if r["case_no"] == "3" and "ifeng" in r["url"])
        row["title"] = "创新实施粤澳货物“一单一报”服务"

    _rewrite(data_copy / "batch_cases.csv", retitle)
    messages = [str(p) for p in dt.check_typology(data_copy)]
    assert any("batch 2, case 3: listings disagree on the title" in m for m in messages)
