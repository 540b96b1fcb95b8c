"""The PDF renderer on a long report (here, under pytest-qt's QApplication: the renderer uses the
application that runs, and only makes a QGuiApplication when none does): the contents give each
section the page it starts on, every page is numbered "Page N of M", a section starting on a new
page is not drawn at the foot of the page before, and long registers break across pages whole."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from pathlib import Path

from sqlalchemy.orm import sessionmaker

from minisip_console.core import audit_report, operators
from minisip_console.core.plumbing import db
from minisip_console.report import SECTIONS, render, render_pdf
from tests.e2e.test_report_cli import pdf_text
from tests.gui.conftest import build_database


def _data(tmp_path: Path) -> audit_report.ReportData:
    engine = db.make_engine(build_database(tmp_path / "console.db"))
    try:
        sessions = sessionmaker(bind=engine)
        with sessions() as session:
            operator = operators.identify(session, "test-operator")
        today = dt.datetime.now(dt.UTC).date()
        return audit_report.gather(sessions, since=today - dt.timedelta(days=364), until=today, operator=operator)
    finally:
        engine.dispose()


def test_a_long_report_keeps_its_contents_and_page_numbers_true(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = _data(tmp_path)
    assert data.purges, "the test database has a purge receipt to repeat"
    receipt = data.purges[0]
    heads = {i: f"{i}:{hashlib.sha256(str(i).encode()).hexdigest()}" for i in range(1, 401)}
    long = dataclasses.replace(data, purges=tuple(dataclasses.replace(receipt, id=i, audit_head=heads[i]) for i in heads))

    out = tmp_path / "long.pdf"
    kept: list[object] = []
    digest = render_pdf(long, out, before_rename=lambda r: kept.append(out.exists()))
    assert kept == [False]  # the event's hook runs before the file is moved into place
    rendered = render(long)
    assert rendered.pages > 15 and rendered.pages == len(pdf_text(out).rstrip("\f").split("\f"))
    assert len(digest) == 64

    pages = pdf_text(out).split("\f")
    toc = dict(rendered.toc)
    assert list(toc) == list(SECTIONS)
    assert toc[SECTIONS[2]] - toc[SECTIONS[1]] > 5  # the receipts fill several pages
    for i, title in enumerate(SECTIONS, 1):
        heading = f"{i}. {title}"
        holding = [n for n, page in enumerate(pages, 1) if any(line.strip() == heading for line in page.splitlines())]
        assert holding == [toc[title]], (title, holding, toc[title])  # on its page, and on no other
        assert f"{heading} " in pages[1] and str(toc[title]) in pages[1]
    for n in range(1, rendered.pages + 1):
        assert f"Page {n} of {rendered.pages}" in pages[n - 1]
    # every receipt once, its head line beside it: none lost or doubled at a page break
    text = "\n".join(pages)
    assert len(re.findall(r"^\s+audit head \d+:[0-9a-f]{64}", text, re.M)) == 400
    assert all(text.count(f"audit head {head}") == 1 for head in heads.values())
