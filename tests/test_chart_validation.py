"""The served app builds charts without Plotly's property checks (sinergi.common.plot): what reaches the browser must
be the same chart as a checked build, on every page that draws Plotly charts."""

from __future__ import annotations

import json

import pytest
import streamlit as st
from conftest import APP, open_page
from streamlit.testing.v1 import AppTest

CHART_PAGES = [
    "pages/overview.py",
    "pages/kpi_monitoring.py",
    "pages/briefing.py",
    "pages/agreements.py",
    "pages/program_history.py",
    "pages/sector_potential.py",
    "pages/interventions.py",
    "pages/household_transitions.py",
    "pages/comparison.py",
    "pages/budget.py",
    "pages/coordination.py",
    "pages/pipeline.py",
]


def _specs(page: str, monkeypatch: pytest.MonkeyPatch, validate: str, lang: str) -> list[dict]:
    monkeypatch.setenv("SINERGI_VALIDATE_CHARTS", validate)
    st.cache_data.clear()
    at = open_page(AppTest.from_file(APP, default_timeout=60), page, wilayah="99.02", bahasa=lang)
    assert not at.exception, at.exception
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


# every page once, in Indonesian and English alternately (each case is four page runs)
@pytest.mark.parametrize(("page", "lang"), [(p, ("id", "en")[i % 2]) for i, p in enumerate(CHART_PAGES)])
def test_unchecked_charts_equal_checked_ones(page: str, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    served = _specs(page, monkeypatch, "0", lang)
    checked = _specs(page, monkeypatch, "1", lang)
    assert served, f"{page} drew no Plotly chart"
    assert served == checked
