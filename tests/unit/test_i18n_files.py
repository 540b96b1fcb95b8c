"""The committed translation is whole and current (issue 16): every tr() and say() of the sources
is in a .ts file with its Chinese, nothing stale is left there, and the .qm the console loads is
exactly those .ts files compiled (scripts/i18n.py check)."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _i18n():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("i18n_script", REPO / "scripts" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["i18n_script"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def i18n():  # type: ignore[no-untyped-def]
    if shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent)) is None and shutil.which("pyside6-lupdate") is None:
        pytest.fail("pyside6-lupdate is missing: it comes with PySide6")
    return _i18n()


def test_the_committed_translation_is_whole_current_and_compiled(i18n) -> None:  # type: ignore[no-untyped-def]
    assert i18n.check() == []


def test_the_check_sees_a_new_string_and_an_unfinished_one(i18n, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    package = tmp_path / "minisip_console"
    (package / "ui").mkdir(parents=True)
    (package / "ui" / "a.py").write_text('from x import tr\nlabel = tr("Hello")\n', encoding="utf-8")
    folder = tmp_path / "resources" / "i18n"
    folder.mkdir(parents=True)
    monkeypatch.setattr(i18n, "PACKAGE", package)
    monkeypatch.setattr(i18n, "I18N", folder)
    monkeypatch.setattr(i18n, "AREAS", {"shell": ("ui/*.py",)})
    problems = i18n.check()
    assert any("stale" in p and "Hello" in p for p in problems), problems
    i18n.update(folder, quiet=True)
    problems = i18n.check()
    assert any("without Chinese" in p for p in problems) and not any("stale" in p for p in problems), problems
    assert i18n.fill("shell", {("Hello", ""): "你好"}, folder) == 1
    i18n.release(folder, quiet=True)
    assert i18n.check() == []
    (package / "ui" / "a.py").write_text('from x import tr\nlabel = tr("Hello")\nother = tr("Bye")\n', encoding="utf-8")
    assert any("Bye" in p for p in i18n.check())
