"""The package's shape: one list of checks, lazy public modules, and import contracts that bite."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import gba
from gba.checks import CHECKS

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "gba"


def _top_level_checks() -> set[str]:
    found = set()
    for path in PACKAGE.rglob("*.py"):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if (
                isinstance(node, ast.FunctionDef)
                and node.name.startswith("check_")
                and ast.unparse(node.returns) == "list[DataError]"  # a data check, not check_lang
            ):
                found.add(f"{module}.{node.name}")
    return found


def test_every_check_function_is_listed_once_in_checks():
    listed = [f"{c.__module__}.{c.__name__}" for c in CHECKS]
    assert len(listed) == len(set(listed))
    assert set(listed) == _top_level_checks()


def test_validate_defines_no_check_of_its_own():
    tree = ast.parse((PACKAGE / "checks.py").read_text(encoding="utf-8"))
    validate = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "validate")
    nested = [n.name for n in ast.walk(validate) if isinstance(n, ast.FunctionDef | ast.Lambda)]
    assert nested == ["validate"]


def test_nothing_registers_a_data_check():
    # checks are listed, not registered by importing the module that defines them
    for path in PACKAGE.rglob("*.py"):
        if path.parent.name == "figures":
            continue  # figures register with the figure registry, a different thing
        assert "@register" not in path.read_text(encoding="utf-8"), path


def test_public_modules_are_lazy_attributes_in_a_fresh_interpreter():
    code = (
        "import sys, gba; "
        "names = [n for n in ('compare', 'clustering', 'figures', 'phrases', 'growth') "
        "if n in dir(gba)]; "
        "light = 'pandas' not in sys.modules and 'matplotlib' not in sys.modules; "
        "print(names, light, callable(gba.validate), gba.compare.__name__, "
        "gba.figures.__name__, gba.phrases.__name__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == [
        "['compare',",
        "'clustering',",
        "'figures',",
        "'phrases',",
        "'growth']",
        "True",
        "True",
        "gba.analysis.compare",
        "gba.figures",
        "gba.analysis.phrases",
    ]


def test_the_old_report_name_warns_and_gives_phrases():
    with pytest.warns(DeprecationWarning, match=r"gba\.report is now gba\.phrases"):
        module = gba.report
    assert module is gba.phrases
    with pytest.raises(AttributeError, match="no attribute 'nonesuch'"):
        gba.nonesuch  # noqa: B018


def _lint(tmp_path: Path, edit: tuple[str, str] | None) -> subprocess.CompletedProcess[str]:
    copy = tmp_path / "src"
    shutil.copytree(PACKAGE, copy / "gba", ignore=shutil.ignore_patterns("fonts", "__pycache__"))
    if edit is not None:
        target = copy / "gba" / edit[0]
        target.write_text(edit[1] + "\n" + target.read_text(encoding="utf-8"), encoding="utf-8")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    lint = Path(sys.executable).parent / "lint-imports"
    return subprocess.run(
        [str(lint), "--no-cache"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(copy), "PATH": str(Path(sys.executable).parent)},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("edit", "broken"),
    [
        (None, None),
        (("datasets/cases.py", "import gba.analysis.clustering"), "data flows one way"),
        (("extract/_numerals.py", "import gba.datasets.tables"), "data flows one way"),
        (("datasets/tables.py", "import gba.datasets.cases"), "Layers inside the data"),
        (("figures/lang.py", "import gba.figures.style"), "No import cycles"),
        (("site/fonts.py", "import gba.site.pages"), "Layers inside the site"),
        (("analysis/compare/encoding.py", "import gba.analysis.compare.crosstabs"), "comparison"),
        (("analysis/phrases/words.py", "import gba.analysis.phrases.growth"), "phrases"),
    ],
)
def test_import_contracts_hold_and_catch_a_wrong_import(tmp_path, edit, broken):
    out = _lint(tmp_path, edit)
    if broken is None:
        assert out.returncode == 0, out.stdout + out.stderr
        assert "0 broken" in out.stdout
    else:
        assert out.returncode == 1, out.stdout + out.stderr
        section = out.stdout.split("Broken contracts")[1]
        assert broken in section
