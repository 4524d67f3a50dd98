"""The notebooks carry a new batch: executed against the synthetic 21-case data, without error."""

from __future__ import annotations

from notebook_runner import markdown_text, run_notebook, synthetic_21_cases

import gba


def test_notebook_03_runs_on_the_synthetic_21_cases(tmp_path):
    data = synthetic_21_cases(tmp_path)
    assert len(gba.load_cases(data_dir=data)) == 21
    nb = run_notebook("03_cross_case_comparison.ipynb", data)
    text = markdown_text(nb)
    # the kernel read the copy: the new case is there and is reported as not yet coded
    assert "**Not yet coded**: Test case (21)" in text
    # and the coded cases' findings are computed as before
    assert "Krippendorff's alpha" in text


# Notebooks whose code is checked to select examples by rule, feature or value, never by a
# batch-1 id (issue 18); add a notebook here once its code cells name none.
BY_RULE = ["03_cross_case_comparison.ipynb"]


def test_notebook_code_names_no_batch_one_id():
    import re

    import nbformat
    from notebook_runner import NOTEBOOKS

    ids = set(gba.load_indicators().index) | set(gba.load_events().index)
    ids |= set(gba.derived_indicators().index)
    by_number = re.compile(r"case_id\s*==\s*\d|\.loc\[\s*\d|case_names\(\[\s*\d")
    for name in BY_RULE:
        nb = nbformat.read(NOTEBOOKS / name, as_version=4)
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        named = sorted(i for i in ids if re.search(rf"\b{re.escape(str(i))}\b", code))
        assert named == [], f"{name} names batch-1 ids in its code: {named}"
        assert not by_number.search(code), f"{name} picks a case by its number"
