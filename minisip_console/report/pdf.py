"""Lay the audit report out and print it to PDF with Qt's own PDF support (QtGui only, no widgets).

Why Qt and not a PDF library: the console already ships PySide6, whose ``QTextDocument`` lays out
HTML tables across pages (repeating their header rows) and whose ``QPdfWriter`` embeds subset
fonts with their Unicode maps (the text can be searched, copied and extracted). A library
(ReportLab, WeasyPrint) would add a dependency and, for WeasyPrint, native libraries to the
installer, for nothing this report needs.

How: three documents (the cover, the contents, the body) are laid out at the writer's
resolution on a page the size of the printable area less a footer; the body once: each
``<h1>``'s page is read from its layout and written into the contents (a page of its own, so
the numbers move nothing). Then every page is painted with ``QPainter`` (the page's slice of its
document's layout, then the footer "Page N of M"). The bytes are built in memory, so the file is
written whole, atomically.
"""

from __future__ import annotations

import bisect
import hashlib
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from minisip_console.core.audit_report import ReportData
from minisip_console.core.plumbing import files
from minisip_console.report import html

#: the QGuiApplication made here when none exists (fonts need one); kept for the process's life
_app: Any = None

#: points: the body text and the footer
BODY_PT = 9
FOOTER_PT = 8
#: millimetres: the page's margins (left, top, right, bottom)
MARGINS_MM = (16.0, 14.0, 16.0, 12.0)
#: dots per inch the layout and the PDF use (positions are whole dots: fine enough for print)
RESOLUTION = 300


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: int
    sha256: str
    #: each section title (``html.SECTIONS``) and the page it starts on
    toc: tuple[tuple[str, int], ...]


def ensure_gui_application() -> None:
    """Fonts need a ``QGuiApplication``: make one if none exists, on the offscreen platform when
    there is no display (Linux without DISPLAY or WAYLAND_DISPLAY: a command run by a scheduler)."""
    global _app
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication

    existing = QCoreApplication.instance()
    if existing is not None:
        if not isinstance(existing, QGuiApplication):
            raise RuntimeError("The audit report needs a QGuiApplication (fonts), but a QCoreApplication is already running.")
        return
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication(["minisip-console"])


