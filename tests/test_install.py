"""The pinned install: every dependency the project declares is pinned in constraints.txt,
and the environment running the tests has exactly the pinned versions."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, pinned = line.partition("==")
            pins[_norm(name)] = pinned.strip()
    return pins


def _declared() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        reqs += extra
    names = [_norm(re.split(r"[\s<>=!~;\[]", r, maxsplit=1)[0]) for r in reqs]
    return sorted({n for n in names if n != "graphbuild"})


def test_every_pin_is_exact():
    pins = _pins()
    assert pins, "constraints.txt pins nothing"
    assert all(re.fullmatch(r"[0-9][0-9A-Za-z.+!-]*", v) for v in pins.values()), pins


@pytest.mark.parametrize("name", _declared())
def test_declared_dependency_is_pinned_and_installed_at_its_pin(name):
    pins = _pins()
    assert name in pins, f"{name} is declared in pyproject.toml but not pinned in constraints.txt"
    try:
        installed = version(name)
    except PackageNotFoundError:
        pytest.fail(f"{name} is pinned but not installed: pip install -c constraints.txt ...")
    assert installed == pins[name], (
        f"{name} {installed} is installed, constraints.txt pins {pins[name]}: "
        "install with pip install -c constraints.txt -e '.[test]'"
    )


def test_html_cleaner_that_trafilatura_imports_is_there():
    import trafilatura  # noqa: F401  # raised ImportError with lxml 6 and no lxml_html_clean
    from lxml.html.clean import Cleaner  # noqa: F401
