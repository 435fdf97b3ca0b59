"""Monitoring pages under AppTest: every page runs without exceptions for two kabupaten, a kecamatan and the province."""

import pytest
from conftest import DEMO_KABUPATEN, open_page

PAGES = [
    "pages/kpi_monitoring.py",
    "pages/household_transitions.py",
    "pages/comparison.py",
    "pages/interventions.py",
    "pages/budget.py",
]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("region", [*DEMO_KABUPATEN])
def test_page_runs(app, page, region):
    at = open_page(app, page, wilayah=region, putaran="2")
    assert not at.exception, at.exception
    assert at.title
    assert len(at.get("plotly_chart")) >= 1
