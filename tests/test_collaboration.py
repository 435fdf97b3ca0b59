"""Pure collaboration logic with a fixed today: MoA alerts, stalled collaborations, gaps, partner suggestions."""

from datetime import date

import pandas as pd

from sinergi.collaboration import columns
from sinergi.collaboration.rules import gap_cells, moa_alerts, stuck_items, suggest_partners
from sinergi.collaboration.tables import contribution_matrix, filter_history
from sinergi.common import vocabulary
from sinergi.common.i18n import catalogue

TODAY = date(2026, 11, 28)


def _moa(moa_id, status, ended_on, soon=False, undecided=False, days=0):
    return {
        "moa_id": moa_id,
        "title": f"t {moa_id}",
        "status": status,
        "ended_on": pd.Timestamp(ended_on),
        "is_ending_soon": soon,
        "is_ended_undecided": undecided,
        "days_to_end_count": days,
    }


def test_moa_alerts_read_the_flags_of_the_as_of_date():
    # the flags come from moa_as_of (queries/macros.sql), tested in tests/test_rules.py
    moas = pd.DataFrame(
        [
            _moa("A", "aktif", "2027-01-29", soon=True, days=90),
            _moa("B", "aktif", "2027-01-30", days=91),
            _moa("D", "berakhir", "2026-08-31", undecided=True, days=-61),
            _moa("G", "draft", "2026-01-01", days=-303),
        ]
    )
    alerts = moa_alerts(moas).set_index("moa_id")
    assert alerts["alert"].to_dict() == {"A": "ending_soon", "D": "ended_undecided"}
    assert alerts["days"].to_dict() == {"A": 90, "D": 61}


def _stage(moa_id, status, stage_no, reached_on, current=None):
    return {
        "moa_id": moa_id,
        "title": moa_id,
        "status": status,
        "current_stage_no": current or stage_no,
        "stage_no": stage_no,
        "reached_on": pd.Timestamp(reached_on),
    }


def test_stuck_items_uses_last_stage_and_skips_closed_or_finished():
    stages = pd.DataFrame(
        [
            _stage("A", "draft", 1, "2026-01-01", 2),
            _stage("A", "draft", 2, "2026-08-30", 2),  # 90 days idle
            _stage("B", "draft", 3, "2026-09-01"),  # 88 days idle
            _stage("C", "aktif", 7, "2025-01-01"),  # last stage: never stuck
            _stage("D", "dihentikan", 4, "2025-01-01"),  # closed
            _stage("E", "aktif", 6, "2026-03-28"),
        ]
    )
    stuck = stuck_items(stages, TODAY, 90)
    assert stuck["moa_id"].tolist() == ["E", "A"]
    assert stuck.set_index("moa_id").loc["A", "stage_no"] == 2
    assert stuck.set_index("moa_id").loc["A", "idle_days"] == 90
    assert stuck_items(stages, TODAY, 91)["moa_id"].tolist() == ["E"]
    assert set(stuck_items(stages, TODAY, 0)["moa_id"]) == {"A", "B", "E"}


def _cap(pid, sector, kind, level, ptype="swasta", kab=None):
    return {
        "partner_id": pid,
        "partner_name": f"P {pid}",
        "partner_type": ptype,
        "kabupaten_code": kab,
        "sector_code": sector,
        "contribution_kind": kind,
        "capacity_level": level,
    }


def test_suggestions_rank_sector_and_kind_match_first():
    caps = pd.DataFrame(
        [
            _cap("MTR-1", "umkm", "pembinaan", 3),  # sector only, large
            _cap("MTR-2", "umkm", "kredit_lunak", 1),  # sector and a needed kind, small
            _cap("MTR-3", "pangan", "kredit_lunak", 3),  # needed kind, wrong sector: not suggested
            _cap("MTR-4", "umkm", "akses_pasar", 2, "opd", "99.01"),  # agency of another kabupaten
            _cap("MTR-5", "umkm", "akses_pasar", 1, "opd", "99.02"),  # local agency
            _cap("MTR-6", "umkm", "pelatihan", 3, "pemdes", "99.02"),  # village government: own desa only
        ]
    )
    ranked = suggest_partners({"sector_code": "umkm", "kabupaten_code": "99.02"}, caps, "id")
    # Equal matched capacity: the locally based agency first; the larger sector-only partner comes last.
    assert ranked["partner_id"].tolist() == ["MTR-5", "MTR-2", "MTR-1"]
    assert ranked["rank"].tolist() == [1, 2, 3]
    assert "kabupaten ini" in ranked.loc[0, "reason"]
    assert "Kredit lunak (kecil)" in ranked.loc[1, "reason"]
    assert "bukan jenis" in ranked.loc[2, "reason"]
    english = suggest_partners({"sector_code": "umkm", "kabupaten_code": "99.02"}, caps, "en", limit=1)
    assert english["reason"].tolist() == [
        "MSMEs capacity of the kind needed: Market access (small). Based in this regency."
    ]


