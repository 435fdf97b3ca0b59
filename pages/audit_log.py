"""Log audit (admin): sign-ins, failed sign-ins, by-name views, exports and imports, filterable and downloadable."""

from datetime import UTC, datetime, time, timedelta

import streamlit as st

from sinergi.access import audit
from sinergi.common.fmt import fmt_number
from sinergi.ui.admin_tables import audit_rows, time_formats
from sinergi.ui.components import table_and_downloads
from sinergi.ui.context import page_context

ctx = page_context("audit")
t = ctx.t

st.title(t("audit.heading"))
st.caption(t("audit.intro"))
today = datetime.now(UTC).date()
cols = st.columns(3)
dates = cols[0].date_input(
    t("audit.filter.dates"),
    value=(today - timedelta(days=30), today),
    key="audit_dates",
    format="DD/MM/YYYY" if ctx.lang == "id" else "YYYY/MM/DD",
)
username = cols[1].text_input(t("audit.filter.username"), key="audit_user", max_chars=64).strip()
event = cols[2].selectbox(
    t("audit.filter.event"),
    ["", *audit.EVENTS],
    format_func=lambda e: t(f"audit.event.{e}") if e else t("audit.filter.all"),
    key="audit_event",
)
start, end = (dates[0], dates[-1]) if isinstance(dates, tuple) and dates else (today, today)
frame = audit.events(
    start=datetime.combine(start, time.min, UTC),
    end=datetime.combine(end + timedelta(days=1), time.min, UTC),
    username=username or None,
    event=event or None,
)
headers = {c: t(f"audit.col.{c}") for c in ("at_utc", "username", "role", "event", "page", "detail")}
st.caption(t("audit.count", count=fmt_number(len(frame), ctx.lang)))
stem = f"log_audit_{start:%Y%m%d}_{end:%Y%m%d}"
table_and_downloads(ctx, audit_rows(frame, ctx.lang), stem, headers, time_formats(ctx.lang))
