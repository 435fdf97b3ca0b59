"""styled() returns a display-only Styler (display_styler): Streamlit must send the same display text for it as for pandas' own Styler with
the same formatters (what a reader sees), and the same data underneath (what the table sorts by)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.elements.lib.pandas_styler_utils import marshall_styler
from streamlit.proto.ArrowData_pb2 import ArrowData

from sinergi.common.display import styled
from sinergi.common.suppressed import Count


def _sent(styler) -> pd.DataFrame:
    proto = ArrowData()
    marshall_styler(proto, styler, "uji")
    return pa.ipc.open_stream(proto.styler.display_values).read_pandas()


FRAMES = {
    "mixed": pd.DataFrame(
        {
            "desa_name": ["Oeleu", None, "Naimata"],
            "households_count": [1234, 0, 7],
            "share_pct": [12.25, float("nan"), 100.0],
            "budget_rp": [1.5e9, 2_500_000.0, None],
            "is_active": [True, False, None],
            "signed_on": pd.to_datetime([date(2025, 1, 2), None, date(2026, 10, 31)]),
            "year": [2024, 2025, 2026],
            "score": [0.123, 4.5, -2.25],
        }
    ),
    "protected counts": pd.DataFrame(
        {"kecamatan_name": ["A", "B", "C"], "members_count": [Count(3), Count(12), Count(1234)]}
    ),
    "empty": pd.DataFrame({"desa_name": pd.Series([], dtype=object), "households_count": []}),
}


@pytest.mark.parametrize("name", FRAMES)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_streamlit_sends_the_same_text_as_for_pandas_styler(name, lang):
    frame = FRAMES[name]
    headers = {c: c.upper() for c in frame.columns}
    fast = styled(frame, lang, headers)
    standard = fast.data.style.format(dict(zip(fast.data.columns, fast.display_formatters, strict=True)))
    pd.testing.assert_frame_equal(_sent(fast), _sent(standard))
    assert list(fast.data.columns) == list(headers.values())
    if len(frame):
        assert _sent(fast).iloc[0].tolist()[:1] == [frame.iloc[0, 0]]


def test_the_text_sent_is_the_formatted_text():
    sent = _sent(styled(FRAMES["mixed"], "id"))
    assert sent["households_count"].tolist() == ["1.234", "0", "7"]
    assert sent["share_pct"].tolist()[0] == "12,2 %" and sent["desa_name"].tolist()[1] == "–"


def test_a_status_table_is_sent_as_pandas_styler_sends_it():
    from sinergi.monitoring.kpi import STATUS_COLOURS
    from sinergi.monitoring.tables import style_status

    statuses = pd.Series(["tercapai", "belum_tercapai", "tercapai", "tidak_terukur"])
    table = pd.DataFrame(
        {"KPI": ["a", "b", None, "d"], "Status": ["Tercapai", "Belum", "Tercapai", "–"], "n": [1.5, 2, 3, 4]}
    )

    def paint(col: pd.Series) -> list[str]:
        colours = [STATUS_COLOURS[s] for s in statuses]
        if col.name != "Status":
            return [""] * len(col)
        return [f"background-color: {c}; color: #000000; font-weight: 600" for c in colours]

    fast, standard = ArrowData(), ArrowData()
    marshall_styler(fast, style_status(table, statuses, "Status").set_uuid("uji"), "uji")
    marshall_styler(standard, table.style.apply(paint, axis=0).set_uuid("uji"), "uji")
    assert fast.styler.styles == standard.styler.styles and "background-color" in fast.styler.styles
    assert fast.styler.display_values == standard.styler.display_values
    assert fast.SerializeToString() == standard.SerializeToString()