def test_gap_cells_keep_high_need_without_actors():
    needs = pd.DataFrame(
        {
            "desa_code": ["a", "b", "c", "d"],
            "sector_code": ["umkm", "umkm", "pangan", "pangan"],
            "need_rank": [2, 1, 1, 2],
            "is_high_need": [True, True, True, False],
            "actors_count": [0, 0, 3, 0],
        }
    )
    assert gap_cells(needs)["desa_code"].tolist() == ["b", "a"]


def test_contribution_matrix_sums_per_party_and_kind():
    rows = pd.DataFrame(
        {
            "partner_id": ["P1", "P1", "P2"],
            "partner_name": ["one", "one", "two"],
            "contribution_kind": ["pelatihan", "pelatihan", "pendanaan"],
            "pledged_value_rp": [100, 300, 50],
            "realised_value_rp": [50, 250, 0],
        }
    )
    matrix = contribution_matrix(rows)
    assert matrix["pledged_value_rp"].tolist() == [400, 50]
    assert matrix["realised_pct"].tolist() == [75.0, 0.0]


def test_filter_history_by_every_filter():
    history = pd.DataFrame(
        {
            "year": [2019, 2022, 2024],
            "sector_code": ["umkm", "pangan", "umkm"],
            "kecamatan_code": ["k1", "k1", "k2"],
            "result": ["berhasil", "sebagian", "berhasil"],
        }
    )
    assert len(filter_history(history, [], [], (2019, 2025), [])) == 3
    assert filter_history(history, ["umkm"], [], (2020, 2025), ["berhasil"])["year"].tolist() == [2024]
    assert filter_history(history, [], ["k1"], (2019, 2025), [])["year"].tolist() == [2019, 2022]


def test_declared_tables_have_catalogue_headers_and_known_formats():
    known = catalogue()
    for table, spec in columns.TABLES.items():
        assert [key for _, key, *_ in spec if key not in known] == [], table
        assert len(columns.headers(table, "en")) == len(spec), f"{table}: a column twice"
        for how in (written for _, _, *written in spec for written in written):
            assert how in columns.WRITTEN or vocabulary.codes(how.removeprefix("code:")), f"{table}: {how}"


def test_declared_table_writes_cells_the_indonesian_way():
    kpi = columns.formats("moa_kpi_targets", "id")
    assert set(kpi) == {"unit", "baseline_value", "target_value", "deadline_on"}
    assert (kpi["baseline_value"](1234.56), kpi["deadline_on"](date(2023, 1, 2))) == (
        "1.234,6",
        "2 Januari 2023",
    )
    assert columns.formats("contribution_matrix", "id")["realised_pct"](12.5) in {"12 %", "13 %"}
    assert columns.headers("stuck_moas", "en")["idle_days"] == catalogue()["alur.col.idle_days"]["en"]


def test_one_stuck_rule_for_briefing_and_pipeline():
    from datetime import date

    from sinergi.common.stuck import STUCK_DAYS, stuck_flags

    today = date(2026, 10, 31)
    moas = pd.DataFrame(
        {
            "status": ["aktif", "aktif", "aktif", "berakhir", "draft"],
            "current_stage_no": [3, 3, 7, 3, 1],
            "started_on": pd.to_datetime(["2025-01-01"] * 4 + ["2026-01-01"]),
            "stage_reached_on": pd.to_datetime(
                ["2026-07-03", "2026-07-02", "2025-01-01", "2025-01-01", None]
            ),
        }
    )
    # 120 days before 31 October 2026 is 3 July 2026: stuck from there on, not 90 days (Alur's old default)
    assert list(stuck_flags(moas, today)) == [True, True, False, False, True]
    assert not stuck_flags(moas.iloc[[0]], date(2026, 10, 30)).iloc[0] and STUCK_DAYS == 120
