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
