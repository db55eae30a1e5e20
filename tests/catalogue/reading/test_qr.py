"""QR codes as inline SVG."""

import xml.etree.ElementTree as ET

import segno

from catalogue.reading.qr import qr_svg


def test_qr_svg_is_a_standalone_svg_with_a_quiet_zone() -> None:
    svg = qr_svg("https://qoljazba.example.org/manuscripts/ms-01")
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("class") == "qr" and root.get("viewBox")
    assert not svg.startswith("<?xml")
    # Same symbol as segno makes for the URL: version and error level are stable.
    code = segno.make("https://qoljazba.example.org/manuscripts/ms-01", error="m", micro=False)
    size = code.symbol_size(border=4)[0]
    assert root.get("viewBox") == f"0 0 {size} {size}"
