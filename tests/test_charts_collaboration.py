"""Collaboration chart builders: pure functions from frames to figures."""

from datetime import date

import pandas as pd

from sinergi.collaboration.charts import (
    build_area_sector_heatmap,
    build_contribution_heatmap,
    build_moa_timeline,
    build_stage_counts,
    build_target_desa_map,
)


def test_timeline_has_one_trace_per_status_and_a_today_line():
    moas = pd.DataFrame(
        {
            "moa_id": ["A", "B", "C"],
            "title": ["a", "b", "c"],
            "status": ["aktif", "aktif", "draft"],
            "started_on": pd.to_datetime(["2025-01-01", "2025-02-01", "2027-01-01"]),
            "ended_on": pd.to_datetime(["2026-12-31", "2027-01-31", "2028-12-31"]),
        }
    )
    fig = build_moa_timeline(moas, date(2026, 11, 28), "id")
    assert [t.name for t in fig.data] == ["Draf", "Aktif"]  # MOA_STATUSES order
    assert list(fig.data[1].y) == ["A", "B"]
    assert fig.layout.shapes[0].x0 == pd.Timestamp("2026-11-28")


def test_contribution_heatmap_cells_are_realised_shares():
    matrix = pd.DataFrame(
        {
            "partner_id": ["P1", "P2"],
            "partner_name": ["one", "two"],
            "contribution_kind": ["pelatihan", "pendanaan"],
            "pledged_value_rp": [100, 200],
            "realised_value_rp": [50, 200],
            "realised_pct": [50.0, 100.0],
        }
    )
    heat = build_contribution_heatmap(matrix, "en").data[0]
    assert list(heat.x) == ["Training", "Funding"]
    assert heat.z[0][0] == 50.0 and heat.z[1][1] == 100.0
    assert pd.isna(heat.z[0][1])
    assert heat.text[0][0] == "50%"


def test_stage_counts_stack_open_and_closed():
    counts = pd.DataFrame(
        {
            "stage_no": [1, 7],
            "name_id": ["Koordinasi", "Monev"],
            "moa_count": [2, 5],
            "open_moa_count": [2, 1],
        }
    )
    fig = build_stage_counts(counts, "id")
    assert list(fig.data[0].x) == [2, 1] and list(fig.data[1].x) == [0, 4]


def test_area_heatmap_keeps_kecamatan_with_the_same_name_apart():
    from sinergi.collaboration.tables import area_labels

    areas = pd.DataFrame(
        {"region_code": ["99.01.01", "99.02.01", "99.02.02"], "name": ["Sikka", "Sikka", "Ende"]}
    )
    matrix = pd.DataFrame({"pangan": [5, 12, 0]}, index=areas["region_code"])
    labels = area_labels(areas, {"99.01": "Alfa", "99.02": "Beta"})
    assert labels == {"99.01.01": "Sikka (Alfa)", "99.02.01": "Sikka (Beta)", "99.02.02": "Ende"}
    heat = build_area_sector_heatmap(matrix, None, "id", labels).data[0]
    assert list(heat.y) == ["99.01.01", "99.02.01", "99.02.02"]  # three rows: one colour per number
    assert [row[0] for row in heat.z] == [5, 12, 0]
    layout = build_area_sector_heatmap(matrix, None, "id", labels).layout.yaxis
    assert list(layout.ticktext) == ["Sikka (Alfa)", "Sikka (Beta)", "Ende"]


def test_area_heatmap_text_names_gaps():
    matrix = pd.DataFrame({"pangan": [3, 0]}, index=["K1", "K2"])
    gaps = pd.DataFrame({"pangan": [0, 2]}, index=["K1", "K2"])
    heat = build_area_sector_heatmap(matrix, gaps, "en").data[0]
    assert heat.text[0][0] == "3" and heat.text[1][0] == "0 · gaps: 2"


def test_target_map_draws_every_desa_and_marks_targets():
    square = '{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}'
    shapes = pd.DataFrame(
        {
            "desa_code": ["d1", "d2"],
            "desa_name": ["One", "Two"],
            "kecamatan_name": ["K", "K"],
            "centroid_lon": [0.5, 1.5],
            "centroid_lat": [0.5, 0.5],
            "geometry_simplified_geojson": [square, square],
            "is_target": [True, False],
        }
    )
    fig = build_target_desa_map(shapes, "id")
    assert len(fig.data) == 3  # two outlines and the target markers
    assert list(fig.data[-1].x) == [0.5]


def test_timeline_date_axis_reads_months_in_the_readers_language():
    # The layout's numeric tick format on a date axis printed ",~f" under every tick (tester, /moa).
    moas = pd.DataFrame(
        {
            "moa_id": ["A"],
            "title": ["a"],
            "status": ["aktif"],
            "started_on": pd.to_datetime(["2024-05-21"]),
            "ended_on": pd.to_datetime(["2026-08-31"]),
        }
    )
    axis = build_moa_timeline(moas, date(2026, 11, 28), "id").layout.xaxis
    assert axis.type == "date"
    assert axis.tickformat is None or "f" not in axis.tickformat
    assert axis.ticktext and all("~" not in text for text in axis.ticktext)
    assert "Jan 2025" in axis.ticktext and any("Mei" in t or "Agu" in t or "Jul" in t for t in axis.ticktext)
    assert len(axis.tickvals) == len(axis.ticktext) <= 8
    english = build_moa_timeline(moas, date(2026, 11, 28), "en").layout.xaxis.ticktext
    assert "Jan 2025" in english and all(t.isascii() for t in english)
    hover = build_moa_timeline(moas, date(2026, 11, 28), "id").data[0].customdata[0]
    assert hover[1] == "21 Mei 2024"


def test_area_heatmap_names_its_sectors_above_the_first_row():
    # Walk at province level: a hundred kecamatan rows put the sector names several screens below the title.
    matrix = pd.DataFrame({"pangan": [3, 0], "energi": [1, 2]}, index=["K1", "K2"])
    assert build_area_sector_heatmap(matrix, None, "en").layout.xaxis.side == "top"


def test_history_by_year_axis_runs_in_year_order():
    from sinergi.collaboration.charts import build_history_by_year

    # walk1 item 7: the first sector's years came first (2019, 2024, then 2021, 2023 of the next sector)
    history = pd.DataFrame(
        {
            "year": [2024, 2019, 2023, 2021],
            "sector_code": ["pangan", "pangan", "energi", "energi"],
            "beneficiaries_count": [40, 30, 20, 10],
        }
    )
    fig = build_history_by_year(history, "id")
    assert list(fig.layout.xaxis.categoryarray) == ["2019", "2021", "2023", "2024"]
    assert fig.layout.xaxis.categoryorder == "array"


def test_history_results_ticks_whole_programs():
    from sinergi.collaboration.charts import build_history_results

    one = pd.DataFrame({"sector_code": ["pangan"], "result": ["berhasil"]})
    axis = build_history_results(one, "id").layout.xaxis
    assert axis.tick0 == 0 and axis.dtick == 1  # not 0,2 / 0,4 under one program
    many = pd.DataFrame({"sector_code": ["pangan"] * 13, "result": ["berhasil"] * 13})
    assert float(build_history_results(many, "id").layout.xaxis.dtick).is_integer()
