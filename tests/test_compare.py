"""gba.analysis.compare on hand-checked toy examples, and its invariants on the real features."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest

from gba import clustering, compare
from gba.analysis.clustering import (
    average_linkage,
    cut_tree,
    dendrogram_segments,
    leaf_order,
    order_cases,
)
from gba.analysis.compare import column_labels, crosstab, feature_matrix, group_summary, jaccard

# A toy of four cases, in the input order A, C, B, D, with sets
#   A = {x1, x2, x3}, B = {x1, x2}, C = {x3, x4}, D = {x4}.
TOY = pd.DataFrame(
    [[1, 1, 1, 0], [0, 0, 1, 1], [1, 1, 0, 0], [0, 0, 0, 1]],
    index=["A", "C", "B", "D"],
    columns=["x1", "x2", "x3", "x4"],
)


def test_toy_jaccard_by_hand():
    # |A∩B|/|A∪B| = 2/3; A,C: {x3} of {x1..x4} = 1/4; C,D: {x4} of {x3,x4} = 1/2; others 0
    sim = jaccard(TOY)
    assert sim.loc["A", "B"] == pytest.approx(2 / 3)
    assert sim.loc["A", "C"] == pytest.approx(1 / 4)
    assert sim.loc["C", "D"] == pytest.approx(1 / 2)
    for a, b in [("A", "D"), ("B", "C"), ("B", "D")]:
        assert sim.loc[a, b] == 0.0
    assert (np.diag(sim) == 1.0).all()
    assert (sim.to_numpy() == sim.to_numpy().T).all()


def test_toy_average_linkage_by_hand():
    # distances: AB 1/3, CD 1/2, AC 3/4, AD = BC = BD = 1
    # 1. A(0)+B(2) at 1/3 -> cluster 4
    # 2. C(1)+D(3) at 1/2 -> cluster 5 (AB-C = (3/4+1)/2 = 7/8, AB-D = 1)
    # 3. 4+5 at the mean of AC, AD, BC, BD = (3/4 + 1 + 1 + 1) / 4 = 15/16
    merges = average_linkage(1 - jaccard(TOY).to_numpy())
    assert merges[["left", "right", "size"]].to_numpy().tolist() == [
        [0, 2, 2],
        [1, 3, 2],
        [4, 5, 4],
    ]
    assert merges["distance"].tolist() == pytest.approx([1 / 3, 1 / 2, 15 / 16])
    assert leaf_order(merges) == [0, 2, 1, 3]
    assert order_cases(TOY.set_axis([10, 30, 20, 40])) == [10, 20, 30, 40]
    assert cut_tree(merges, 2) == [1, 2, 1, 2]  # A, C, B, D -> {A, B} first, then {C, D}
    assert cut_tree(merges, 1) == [1, 1, 1, 1]
    assert cut_tree(merges, 4) == [1, 3, 2, 4]  # numbered along the leaf order A, B, C, D
    assert cut_tree(merges, height=0.5) == [1, 2, 1, 2]  # keeps the merges at 1/3 and 1/2
    assert cut_tree(merges, height=0.4) == [1, 2, 1, 3]
    with pytest.raises(ValueError, match="exactly one"):
        cut_tree(merges)


def test_ties_go_to_the_pair_whose_first_leaves_come_first():
    # 1 and 2 merge first (0.2); then 0-{1,2}, 0-3 and 3-{1,2} are all at 0.5.
    # By first leaves the candidates are (0, 1), (0, 3) and (1, 3): (0, 1) wins, so 0 joins
    # {1, 2}, although scipy-style cluster ids would prefer (0, 3).
    d = np.full((4, 4), 0.5)
    np.fill_diagonal(d, 0.0)
    d[1, 2] = d[2, 1] = 0.2
    merges = average_linkage(d)
    assert merges[["left", "right"]].to_numpy().tolist() == [[1, 2], [0, 4], [5, 3]]
    assert merges["distance"].tolist() == pytest.approx([0.2, 0.5, 0.5])
    assert leaf_order(merges) == [0, 1, 2, 3]


def test_all_equal_distances_merge_in_input_order():
    d = np.ones((3, 3)) - np.eye(3)
    merges = average_linkage(d)
    assert merges[["left", "right"]].to_numpy().tolist() == [[0, 1], [3, 2]]


@pytest.mark.parametrize("seed", range(5))
def test_merge_distance_is_the_mean_leaf_distance(seed):
    rng = np.random.default_rng(seed)
    n = 7
    a = rng.random((n, n))
    d = (a + a.T) / 2
    np.fill_diagonal(d, 0)
    merges = average_linkage(d)
    members = {i: [i] for i in range(n)}
    heights = []
    for k, row in enumerate(merges.itertuples()):
        left, right = members.pop(row.left), members.pop(row.right)
        expected = np.mean([d[i, j] for i, j in itertools.product(left, right)])
        assert row.distance == pytest.approx(expected)
        assert min(left) < min(right)
        members[n + k] = left + right
        heights.append(row.distance)
    assert heights == sorted(heights)  # average linkage never inverts
    assert sorted(leaf_order(merges)) == list(range(n))


def test_bad_distance_matrices_are_refused():
    with pytest.raises(ValueError, match="symmetric"):
        average_linkage(np.array([[0, 1], [2, 0]]))
    with pytest.raises(ValueError, match="square"):
        average_linkage(np.zeros((1, 1)))
    with pytest.raises(ValueError, match="0/1"):
        jaccard(pd.DataFrame([[2, 0]]))


def test_dendrogram_segments_by_hand():
    merges = average_linkage(1 - jaccard(TOY).to_numpy())
    # leaves at x = 0 (A), 1 (B), 2 (C), 3 (D); AB sits at x 0.5, CD at 2.5
    segs = dendrogram_segments(merges)
    assert segs[0] == ((0.0, 0.0, 1.0, 1.0), pytest.approx((0.0, 1 / 3, 1 / 3, 0.0)))
    assert segs[2][0] == (0.5, 0.5, 2.5, 2.5)
    assert segs[2][1] == pytest.approx((1 / 3, 15 / 16, 15 / 16, 1 / 2))


# --- feature matrix, crosstab, group summary on a toy long form

BOOK = pd.DataFrame(
    {"type": ["categorical", "multi-valued", "count", "binary"]}, index=["d", "p", "n", "b"]
)
VALS = pd.DataFrame(
    {"feature": ["d", "d", "d", "p", "p"], "value": ["law", "fin", "health", "hk", "mo"]}
)
LONG = pd.DataFrame(
    [
        (1, "d", "law"),
        (1, "p", "hk"),
        (1, "p", "mo"),
        (1, "n", "2"),
        (1, "b", "true"),
        (2, "d", "law"),
        (2, "p", "mo"),
        (2, "n", "0"),
        (2, "b", "false"),
        (3, "d", "fin"),
        (3, "p", "hk"),
        (3, "n", "1"),
        (3, "b", "false"),
    ],
    columns=["case_id", "feature", "value"],
)


def test_toy_feature_matrix():
    m = feature_matrix(LONG, include=["d", "p", "n", "b"], codebook=BOOK, values=VALS)
    assert list(m.columns) == ["d=law", "d=fin", "p=hk", "p=mo", "n>0", "b"]  # d=health dropped
    assert m.to_numpy().tolist() == [[1, 0, 1, 1, 1, 1], [1, 0, 0, 1, 0, 0], [0, 1, 1, 0, 1, 0]]
    full = feature_matrix(LONG, include=["d"], codebook=BOOK, values=VALS, drop_empty=False)
    assert list(full.columns) == ["d=law", "d=fin", "d=health"]


def test_toy_feature_matrix_rejects_unknowns():
    with pytest.raises(ValueError, match="not a feature"):
        feature_matrix(LONG, include=["zz"], codebook=BOOK, values=VALS)
    bad = pd.concat([LONG, pd.DataFrame([(3, "p", "tw")], columns=LONG.columns)])
    with pytest.raises(ValueError, match="tw"):
        feature_matrix(bad, include=["p"], codebook=BOOK, values=VALS)


def test_toy_crosstab_counts_multi_valued_cases_in_every_cell():
    # case 1 (law; hk, mo), case 2 (law; mo), case 3 (fin; hk)
    ct = crosstab("d", "p", LONG, codebook=BOOK, values=VALS, margins=True)
    assert ct.loc[["law", "fin", "health"], ["hk", "mo"]].to_numpy().tolist() == [
        [1, 2],
        [1, 0],
        [0, 0],
    ]
    assert ct["cases"].tolist() == [2, 1, 0, 3]
    assert ct.loc["cases"].tolist() == [2, 2, 3]
    # the cells add up to 4 for 3 cases: case 1 is in two cells
    assert int(ct.loc[["law", "fin", "health"], ["hk", "mo"]].to_numpy().sum()) == 4
    with pytest.raises(ValueError, match="count"):
        crosstab("d", "n", LONG, codebook=BOOK, values=VALS)


def test_toy_group_summary():
    ind = pd.DataFrame(
        {
            "case_id": [1, 1, 1, 3],
            "as_of_basis": ["stated", "period", "undated", "undated"],
        }
    )
    # by partner: hk = cases 1, 3 (4 indicators, 2 dated); mo = cases 1, 2 (3, 2 dated)
    s = group_summary("p", LONG, ind, codebook=BOOK, values=VALS)
    assert s.loc["hk", ["n_cases", "n_indicators", "n_dated", "n_cases_dated"]].tolist() == [
        2,
        4,
        2,
        1,
    ]
    assert s.loc["hk", "share_dated"] == pytest.approx(0.5)
    assert s.loc["mo", ["n_cases", "n_indicators", "n_dated"]].tolist() == [2, 3, 2]
    assert s.loc["mo", "cases"] == "1, 2"
    by_domain = group_summary("d", LONG, ind, codebook=BOOK, values=VALS)
    assert by_domain.loc["health", "n_cases"] == 0
    assert np.isnan(by_domain.loc["health", "share_dated"])
    # like crosstab, a count is no grouping (it used to give one group named "n>0")
    with pytest.raises(ValueError, match="'n' is a count"):
        group_summary("n", LONG, ind, codebook=BOOK, values=VALS)


def test_toy_column_labels_and_unknown_columns():
    book = BOOK.assign(label_en=["Domain", "Partner", "Count", "Flag"])
    vals = VALS.assign(label_en=["Law", "Finance", "Health", "Hong Kong", "Macao"])
    labels = column_labels(["d=law", "p=mo", "n>0", "b"], codebook=book, values=vals)
    assert labels == ["Domain: Law", "Partner: Macao", "Count > 0", "Flag"]
    short = column_labels(["p=hk"], codebook=book, values=vals, with_feature=False)
    assert short == ["Hong Kong"]
    for col in ["p=tw", "zz=hk", "zz", "zz>0"]:
        with pytest.raises(ValueError, match=f"{col!r} is not a column of the feature matrix"):
            column_labels([col], codebook=book, values=vals)


# --- the real features


def test_real_domain_by_lead_level_crosstab():
    # counted by hand from data/case_features.csv (domain) and the first unit of
    # submitted_by_zh in data/cases.csv (provincial 1-10, central branch 11-13,
    # city 14-17, zone or district 18-20)
    expected = {
        "finance": (0, 2, 1, 0),  # 11, 12 | 15
        "legal": (2, 0, 0, 2),  # 2, 9 | 18, 19
        "social_security_health": (2, 0, 1, 0),  # 4, 8 | 16
        "mobility_logistics": (2, 1, 0, 0),  # 5, 7 | 13
        "business_environment": (2, 0, 1, 0),  # 1, 6 | 14
        "science_talent": (2, 0, 0, 0),  # 3, 10
        "public_services_governance": (0, 0, 1, 1),  # 17 | 20
    }
    ct = crosstab("domain", "lead_level")
    assert list(ct.columns) == ["provincial", "central_branch", "city_government", "zone_district"]
    assert {d: tuple(ct.loc[d]) for d in ct.index} == expected


def test_real_lead_level_counts():
    ct = crosstab("lead_level", "domain", margins=True)
    assert ct["cases"].to_dict() == {
        "provincial": 10,
        "central_branch": 3,
        "city_government": 4,
        "zone_district": 3,
        "cases": 20,
    }


def test_real_similarity_and_order():
    m = feature_matrix()
    sim = jaccard(m)
    assert sim.shape == (20, 20)
    x = sim.to_numpy()
    assert (x == x.T).all() and (np.diag(x) == 1).all() and ((x >= 0) & (x <= 1)).all()
    assert sorted(order_cases()) == list(range(1, 21))


def test_real_jaccard_by_hand():
    # case 11: central_branch | finance | (no one-stop) | data_sharing |
    #          residents financial_institutions                               -> 5
    # case 12: central_branch | finance | (no one-stop) | (no digital) |
    #          residents financial_institutions                               -> 4
    # shared: 4 -> 4 / 5
    m = feature_matrix()
    sim = jaccard(m)
    assert sim.loc[11, 12] == pytest.approx(4 / 5)
    # case 3: provincial | science_talent | public_bodies; case 10: the same but professionals
    assert sim.loc[3, 10] == pytest.approx(2 / 4)
    # 11 and 12 are the closest pair (no other pair shares 4 of 5), so they merge first
    merges = average_linkage(1 - sim.to_numpy())
    ids = list(m.index)
    left, right, distance = merges.loc[0, ["left", "right", "distance"]]
    assert {ids[int(left)], ids[int(right)]} == {11, 12}
    assert distance == pytest.approx(0.2)


def test_design_features_are_in_the_codebook():
    from gba.datasets.codebook import load_codebook

    assert set(compare.DESIGN_FEATURES) <= set(load_codebook().index)


def test_real_group_summary_partitions_the_indicators():
    from gba.datasets.indicators import load_indicators

    ind = load_indicators(origin="cases")  # the quantities the case texts state
    by_domain = group_summary("domain")
    # domain is categorical: the groups partition the 20 cases and their indicators
    assert by_domain["n_cases"].sum() == 20
    assert by_domain["n_indicators"].sum() == len(ind)
    # beneficiaries is multi-valued: a case counts once per group it serves
    # (by hand: residents 12, enterprises 10, professionals 4, financial institutions 4,
    # public bodies 4)
    by_group = group_summary("beneficiaries")
    assert by_group["n_cases"].sum() == 12 + 10 + 4 + 4 + 4


def test_toy_cluster_profile_and_pairs():
    from gba.analysis.clustering import cluster_profile
    from gba.analysis.compare import most_similar_pairs

    m = TOY.set_axis([1, 3, 2, 4])  # A=1, C=3, B=2, D=4
    clusters = pd.Series({1: 1, 2: 1, 3: 2, 4: 2})
    prof = cluster_profile(m, clusters, min_share=1.0)
    # {A, B} share x1 and x2; {C, D} share x4
    assert prof[["cluster", "column"]].to_numpy().tolist() == [[1, "x1"], [1, "x2"], [2, "x4"]]
    half = cluster_profile(m, clusters, min_share=0.5)
    assert half.loc[half["cluster"] == 2, "column"].tolist() == ["x4", "x3"]  # 1.0, then 0.5
    pairs = most_similar_pairs(jaccard(m), 2)
    assert pairs[["a", "b"]].to_numpy().tolist() == [[1, 2], [3, 4]]
    assert pairs["similarity"].tolist() == pytest.approx([2 / 3, 1 / 2])
    assert len(most_similar_pairs(jaccard(m), 0)) == 0
    # a negative n used to return every pair but the last one
    with pytest.raises(ValueError, match="n must be a whole number from 0 up, not -1"):
        most_similar_pairs(jaccard(m), -1)


def test_toy_coclustering():
    from gba.analysis.clustering import coclustering

    m = TOY.set_axis([1, 3, 2, 4])
    # cut at 0.5: {A, B} and {C, D}; cut at 0.4: {A, B}, {C}, {D}
    same = coclustering([m, m], height=0.5)
    assert same.loc[1, 2] == 1.0 and same.loc[3, 4] == 1.0 and same.loc[1, 3] == 0.0
    # dropping x4 makes D empty and C = {x3}: C joins neither A nor B below 0.5
    other = m.drop(columns="x4")
    mixed = coclustering([m, other], height=0.5)
    assert mixed.loc[1, 2] == 1.0
    assert mixed.loc[3, 4] == 0.5
    with pytest.raises(ValueError, match="same case index"):
        coclustering([m, m.iloc[::-1]])


# --- helpers the notebooks print with -------------------------------------------------------


def test_value_labels_match_the_codebook_file():
    import csv

    from gba._paths import data_dir

    with open(data_dir() / "codebook_values.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    en, zh = compare.value_labels("en"), compare.value_labels("zh")
    assert len(en) == len(rows)
    for row in rows:
        assert en[(row["feature"], row["value"])] == row["label_en"]
        assert zh[(row["feature"], row["value"])] == row["label_zh"]
    levels = {r["value"]: r["label_en"] for r in rows if r["feature"] == "lead_level"}
    assert compare.value_labels(feature="lead_level") == levels
    with pytest.raises(ValueError):
        compare.value_labels("fr")
    with pytest.raises(ValueError, match="no values"):
        compare.value_labels(feature="n_first_claims")


def test_relabel_keeps_the_counts_and_the_margin():
    table = crosstab("domain", "lead_level", margins=True)
    out = compare.relabel(table, "domain", "lead_level")
    assert out.to_numpy().tolist() == table.to_numpy().tolist()
    assert out.columns[-1] == "cases" and out.index[-1] == "cases"
    assert "Legal and judicial" in out.index and "Provincial organ" in out.columns
    assert list(compare.relabel(table, columns="lead_level").index) == list(table.index)
    with pytest.raises(ValueError, match="not a value of the feature 'lead_level'"):
        compare.relabel(table, "lead_level")


def test_value_tally_counts_distinct_cases_per_value():
    import gba

    long = gba.load_features()
    tally = compare.value_tally(include=["beneficiaries", "digital"])
    labels = compare.value_labels()
    for feature in ["beneficiaries", "digital"]:
        sel = long[long["feature"] == feature]
        by_hand = sel.groupby("value")["case_id"].nunique()
        for value, n in by_hand.items():
            row = tally[tally["value"] == labels[(feature, value)]]
            assert row["cases"].tolist() == [n]
    assert (tally["cases"] > 0).all()


def test_toy_cluster_table_stability_and_modes():
    m = TOY.set_axis([1, 3, 2, 4])  # A=1, C=3, B=2, D=4; x1..x4 are values of a feature f
    m.columns = [f"f=x{k}" for k in range(1, 5)]
    book = pd.DataFrame({"label_en": ["F"]}, index=["f"])
    vals = pd.DataFrame(
        {"feature": ["f"] * 4, "value": ["x1", "x2", "x3", "x4"], "label_en": list("PQRS")}
    )
    clusters = pd.Series({1: 1, 2: 1, 3: 2, 4: 2})
    names = pd.Series({1: "A", 2: "B", 3: "C", 4: "D"})
    table = clustering.cluster_table(
        m, clusters, names=names, min_share=0.5, codebook=book, values=vals
    )
    assert table["cases"].tolist() == ["A (1), B (2)", "C (3), D (4)"]
    # A = {x1, x2, x3}, B = {x1, x2}: x1, x2 in both, x3 in half
    assert table.loc[1, "shared"] == "F: P (100%); F: Q (100%); F: R (50%)"
    assert table.loc[2, "shared"] == "F: S (100%); F: R (50%)"

    together = pd.DataFrame(
        [[1, 0.5, 0.25, 0], [0.5, 1, 0, 0], [0.25, 0, 1, 1], [0, 0, 1, 1]],
        index=[1, 2, 3, 4],
        columns=[1, 2, 3, 4],
    )
    three = pd.Series({1: 1, 2: 1, 3: 1, 4: 2})
    stab = clustering.cluster_stability(three, together)
    # cluster 1 = {1, 2, 3}: pairs 12, 13, 23 -> (0.5 + 0.25 + 0) / 3; cluster 2 is one case
    assert stab.index.tolist() == [1]
    assert stab.loc[1, "n_pairs"] == 3
    assert stab.loc[1, "together"] == pytest.approx(0.25)

    counts = pd.DataFrame({"u": [1, 3, 3], "v": [0, 0, 2]}, index=["a", "b", "c"])
    modes = compare.column_modes(counts)
    assert modes.to_dict("index") == {
        "u": {"rows": "b / c", "count": 3},
        "v": {"rows": "c", "count": 2},
    }


def test_leave_one_out_drops_each_feature_once():
    include = ["beneficiaries", "domain", "lead_level"]
    full = feature_matrix(include=include)
    for left_out, m in zip(include, clustering.leave_one_out(include=include), strict=True):
        assert not any(c.startswith(f"{left_out}=") for c in m.columns)
        assert set(m.columns) == {c for c in full.columns if not c.startswith(f"{left_out}=")}
    with pytest.raises(ValueError):
        clustering.leave_one_out(include=["domain"])


def test_rank_correlation_by_hand():
    # ranks 1..4 against 1, 3, 2, 4: sum d^2 = 2, rho = 1 - 6 * 2 / (4 * 15) = 0.8.
    # Of the 24 pairings, |rho| >= 0.8 for the identity, the 3 adjacent swaps and their
    # 4 reversals: p = 8 / 24.
    rho, p = compare.rank_correlation([10, 20, 30, 40], [1, 3, 2, 4], permutations=20000)
    assert rho == pytest.approx(0.8)
    assert p == pytest.approx(1 / 3, abs=0.015)
    # ties get their average rank: x ranks 1.5, 1.5, 3, 4 against 1, 2, 3, 4
    rho_tied, _ = compare.rank_correlation([5, 5, 7, 9], [1, 2, 3, 4], permutations=10)
    assert rho_tied == pytest.approx(4.5 / math.sqrt(4.5 * 5))
    assert compare.rank_correlation([1, 2, 3], [1, 2, 3], seed=1) == compare.rank_correlation(
        [1, 2, 3], [1, 2, 3], seed=1
    )
    for x, y in [([1, 2], [1, 2]), ([1, 2, 3], [1, 2]), ([1, 1, 1], [1, 2, 3])]:
        with pytest.raises(ValueError):
            compare.rank_correlation(x, y)


def test_most_similar_pairs_labels_each_case_of_a_pair():
    sim = compare.jaccard(pd.DataFrame([[1, 1, 0], [1, 1, 1], [0, 0, 1]], index=[4, 5, 6]))
    out = compare.most_similar_pairs(sim, 2, labels=pd.Series({4: "four", 5: "five", 6: "six"}))
    # by hand: J(4,5) = 2/3, J(5,6) = 1/3, J(4,6) = 0
    assert list(zip(out["label_a"], out["label_b"], strict=True)) == [
        ("four", "five"),
        ("five", "six"),
    ]
    with pytest.raises(ValueError, match="no label for case 6"):
        compare.most_similar_pairs(sim, 2, labels={4: "four", 5: "five"})
