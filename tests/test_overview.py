"""Beranda: headline logic, figures equal independent SQL over raw tables, the page under AppTest."""

import pandas as pd
import pytest
import streamlit as st
from conftest import DEMO_AS_OF, DEMO_KABUPATEN, DEMO_PROVINCE, DEMO_ROUND, DEMO_ROUNDS, open_page

from sinergi.common.fmt import fmt_number, fmt_pct
from sinergi.data import db
from sinergi.overview.headline import headline

AS_OF = DEMO_AS_OF
PARAMS = {**DEMO_ROUNDS, "as_of": AS_OF}


def test_headline_derives_shares_and_change():
    households = pd.DataFrame(
        [
            {
                "extreme_poor_households_count": 50,
                "extreme_poor_people_count": 200,
                "verified_targets_count": 40,
                "register_households_count": 300,
                "verified_targets_reached_count": 30,
                "all_households_count": 1000,
                "observed_extreme_poor_count": 45,
                "baseline_extreme_poor_count": 60,
                "observed_households_count": 300,
            }
        ]
    )
    moa = pd.DataFrame(
        [
            {
                "active_moa_count": 3,
                "ending_soon_moa_count": 1,
                "ended_undecided_moa_count": 2,
                "draft_moa_count": 0,
                "moa_count": 6,
            }
        ]
    )
    budget = pd.DataFrame({"year": [2025, 2026], "allocated_rp": [10.0, 200.0], "realised_rp": [9.0, 50.0]})
    h = headline(households, moa, budget)
    assert h.extreme_poor_share_pct == 5.0
    assert h.verified_targets_reached_pct == 75.0
    assert h.observed_change_pct == -25.0
    assert (h.budget_year, h.budget_allocated_rp, h.budget_realised_pct) == (2026, 200.0, 25.0)


def test_headline_without_budget_or_households():
    households = pd.DataFrame(
        [
            dict.fromkeys(
                [
                    "extreme_poor_households_count",
                    "extreme_poor_people_count",
                    "verified_targets_count",
                    "register_households_count",
                    "verified_targets_reached_count",
                    "all_households_count",
                    "observed_extreme_poor_count",
                    "baseline_extreme_poor_count",
                    "observed_households_count",
                ],
                0,
            )
        ]
    )
    moa = pd.DataFrame(
        [dict.fromkeys(["active_moa_count", "ending_soon_moa_count", "ended_undecided_moa_count"], 0)]
    )
    h = headline(households, moa, pd.DataFrame(columns=["year", "allocated_rp", "realised_rp"]))
    assert h.extreme_poor_share_pct is None and h.budget_year is None and h.observed_change_pct is None


def _independent(con, region: str, round_id: int) -> dict:
    """The Beranda figures by plain SQL over the raw tables (the rules restated, not the macros)."""
    like = region + ".%"
    q = lambda sql, *p: con.execute(sql, list(p)).fetchone()[0]  # noqa: E731
    in_region = "(h.desa_code = ? or h.desa_code like ?)"
    verified = "h.welfare_decile = 1 and h.verification_status in ('valid', 'tambahan_musdes')"
    # interventions by the end of the round's fieldwork, none under a draft MoA
    counted = (
        "select i.household_id from intervention i left join moa m using (moa_id) "
        "where i.given_on <= (select least(ended_on, ?) from monitoring_round where round_id = ?) "
        "and (i.moa_id is null or m.status <> 'draft')"
    )
    return {
        "extreme_poor_households_count": q(
            f"select count(*) from household h where {in_region} and h.welfare_decile = 1 "
            "and h.verification_status != 'tidak_valid'",
            region,
            like,
        ),
        "extreme_poor_people_count": q(
            f"select sum(members_count) from household h where {in_region} and h.welfare_decile = 1 "
            "and h.verification_status != 'tidak_valid'",
            region,
            like,
        ),
        "verified_targets_count": q(
            f"select count(*) from household h where {in_region} and {verified}", region, like
        ),
        "verified_targets_reached_count": q(
            f"select count(*) from household h where {in_region} and {verified} "
            f"and h.household_id in ({counted})",
            region,
            like,
            AS_OF,
            round_id,
        ),
        "observed_extreme_poor_count": q(
            f"select count(*) from household h join household_observation o using (household_id) "
            f"join monitoring_round r using (round_id) where {in_region} and o.round_id = ? "
            "and h.verification_status != 'tidak_valid' "
            "and o.expenditure_rp_per_capita_day < r.poverty_line_rp_per_capita_day",
            region,
            like,
            round_id,
        ),
        "all_households_count": q(
            "select sum(households_count) from demography where desa_code like ? "
            "and year = (select max(year) from demography)",
            like,
        ),
    }


