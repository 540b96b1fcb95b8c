"""Render the application icon (resources/icons/app.svg) to PNG, ICO and ICNS with Qt.

    QT_QPA_PLATFORM=offscreen python scripts/make_icons.py

Writes ``app-{16,32,64,256}.png`` (Linux desktops, the window icon), ``app.ico`` (Windows: one
PNG-compressed entry per size, as Windows Vista and later read them) and ``app.icns`` (macOS:
PNG entries from 16 to 1024 pixels) beside the SVG. The files are committed; run this again
after changing the SVG.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
PNG_SIZES = (16, 32, 64, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: ICNS entry types holding PNG data, and their pixel sizes
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)


def main() -> int:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "app.svg"))
    if not renderer.isValid():
        raise SystemExit("app.svg is not a valid SVG")

    def render(size: int) -> QImage:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        return image

    def png(size: int) -> bytes:
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not render(size).save(buffer, "PNG"):
            raise SystemExit(f"Qt could not encode a {size}px PNG")
        buffer.close()
        return bytes(data.data())

    written = []
    for size in PNG_SIZES:
        path = ICONS / f"app-{size}.png"
        path.write_bytes(png(size))
        written.append(path)

    # ICO: ICONDIR, one ICONDIRENTRY per image, then the PNG payloads
    payloads = [png(size) for size in ICO_SIZES]
    offset = 6 + 16 * len(payloads)
    header = struct.pack("<HHH", 0, 1, len(payloads))
    entries = b""
    for size, payload in zip(ICO_SIZES, payloads, strict=True):
        dim = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(payload), offset)
        offset += len(payload)
    (ICONS / "app.ico").write_bytes(header + entries + b"".join(payloads))
    written.append(ICONS / "app.ico")

    # ICNS: 'icns' + total length, then (type, length incl. its 8-byte header, PNG data) entries
    body = b"".join(kind + struct.pack(">I", 8 + len(data)) + data for kind, data in ((k, png(s)) for k, s in ICNS_TYPES))
    (ICONS / "app.icns").write_bytes(b"icns" + struct.pack(">I", 8 + len(body)) + body)
    written.append(ICONS / "app.icns")

    # read them back with Qt's own readers: a file Qt cannot read is not written right
    for path in written:
        image = QImage(str(path))
        if image.isNull():
            raise SystemExit(f"Qt cannot read back {path}")
        print(f"{path.name}: {image.width()}x{image.height()}, {path.stat().st_size:,} bytes")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
