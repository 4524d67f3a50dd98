"""Packaging: environment.yml agrees with pyproject.toml; the wheel works outside the repo;
`import gba` stays light."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
# conda-forge names of PyPI packages where they differ
CONDA_NAMES: dict[str, str] = {}


def _split(req: str) -> tuple[str, str]:
    m = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*(.*?)\s*", req)
    assert m, req
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def test_environment_yml_agrees_with_pyproject():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = dict(
        _split(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]
    )
    wanted["python"] = project["requires-python"]
    env = yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))
    assert env["name"] == project["name"] and env["channels"] == ["conda-forge"]
    conda: dict[str, str] = {}
    pip: list[str] = []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip.extend(dep["pip"])
        elif dep != "pip":
            name, spec = _split(dep)
            conda[name] = spec
    expected = {CONDA_NAMES.get(k, k): v for k, v in wanted.items()}
    assert conda == expected, "environment.yml and pyproject.toml disagree"
    assert pip == ["-e .[dev]"]


def test_lock_pins_every_declared_dependency():
    lock = (REPO / "requirements" / "dev.lock").read_text(encoding="utf-8")
    pinned = {m.lower() for m in re.findall(r"^([A-Za-z0-9_.\-]+)==", lock, flags=re.M)}
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for req in project["dependencies"] + project["optional-dependencies"]["dev"]:
        assert _split(req)[0] in pinned, f"{req} is not in requirements/dev.lock: run `make lock`"
    assert "--hash=sha256:" in lock


def test_import_gba_is_light():
    code = (
        "import sys, gba; gba.load_cases(); "
        "heavy = [m for m in ('matplotlib', 'matplotlib.pyplot', 'IPython') if m in sys.modules]; "
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_wheel_contains_data_and_loads_outside_the_repo(tmp_path, wheel):
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        zf.extractall(tmp_path / "site")
    assert "gba/data/datapackage.json" in names
    assert "gba/data/cases.csv" in names
    assert any(n.startswith("gba/data/raw/") and n.endswith(".zh.txt") for n in names)
    # the site's templates and static files are package data
    assert {"gba/site/templates/case.html", "gba/site/static/site.js"} <= names
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import gba; c = gba.load_cases(); "
        "print(gba.__file__); print(len(c), c['text_zh'].str.len().gt(0).all()); "
        "print(gba.validate())"
    )
    env = {k: v for k, v in os.environ.items() if k != "GBA_DATA_DIR"}
    env["PYTHONPATH"] = str(tmp_path / "site")
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    where, shape, problems = out.stdout.splitlines()
    assert where.startswith(str(tmp_path / "site"))
    assert shape == "20 True"
    assert problems == "[]"


def test_no_public_name_is_shadowed_by_a_submodule():
    # `import gba.x` sets the attribute gba.x to the module, hiding a function exported as gba.x
    import pkgutil

    import gba

    modules = {m.name for m in pkgutil.iter_modules(gba.__path__)}
    assert not modules & set(gba._EXPORTS)


def test_the_distribution_has_a_name_of_its_own():
    # PyPI's "gba" is an unrelated project: ours is installed under another name, imported as gba
    from importlib.metadata import PackageNotFoundError, distribution

    import gba

    name = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["name"]
    assert name != "gba" and name.startswith("gba-")
    installed = distribution(name)
    assert installed.metadata["Name"] == name and installed.version == gba.__version__
    assert "gba/data/cases.csv" in {str(f) for f in installed.files or []}
    with pytest.raises(PackageNotFoundError):
        distribution("gba")  # nothing installed under PyPI's name
    cff = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    assert f"distribution {name}, imported as gba" in cff["message"]
    assert f"**`{name}`**" in (REPO / "README.md").read_text(encoding="utf-8")