def render(data: ReportData) -> Rendered:
    """The report as PDF bytes, with its page count, its SHA-256 and where each section starts."""
    ensure_gui_application()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt
    from PySide6.QtGui import (
        QAbstractTextDocumentLayout,
        QColor,
        QFont,
        QPageLayout,
        QPageSize,
        QPainter,
        QPalette,
        QPdfWriter,
        QPen,
        QTextDocument,
        QTextFormat,
        QTextOption,
    )

    data_bytes = QByteArray()
    buffer = QBuffer(data_bytes)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setTitle(f"Privacy audit report {data.period}")
    writer.setCreator("minisip-console")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(*MARGINS_MM), QPageLayout.Unit.Millimeter
        )
    )
    paint = writer.pageLayout().paintRectPixels(RESOLUTION)
    footer = RESOLUTION * 0.3  # about 7.6 mm for the footer's rule and line
    body = QSizeF(paint.width(), paint.height() - footer)

    font = QFont("DejaVu Sans")
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(BODY_PT)
    # no ligatures: "fi" stays two letters when the text is searched, copied or extracted
    for tag in ("liga", "clig"):
        font.setFeature(QFont.Tag(tag), 0)

    def laid_out(text: str) -> QTextDocument:
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(writer)
        doc.setDefaultFont(font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # a 64-digit hash in a narrow cell breaks
        doc.setDefaultTextOption(option)
        doc.setDocumentMargin(0)
        doc.setPageSize(body)
        doc.setHtml(text)
        return doc

    height = body.height()

    def cuts(doc: QTextDocument) -> list[float]:
        """Where each page of ``doc`` starts. Qt paginates the layout on the page height, but now
        and then leaves a line across a page's foot (the first line of a block); drawn by slices of
        exactly one page height, it would show cut in two and be in the PDF's text on both pages.
        So a page ends where the next page height ends, or earlier: at a forced page break (a
        section), or above a line that would cross it."""
        layout = doc.documentLayout()
        total = layout.documentSize().height()
        tops: list[float] = []  # every line: top and bottom, in the document's coordinates
        bottoms: list[float] = []
        breaks: list[float] = []
        block = doc.begin()
        while block.isValid():
            lines = block.layout()
            rect = layout.blockBoundingRect(block)
            origin = rect.top()  # where the layout sits; its lines' y are from there (a line Qt moved down has y > 0)
            if block.blockFormat().pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore:
                breaks.append(rect.top())
            for i in range(lines.lineCount()):
                line = lines.lineAt(i)
                tops.append(origin + line.y())
                bottoms.append(origin + line.y() + line.height())
            block = block.next()
        order = sorted(range(len(tops)), key=tops.__getitem__)
        tops = [tops[i] for i in order]
        bottoms = [bottoms[i] for i in order]
        breaks.sort()
        starts = [0.0]
        while True:
            start = starts[-1]
            end = start + height
            forced = bisect.bisect_right(breaks, start + 1)
            if forced < len(breaks) and breaks[forced] < end:
                end = breaks[forced]
            # the lines that start above the end: the last of them (by top) may cross it
            i = bisect.bisect_left(tops, end)
            crossing = [tops[j] for j in range(max(0, i - 8), i) if bottoms[j] > end + 0.5 and tops[j] > start + 1]
            if crossing:
                end = min(crossing)
            if end >= total - 0.5:
                return starts
            starts.append(end)

    def section_pages(doc: QTextDocument, starts: list[float]) -> list[int]:
        """The page (from 1) of each ``<h1>`` in ``doc``: the page its block's top falls on."""
        layout = doc.documentLayout()
        found: list[int] = []
        block = doc.begin()
        while block.isValid():
            if block.blockFormat().headingLevel() == 1:
                found.append(bisect.bisect_right(starts, layout.blockBoundingRect(block).top() + 0.5))
            block = block.next()
        if len(found) != len(html.SECTIONS):
            raise RuntimeError(f"The report's layout has {len(found)} section headings, not {len(html.SECTIONS)}.")
        return found

    # three documents, one after the other: the cover, the contents, the body (laid out once); the
    # contents have a line per section whatever the numbers, so their page count is known first
    cover = laid_out(html.cover(data))
    main = laid_out(html.body(data))
    main_starts = cuts(main)
    front = len(cuts(cover)) + len(cuts(laid_out(html.contents(None))))
    toc = {title: front + page for title, page in zip(html.SECTIONS, section_pages(main, main_starts), strict=True)}
    contents = laid_out(html.contents(toc))
    documents = ((cover, cuts(cover)), (contents, cuts(contents)), (main, main_starts))
    pages = sum(len(starts) for _, starts in documents)

    painter = QPainter(writer)
    try:
        footer_font = QFont(font)
        footer_font.setPointSizeF(FOOTER_PT)
        context = QAbstractTextDocumentLayout.PaintContext()
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.Text, QColor(0, 0, 0))
        context.palette = palette
        title = f"{data.service} privacy audit report, {data.period}"
        number = 0
        for doc, starts in documents:
            layout = doc.documentLayout()
            ends = [*starts[1:], layout.documentSize().height() + 1]
            for top, end in zip(starts, ends, strict=True):
                if number:
                    writer.newPage()
                number += 1
                painter.save()
                painter.setClipRect(QRectF(0, 0, body.width(), end - top))
                painter.translate(0, -top)
                # a hair inside the slice: a line that starts exactly where the next page begins is not
                # drawn here too (clipped text would still be in the PDF's text)
                context.clip = QRectF(0, top + 0.5, body.width(), end - top - 1)
                layout.draw(painter, context)
                painter.restore()
                painter.setPen(QPen(QColor(0, 0, 0), RESOLUTION / 150))
                rule = height + footer * 0.25
                painter.drawLine(0, int(rule), int(body.width()), int(rule))
                painter.setFont(footer_font)
                line = QRectF(0, rule, body.width(), footer * 0.75)
                painter.drawText(line, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), title)
                painter.drawText(line, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), f"Page {number} of {pages}")
    finally:
        painter.end()
    buffer.close()
    pdf = bytes(data_bytes.data())
    return Rendered(pdf, pages, hashlib.sha256(pdf).hexdigest(), tuple(toc.items()))


def render_pdf(data: ReportData, path: str | os.PathLike[str], *, before_rename: Callable[[Rendered], None] | None = None) -> str:
    """Write the report to ``path`` atomically (a temporary file beside it, then a rename) and
    return its SHA-256. ``before_rename(rendered)`` runs once the bytes are on disk and before the
    rename: the command records the report's audit event there, so no file exists without its
    event; if it raises, no file is left. A full disk or a read-only folder is a sentence
    (``core.plumbing.files``)."""
    rendered = render(data)
    target = files.check_target(Path(path), example="a file name, e.g. audit-report.pdf")
    with files.atomic_write(target, needed=len(rendered.pdf)) as pending:
        pending.file.write(rendered.pdf)
        pending.sync()
        if before_rename is not None:
            before_rename(rendered)
    return rendered.sha256
