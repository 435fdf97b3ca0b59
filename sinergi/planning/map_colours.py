"""The HTML legend beside the deck: colour swatches for the classes, coloured glyphs for the point layers."""

from __future__ import annotations


def legend_html(
    title: str,
    rows: list[tuple[str, str]],
    symbols: list[tuple[str, str, str]] = (),
    lines: list[tuple[str, str]] = (),
) -> str:
    """Return a small HTML legend: swatches (colour, label), point glyphs (colour, glyph, label) and line keys."""
    swatches = "".join(
        f'<div><span style="display:inline-block;width:14px;height:14px;background:{c};'
        f'margin-right:6px;vertical-align:middle;border:1px solid #666"></span>{label}</div>'
        for c, label in rows
    )
    points = "".join(
        f'<div><span style="display:inline-block;width:16px;text-align:center;font-weight:bold;'
        f'color:#fff;background:{c};border-radius:8px;margin-right:6px">{glyph}</span>{label}</div>'
        for c, glyph, label in symbols
    )
    outlines = "".join(
        f'<div><span style="display:inline-block;width:16px;height:0;border-top:3px solid {c};'
        f'margin-right:6px;vertical-align:middle"></span>{label}</div>'
        for c, label in lines
    )
    return f'<div style="font-size:0.85rem;line-height:1.5"><b>{title}</b>{swatches}{points}{outlines}</div>'
