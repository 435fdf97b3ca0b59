"""Every page, as every role reads it, in both languages: tables, charts, maps and text show words and Indonesian
(or English) numbers, never raw codes, unformatted numbers or missing values written out (tests/rendered.py)."""

from __future__ import annotations

import os

import pytest
from rendered import chart_text_problems, figure_problems, table_problems, text_problems

# Query parameters that open each page's detail, so that its tables are drawn too.
DETAIL = {"peta": {"desa": "99.02.01.2001"}, "moa": {"moa": "MOA-0202"}, "mitra": {"mitra": "MTR-012"}}


# Every role reads every page; the everyday run covers the roles whose protected figures differ most from admin's
# (pimpinan in Indonesian, tamu in English), CI the other two as well.
RENDERED_ROLES = (("admin", "id"), ("admin", "en"), ("pimpinan", "id"), ("tamu", "en")) + (
    (("perencana", "id"), ("monev", "en")) if os.environ.get("SINERGI_TEST_FULL") == "1" else ()
)


def _rendered_cases() -> list:
    from sinergi.ui.pages import PAGES

    return [
        pytest.param(spec, role, lang, id=f"{spec.key}-{role}-{lang}")
        for spec in PAGES
        for role, lang in RENDERED_ROLES
        if role in spec.roles
    ]


@pytest.mark.parametrize(("spec", "role", "lang"), _rendered_cases())
def test_rendered_pages_show_words_and_indonesian_numbers(app, spec, role, lang):
    from conftest import open_page

    at = open_page(
        app, spec.file, role=role, wilayah="99.02", putaran="2", bahasa=lang, **DETAIL.get(spec.key, {})
    )
    assert not at.exception, at.exception
    problems = [p for i, frame in enumerate(at.dataframe) for p in table_problems(frame, lang, f"table {i}")]
    problems += [
        p for i, fig in enumerate(at.get("plotly_chart")) for p in figure_problems(fig, lang, f"chart {i}")
    ]
    problems += [
        p for i, fig in enumerate(at.get("plotly_chart")) for p in chart_text_problems(fig, f"chart {i}")
    ]
    problems += [
        p
        for i, deck in enumerate(at.get("deck_gl_json_chart"))
        for p in chart_text_problems(deck, f"map {i}")
    ]
    problems += text_problems(at, "text")
    assert problems == [], f"{spec.file} ({role}, {lang}):\n  " + "\n  ".join(problems)
