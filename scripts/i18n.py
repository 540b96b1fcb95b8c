"""The console's translations (issue 16): extract, fill in, compile, check.

    python scripts/i18n.py update [AREA]       # pyside6-lupdate: every tr("...") and say("...") into resources/i18n/zh_CN/*.ts
    python scripts/i18n.py untranslated [AREA] # JSON: the English still without Chinese, per area
    python scripts/i18n.py fill AREA FILE.json # FILE: {"English": "中文", ...} (or [[english, disambiguation, 中文], ...])
    python scripts/i18n.py release             # pyside6-lrelease: resources/i18n/minisip_console_zh_CN.qm
    python scripts/i18n.py check               # exit 1 when a .ts is stale or unfinished, or the .qm is not the .ts compiled

One ``.ts`` per part of the window (``AREAS``), so each part's translation is reviewed beside its
code; all of them share the one context ``""`` (``ui/i18n.py``) and compile into one ``.qm``.
``-locations none`` keeps line numbers out of the files: moving code does not touch them.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "minisip_console"
I18N = REPO / "resources" / "i18n"
LANGUAGE = "zh_CN"
#: a part of the window -> the source files whose strings it holds (globs under minisip_console/)
AREAS: dict[str, tuple[str, ...]] = {
    "shell": ("ui/*.py",),
    "accounts": ("ui/accounts/*.py", "ui/overview/*.py", "ui/audit_log/*.py"),
    "cdr_retention": ("ui/cdr_retention/*.py",),
    "deletion_operators": ("ui/deletion_queue/*.py", "ui/operators/*.py"),
    "law_enforcement": ("ui/law_enforcement/*.py",),
    "policy_notices": ("ui/policy_notices/*.py",),
    "core": ("core/*.py", "core/plumbing/*.py"),
}
#: tr (ui/i18n.py) and say (core/text.py) are read as QT_TR_NOOP: one argument (plus an optional
#: disambiguation), the empty context; lupdate's own idea of a bare tr() is switched off
ALIASES = "tr=qt_native_tr_not_used,QT_TR_NOOP+=tr,QT_TR_NOOP+=say"


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 (pip install -e '.[test]')")
    return found


def ts_path(area: str, folder: Path | None = None) -> Path:
    folder = folder or I18N
    return folder / LANGUAGE / f"{area}.ts"


def qm_path(folder: Path | None = None) -> Path:
    folder = folder or I18N
    return folder / f"minisip_console_{LANGUAGE}.qm"


def sources(area: str) -> list[Path]:
    files = sorted({p for pattern in AREAS[area] for p in PACKAGE.glob(pattern)})
    return [p for p in files if p.name != "__init__.py" or p.stat().st_size > 0]


def update(folder: Path | None = None, *, quiet: bool = False, only: str | None = None) -> None:
    folder = folder or I18N
    for area in [only] if only else AREAS:
        target = ts_path(area, folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        cmd = [
            _tool("pyside6-lupdate"),
            *map(str, sources(area)),
            "-tr-function-alias",
            ALIASES,
            "-locations",
            "none",
            "-no-obsolete",
            "-source-language",
            "en",
            "-target-language",
            LANGUAGE,
            "-ts",
            str(target),
        ]
        subprocess.run(cmd, check=True, capture_output=quiet)


def release(folder: Path | None = None, *, quiet: bool = False) -> Path:
    folder = folder or I18N
    out = qm_path(folder)
    files = [str(ts_path(area, folder)) for area in AREAS if ts_path(area, folder).is_file()]
    subprocess.run(
        [_tool("pyside6-lrelease"), "-nounfinished", "-removeidentical", *files, "-qm", str(out)], check=True, capture_output=quiet
    )
    return out


def messages(area: str, folder: Path | None = None) -> list[tuple[ET.Element, str, str]]:
    """(the <message>, its English, its disambiguation) of one area's .ts."""
    folder = folder or I18N
    tree = ET.parse(ts_path(area, folder))
    found = []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        found.append((message, source, message.findtext("comment") or ""))
    return found


def untranslated(area: str, folder: Path | None = None) -> list[list[str]]:
    folder = folder or I18N
    out = []
    for message, source, comment in messages(area, folder):
        translation = message.find("translation")
        if translation is None or translation.get("type") == "unfinished" or not (translation.text or "").strip():
            out.append([source, comment] if comment else [source])
    return out


def fill(area: str, given: dict[tuple[str, str], str], folder: Path | None = None) -> int:
    folder = folder or I18N
    path = ts_path(area, folder)
    tree = ET.parse(path)
    filled = 0
    for message in tree.iter("message"):
        key = (message.findtext("source") or "", message.findtext("comment") or "")
        if key not in given:
            continue
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        translation.text = given[key]
        translation.attrib.pop("type", None)
        filled += 1
    _write(tree, path)
    update(folder, quiet=True, only=area)  # back into lupdate's own layout: the next update changes nothing
    return filled


def _write(tree: ET.ElementTree, path: Path) -> None:
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def check() -> list[str]:
    """What is wrong with the committed translation, as sentences (empty: all is well)."""
    problems = []
    with tempfile.TemporaryDirectory(prefix="minisip-i18n-") as tmp:
        copy = Path(tmp) / "i18n"
        shutil.copytree(I18N, copy)
        update(copy, quiet=True)
        for area in AREAS:
            fresh = {(s, c) for _m, s, c in messages(area, copy)}
            committed = {(s, c) for _m, s, c in messages(area)} if ts_path(area).is_file() else set()
            if fresh != committed:
                new = sorted(s for s, _c in fresh - committed)[:5]
                gone = sorted(s for s, _c in committed - fresh)[:5]
                problems.append(f"{area}.ts is stale (run scripts/i18n.py update): new {new}, gone {gone}")
            missing = untranslated(area, copy)
            if missing:
                problems.append(f"{area}.ts: {len(missing)} strings without Chinese, e.g. {missing[:3]}")
        built = release(copy, quiet=True)
        if not qm_path().is_file() or built.read_bytes() != qm_path().read_bytes():
            problems.append(f"{qm_path().name} is not the .ts files compiled (run scripts/i18n.py release)")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    updating = sub.add_parser("update")
    updating.add_argument("area", nargs="?", choices=sorted(AREAS), help="only this part's .ts (default: every part)")
    listing = sub.add_parser("untranslated")
    listing.add_argument("area", nargs="?", choices=sorted(AREAS))
    filling = sub.add_parser("fill")
    filling.add_argument("area", choices=sorted(AREAS))
    filling.add_argument("file", type=Path)
    sub.add_parser("release")
    sub.add_parser("check")
    args = parser.parse_args(argv)
    if args.command == "update":
        update(only=args.area)
    elif args.command == "untranslated":
        areas = [args.area] if args.area else list(AREAS)
        print(json.dumps({area: untranslated(area) for area in areas}, ensure_ascii=False, indent=1))
    elif args.command == "fill":
        data = json.loads(args.file.read_text(encoding="utf-8"))
        pairs = (
            data.items() if isinstance(data, dict) else ((row[0], row[-1]) if len(row) == 2 else ((row[0], row[1]), row[2]) for row in data)
        )
        given = {(k if isinstance(k, tuple) else (k, "")): v for k, v in pairs}
        print(f"{fill(args.area, given)} translations filled into {ts_path(args.area).relative_to(REPO)}")
    elif args.command == "release":
        print(release().relative_to(REPO))
    elif args.command == "check":
        problems = check()
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
