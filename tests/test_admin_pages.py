"""Admin pages (Akun, Log audit) and the page guard, as an admin reads them: words, not None or server internals."""

import json

import pandas as pd
import pytest
from conftest import open_page

from sinergi.access.login import PAGE_KEY
from sinergi.ui.admin_tables import _detail_text, account_rows, store_kind


@pytest.mark.parametrize(("lang", "everywhere"), [("id", "semua wilayah"), ("en", "all regions")])
def test_accounts_without_a_scope_cover_all_regions(lang, everywhere):
    # Tester: Wilayah "None" for admin, monev and tamu (Series.map handed None over as NaN).
    rows = account_rows(pd.DataFrame({"role": ["admin", "pimpinan"], "scope": [None, "99.02"]}), lang)
    assert list(rows["scope"]) == [everywhere, "99.02"]


def test_audit_detail_has_no_none_and_no_english_keys_in_indonesian():
    # Tester: "address: None · Wilayah: None"
    text = _detail_text(json.dumps({"scope": None, "address": None}), "id")
    assert text == "Wilayah: semua wilayah"
    assert _detail_text(json.dumps({"scope": "99.02", "address": "10.0.0.7"}), "id") == (
        "Wilayah: 99.02 · Alamat IP: 10.0.0.7"
    )


def test_store_is_named_by_its_kind_never_its_path():
    assert store_kind("sqlite:////work/main/data/store.sqlite3") == "SQLite"
    assert store_kind("postgresql+psycopg://sinergi:secret@db.local/sinergi") == "PostgreSQL"


def test_accounts_page_in_english_shows_no_path_and_english_placeholders(app):
    at = open_page(app, "pages/accounts.py", bahasa="en")
    assert not at.exception
    intro = at.caption[0].value
    assert "SQLite" in intro and "sqlite:" not in intro and "/" not in intro
    command = at.code[0].value
    assert "<username> <role>" in command and "'Full Name'" in command and "nama" not in command
    assert "None" not in set(at.dataframe[0].value.iloc[:, 3].astype(str))


def test_audit_log_dates_read_day_month_year(app):
    at = open_page(app, "pages/audit_log.py")
    assert not at.exception
    assert at.date_input(key="audit_dates").proto.format == "DD/MM/YYYY"


def test_an_error_early_on_a_page_is_recorded_under_that_page(app, monkeypatch):
    # Tester: an incident on the MoA page was logged under "Briefing Bupati" (the key was set late in the guard).
    import sinergi.ui.context as context

    open_page(app, "pages/briefing.py", wilayah="99.02")
    assert app.session_state[PAGE_KEY] == "briefing"

    def broken(lang, role=None):
        raise RuntimeError("database gone")

    monkeypatch.setattr(context, "ensure_database", broken)
    app.switch_page("pages/agreements.py")
    app.run()
    assert app.exception
    assert app.session_state[PAGE_KEY] == "moa"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_audit_log_times_sort_as_times_and_read_to_the_minute(app, lang):
    """The audit log's time went as text ("10 Januari 2026, 09.00 UTC" before "2 Januari ..."): it is a time now,
    written to the minute in words."""
    from datetime import UTC, datetime, timedelta

    from rendered import display_frame

    from sinergi.access import audit
    from sinergi.common.i18n import translate

    now = datetime.now(UTC)  # the page lists today's events: two this hour, 9 and 10 minutes past
    for minutes in (9, 10):
        audit.record("login", "budi", "tamu", when=now.replace(minute=0) + timedelta(minutes=minutes))
    at = open_page(app, "pages/audit_log.py", bahasa=lang)
    assert not at.exception
    values, shown, _ = display_frame(at.dataframe[0])
    column = translate("audit.col.at_utc", lang)
    assert pd.api.types.is_datetime64_any_dtype(values[column]), values[column].dtype
    written = shown.set_axis(values.columns, axis=1)[column]
    assert len(written) and written.str.endswith(" UTC").all()
    assert written.str.match(r"^\d{1,2} \w+ \d{4}, \d{2}[.:]\d{2} UTC$").all(), written.tolist()[:3]
