"""QR codes as inline SVG, so a visitor can carry a record's public page away on a phone."""

from __future__ import annotations

import io

import segno


def qr_svg(url: str, *, title: str = "") -> str:
    """An SVG document (no XML declaration) encoding the URL, dark on light, 4-module border."""
    code = segno.make(url, error="m", micro=False)
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        xmldecl=False,
        svgns=True,
        title=title or None,
        svgclass="qr",
        lineclass=None,
        omitsize=True,
        dark="#111111",
        light="#ffffff",
        border=4,
    )
    return out.getvalue().decode("utf-8")
