"""The README's Python examples run as written."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_python_blocks_run():
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    assert len(blocks) >= 2
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, str(README), "exec"), namespace)
    assert len(namespace["cases"]) == 20  # type: ignore[arg-type]
    assert namespace["codes"].shape[0] == 20  # type: ignore[attr-defined]
    assert namespace["ct"].to_numpy().sum() == 20  # type: ignore[attr-defined]


def test_readme_opens_with_the_two_commands():
    text = README.read_text(encoding="utf-8")
    first_block = re.search(r"```bash\n(.*?)```", text, flags=re.S).group(1)  # type: ignore[union-attr]
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()]
    assert commands == ["make figures", "make test"]
