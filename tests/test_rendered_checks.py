"""The rendered-page checks of tests/rendered.py catch what they are for and let good tables and text through."""

from __future__ import annotations

import pandas as pd
import pytest
from rendered import table_problems, text_problems


@pytest.mark.parametrize(
    ("source", "lang", "bad"),
    [
        (pd.DataFrame({"Status": ["tidak_valid"]}), "id", True),
        (pd.DataFrame({"Sumber": ["bansos"]}), "id", True),
        (pd.DataFrame({"Sumber": ["Bansos"]}), "id", False),
        (pd.DataFrame({"Nilai": [1405.1]}), "id", True),
        (pd.DataFrame({"Nilai": [99.9]}), "id", True),
        (pd.DataFrame({"Jumlah": [12, 40]}), "id", False),
        (pd.DataFrame({"Nilai": ["99.9"]}), "id", True),
        (pd.DataFrame({"Nilai": ["1.405"]}), "id", False),
        (pd.DataFrame({"Nilai": ["101304000"]}), "id", True),
        (pd.DataFrame({"Kode": ["99.02.01.2001"]}), "id", False),
        (pd.DataFrame({"Nama": ["None", "x"]}), "id", True),
        (pd.DataFrame({"Mulai": pd.to_datetime(["2024-05-21"])}), "id", True),
        (pd.DataFrame({"Mulai": ["2024-05-21 00:00:00"]}), "id", True),
        (pd.DataFrame({"Mulai": ["21 Mei 2024"]}), "id", False),  # one date: nothing to sort
        (pd.DataFrame({"Cakupan": [99.0, None]}), "id", True),  # the browser writes "None" in the empty cell
        # values sent as text sort as words: "100 %" before "25 %", "Rp 10.000" before "Rp 9.000"
        (pd.DataFrame({"Target": ["100 %", "25 %", "–"]}), "id", True),
        (pd.DataFrame({"Dana": ["Rp 10.000", "disembunyikan", "Rp 9.000"]}), "id", True),
        (pd.DataFrame({"Perubahan": ["+1.2 points", "−0.5 points"]}), "en", True),
        (pd.DataFrame({"Mulai": ["21 Mei 2024", "2 Januari 2025"]}), "id", True),
        (pd.DataFrame({"Waktu": ["21 Mei 2024, 10.05 UTC", "2 Januari 2025, 09.00 UTC"]}), "id", True),
        (pd.DataFrame({"Kode": ["99.02.01.2001", "99.02.01.2002"]}), "id", False),
        (pd.DataFrame({"MoA": ["MOA-0202", "MOA-0203"]}), "id", False),
    ],
)
def test_rendered_table_check_catches_codes_and_raw_numbers(source, lang, bad):
    from streamlit.testing.v1 import AppTest

    def script(frame):
        import streamlit as st

        st.dataframe(frame)

    at = AppTest.from_function(script, args=(source,)).run()
    assert bool(table_problems(at.dataframe[0], lang, "x")) is bad


def test_show_table_writes_a_dash_for_a_missing_number():
    from streamlit.testing.v1 import AppTest

    def script():
        import pandas as pd

        from sinergi.ui.components import show_table

        show_table(pd.DataFrame({"coverage_pct": [99.0, None], "year": [2024, None]}), "id")

    at = AppTest.from_function(script).run()
    assert table_problems(at.dataframe[0], "id", "x") == []
    assert at.dataframe[0].proto.placeholder == "–"


@pytest.mark.parametrize(
    ("text", "bad"),
    [("Cakupan: None", True), ("nan %", True), ("sejak NaT", True), ("Nanga Bulik", False), ("<5", False)],
)
def test_text_check_catches_missing_values_written_out(text, bad):
    from streamlit.testing.v1 import AppTest

    def script(words):
        import streamlit as st

        st.caption(words)
        st.metric("RT", words)

    at = AppTest.from_function(script, args=(text,)).run()
    assert bool(text_problems(at, "x")) is bad


def test_rendered_check_reads_styler_display_values():
    from streamlit.testing.v1 import AppTest

    from sinergi.common.display import styled

    def script(frame):
        import streamlit as st

        from sinergi.common.display import styled

        st.dataframe(styled(frame, "id"))

    source = pd.DataFrame({"households_count": [1405, 2], "share_pct": [99.94, 1.0]})
    at = AppTest.from_function(script, args=(source,)).run()
    assert table_problems(at.dataframe[0], "id", "x") == []
    assert list(styled(source, "id").data.columns) == ["households_count", "share_pct"]