@pytest.mark.parametrize("region", [DEMO_PROVINCE, *DEMO_KABUPATEN, DEMO_KABUPATEN[0] + ".03"])
def test_overview_households_equals_independent_sql(con, region):
    got = db.run_query("overview_households", region=region, **PARAMS).iloc[0]
    for key, expected in _independent(con, region, DEMO_ROUND).items():
        assert got[key] == expected, key


def test_overview_moa_equals_independent_sql(con):
    got = db.run_query("overview_moa", region="99.03", **PARAMS).iloc[0]
    signed = "kabupaten_code = '99.03' and status in ('aktif', 'diperpanjang', 'berakhir') and signed_on <= ?"
    q = lambda sql: con.execute(sql, [AS_OF, AS_OF]).fetchone()[0]  # noqa: E731
    assert got["active_moa_count"] == q(
        f"select count(*) from moa where {signed} and ? between started_on and ended_on"
    )
    assert got["ended_undecided_moa_count"] == q(
        f"select count(*) from moa where {signed} and ended_on < ? and renewal_decision is null"
    )


@pytest.mark.parametrize("region", [DEMO_PROVINCE, *DEMO_KABUPATEN])
def test_beranda_page_shows_the_query_figures(app, con, region):
    at = open_page(app, "pages/overview.py", wilayah=region, putaran=str(DEMO_ROUND))
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    expected = _independent(con, region, DEMO_ROUND)
    assert metrics["RT miskin ekstrem (register)"] == fmt_number(expected["extreme_poor_households_count"])
    assert metrics["Sasaran terverifikasi"] == fmt_number(expected["verified_targets_count"])
    share = 100 * expected["extreme_poor_households_count"] / expected["all_households_count"]
    assert metrics["Porsi dari semua RT"] == fmt_pct(share)
    assert at.query_params["wilayah"] == region


def test_beranda_in_english(app):
    at = open_page(app, "pages/overview.py", bahasa="en")
    assert not at.exception
    assert "Extreme-poor households (register)" in [m.label for m in at.metric]


def test_region_selector_drills_down_to_kecamatan(app):
    at = open_page(app, "pages/overview.py")
    at.sidebar.selectbox(key="shell_kabupaten").select("99.02").run()
    kec = at.sidebar.selectbox(key="shell_kecamatan_99.02")
    kec.select("99.02.01").run()
    assert not at.exception
    assert at.query_params["wilayah"] == "99.02.01"
    assert at.title[0].value.startswith("Ringkasan Kecamatan")


def test_app_builds_missing_demo_database_on_first_start(tmp_path, monkeypatch):
    from conftest import APP, sign_in
    from streamlit.testing.v1 import AppTest

    from sinergi.ui.context import start_database

    target = tmp_path / "fresh.duckdb"
    monkeypatch.setenv("SINERGI_DB", str(target))
    monkeypatch.setenv("SINERGI_DEMO_SCALE", "0.03")
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    # the sign-in form shows at once; the build runs behind it and the first signed-in page waits for it
    assert at.title[0].value == "Masuk ke Sinergi"
    build = start_database()
    assert build is not None or target.exists()
    sign_in(at).run()
    assert not at.exception
    assert target.exists()
    assert at.title[0].value.startswith("Ringkasan")
    db.close_connection()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_province_option_fits_the_sidebar(app, lang):
    # Tester: "Semua kabupaten (Provinsi Nusa…" cut in the sidebar; the option names the province, short.
    at = open_page(app, "pages/overview.py", wilayah="99", bahasa=lang)
    assert not at.exception
    shown = at.selectbox(key="shell_kabupaten").format_func("99")
    assert "Nusa Sinergi" in shown and len(shown) <= 25


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/briefing.py"])
def test_an_account_whose_kabupaten_is_not_in_the_data_is_told_so(app, page):
    # seen on a national-shape database with the demo accounts: the page failed with an IndexError
    from sinergi.common.i18n import translate

    at = open_page(app, page, role="pimpinan", scope="98.01")
    assert not at.exception
    assert [w.value for w in at.warning] == [translate("shell.scope_missing", "id", code="98.01")]
