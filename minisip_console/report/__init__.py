"""The PDF audit report: laid out with QtGui (``QTextDocument``, ``QPdfWriter``; no widgets) from
the data ``core.audit_report.gather`` collects. It sits between the core and the window and the
command line (an import-linter layer in ``pyproject.toml``): it imports the core, never ``ui`` or
``commands``.

``render_pdf(data, path) -> sha256`` writes the file atomically; ``render(data)`` gives the bytes,
the page count and the table of contents' pages.
"""

from __future__ import annotations

from minisip_console.report.html import SECTIONS
from minisip_console.report.pdf import Rendered, ensure_gui_application, render, render_pdf

__all__ = ["SECTIONS", "Rendered", "ensure_gui_application", "render", "render_pdf"]
