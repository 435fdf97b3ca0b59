"""A display-only pandas Styler: the text Streamlit shows for each cell, without pandas' per-cell HTML work."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
from pandas.io.formats.style import Styler
from pandas.io.formats.style_render import maybe_convert_css_to_tuples

from sinergi.common.cells import Formatter


def display_styler(
    data: pd.DataFrame,
    formatters: list[Formatter],
    cell_css: Mapping[int, list[str]] | None = None,
    texts: Mapping[int, list[str]] | None = None,
) -> Styler:
    """Return a Styler of data holding each cell's display text (formatters: one per column) and nothing else but,
    when given, the CSS of some columns' cells (cell_css: column position -> one "prop: value; ..." per row).

    texts gives the display text of some columns row by row (column position -> one text per row), where a cell's
    words depend on its row and not on its value alone (a KPI value in its KPI's unit); data keeps the numbers the
    browser sorts those columns by.

    That text is all Streamlit reads of a Styler (its marshall_styler calls `_compute` and `_translate` and keeps the
    `display_value` of the cells `row<i>_col<j>`). pandas' own translation describes every cell for HTML (classes,
    attributes, a formatter looked up per cell): about half a second of CPU for a province's 11,000-desa table, on
    every rerun. The two are replaced on this one object (Streamlit recognises a Styler by its exact type, so no
    subclass); tests/test_display_styler.py checks that Streamlit sends the same text as for pandas' Styler."""
    styler = data.style
    styler.display_formatters = formatters  # read by the tests
    given = texts or {}

    def compute() -> Styler:
        return styler  # no styles to apply: formats only

    def translate(*args: Any, **kwargs: Any) -> dict[str, Any]:
        written = [
            list(given[j]) if j in given else [fmt(v) for v in data.iloc[:, j].tolist()]
            for j, fmt in enumerate(formatters)
        ]
        body = [
            [{"id": f"row{i}_col{j}", "display_value": column[i]} for j, column in enumerate(written)]
            for i in range(len(data))
        ]
        return {
            "body": body,
            "cellstyle": _cellstyle(cell_css or {}, len(data)),
            "table_styles": [],
            "caption": None,
            "uuid": styler.uuid,
        }

    styler._compute = compute
    styler._translate = translate
    return styler


def _cellstyle(cell_css: Mapping[int, list[str]], rows: int) -> list[dict[str, Any]]:
    # as pandas' Styler.apply + _translate group them: cells with the same properties share one rule, in the order
    # their first cell comes (row by row, column by column)
    grouped: dict[tuple[tuple[str, str], ...], list[str]] = {}
    for i in range(rows):
        for j in sorted(cell_css):
            css = cell_css[j][i]
            if css:
                grouped.setdefault(tuple(maybe_convert_css_to_tuples(css)), []).append(f"row{i}_col{j}")
    return [{"props": list(props), "selectors": selectors} for props, selectors in grouped.items()]
