"""walk1 item 13: a page the role may not use, or a region outside the account's scope, is said in words (not a
silent landing on Beranda or on the account's own kabupaten)."""

import pytest
from conftest import DEMO_KABUPATEN, open_page, sign_in


@pytest.mark.parametrize("page", ["pages/data_management.py", "pages/audit_log.py", "pages/accounts.py"])
def test_an_admin_page_opened_by_monev_says_it_is_for_admin(page, app):
    at = open_page(app, page, role="monev")
    assert not at.exception
    assert [e.value for e in at.error] == ["Halaman ini hanya untuk admin; Anda masuk sebagai monev."]
    assert not at.metric and not at.dataframe  # stopped before any data


def test_a_region_outside_the_scope_is_said_once(app):
    own, other = DEMO_KABUPATEN[0], DEMO_KABUPATEN[1]
    at = sign_in(app, "pimpinan")  # Beranda is the default page: one run, as a browser opening the link
    at.query_params["wilayah"] = other
    at.run()
    assert not at.exception
    warned = [w.value for w in at.warning if other in w.value]
    assert len(warned) == 1 and "di luar cakupan akun Anda" in warned[0], [w.value for w in at.warning]
    assert at.query_params["wilayah"] == own
    at.run()  # the next run (a click, a widget) no longer says it
    assert not [w.value for w in at.warning if other in w.value]


def test_a_region_that_does_not_exist_is_said_for_admin_too(app):
    at = sign_in(app, "admin")
    at.query_params["wilayah"] = "77.77"
    at.run()
    assert any("77.77" in w.value for w in at.warning)
