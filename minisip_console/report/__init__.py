"""The PDF audit report: laid out with QtGui (``QTextDocument``, ``QPdfWriter``; no widgets) from
the data ``core.audit_report.gather`` collects. It sits between the core and the window and the
command line (an import-linter layer in ``pyproject.toml``): it imports the core, never ``ui`` or
``commands``.

``export_report(sessions, operator, since=, until=, path=)`` gathers, renders, records the
``report.exported`` event and moves the file into place (the command and the window both call
it); ``render_pdf(data, path) -> sha256`` writes the file atomically; ``render(data)`` gives the
bytes, the page count and the table of contents' pages.
"""

from __future__ import annotations

from minisip_console.report.export import Exported, check_out_path, export_report
from minisip_console.report.html import SECTIONS
from minisip_console.report.pdf import Rendered, ensure_gui_application, render, render_pdf

__all__ = ["SECTIONS", "Exported", "Rendered", "check_out_path", "ensure_gui_application", "export_report", "render", "render_pdf"]
