"""A download made on click reaches the session that asked, on a busy server too (the load test's findings)."""

from __future__ import annotations

import time

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from sinergi.access import exports
from sinergi.access.web import keep_fresh_downloads


@pytest.fixture(autouse=True)
def empty_registry(monkeypatch):
    monkeypatch.setattr(exports, "_made", {})


def test_identical_files_of_two_sessions_are_served_to_both():
    # two users of one role export the same CSV: the second click must not take the file from the first
    content = b"kecamatan;rumah_tangga\nA;12\n"
    exports.register(content, "session-a")
    exports.register(content, "session-b")
    assert exports.may_serve(content, "session-a")
    assert exports.may_serve(content, "session-b")
    assert not exports.may_serve(content, "session-c")
    assert not exports.may_serve(content, None)


def test_a_registration_expires(monkeypatch):
    content = b"x;y\n1;2\n"
    exports.register(content, "session-a")
    later = time.time() + exports.SERVE_SECONDS + 1
    monkeypatch.setattr(exports.time, "time", lambda: later)
    assert not exports.may_serve(content, "session-a")
    assert not exports.fresh(content)


def _clicked_file(monkeypatch, content: bytes, register: bool) -> tuple[MediaFileManager, str]:
    """A manager holding the file one download click made (as Streamlit's deferred download does), and its id."""
    monkeypatch.setattr("streamlit.runtime.media_file_manager._get_session_id", lambda: "browser-session")
    manager = MediaFileManager(MemoryMediaFileStorage("/media"))

    def make() -> bytes:
        if register:
            exports.register(content, "store-session")
        return content

    placeholder = manager.add_deferred(make, "text/csv", "1.2.3", "tabel.csv")
    url = manager.execute_deferred(placeholder)
    return manager, url.rsplit("/", 1)[1].split(".")[0]


def _two_other_runs_end(manager: MediaFileManager) -> None:
    # what the end of two script runs of any session in the process does
    manager.remove_orphaned_files()
    manager.remove_orphaned_files()


def test_streamlit_alone_drops_a_clicked_file_before_it_is_fetched(monkeypatch):
    # Without the keep-alive (a file nobody registered) the file is gone after two other runs: the 404 under load.
    keep_fresh_downloads()
    manager, file_id = _clicked_file(monkeypatch, b"a;b\n1;2\n", register=False)
    assert manager.read_file(file_id) is not None
    _two_other_runs_end(manager)
    assert manager.read_file(file_id) is None


def test_a_clicked_file_stays_for_its_window_then_goes(monkeypatch):
    keep_fresh_downloads()
    keep_fresh_downloads()  # idempotent: server.py may be imported more than once
    content = b"a;b\n3;4\n"
    manager, file_id = _clicked_file(monkeypatch, content, register=True)
    _two_other_runs_end(manager)
    assert manager.read_file(file_id) is not None
    assert exports.may_serve(manager.read_file(file_id).content, "store-session")
    later = time.time() + exports.SERVE_SECONDS + 1
    monkeypatch.setattr(exports.time, "time", lambda: later)
    _two_other_runs_end(manager)
    assert manager.read_file(file_id) is None


def test_a_button_still_shown_works_while_its_session_reruns(monkeypatch):
    # The session's next run has started (its references cleared) and other sessions' runs end before the click
    # arrives: Streamlit alone dropped the callable ("Deferred file … not found"); now it stays its window.
    from sinergi.access import web

    keep_fresh_downloads()
    monkeypatch.setattr("streamlit.runtime.media_file_manager._get_session_id", lambda: "browser-session")
    manager = MediaFileManager(MemoryMediaFileStorage("/media"))
    placeholder = manager.add_deferred(lambda: b"a;b\n5;6\n", "text/csv", "1.2.3", "tabel.csv")
    manager.clear_session_refs("browser-session")
    _two_other_runs_end(manager)
    assert manager.execute_deferred(placeholder).startswith("/media/")
    later = time.monotonic() + exports.SERVE_SECONDS + 1
    monkeypatch.setattr(web.time, "monotonic", lambda: later)
    _two_other_runs_end(manager)
    with pytest.raises(Exception, match="not found"):
        manager.execute_deferred(placeholder)
    assert placeholder not in web._clicked_at


def test_a_button_id_names_its_element_and_a_redrawn_button_is_found(monkeypatch):
    # a page reconnected to another process sends the old button's id: the session's button of the same element
    # is found once its run drew it again, and only among that session's own buttons (sinergi.access.reconnect)
    from sinergi.access import reconnect

    keep_fresh_downloads()
    manager = MediaFileManager(MemoryMediaFileStorage("/media"))
    session = {"id": "session-old"}
    monkeypatch.setattr("streamlit.runtime.media_file_manager._get_session_id", lambda: session["id"])
    old = manager.add_deferred(lambda: b"a\n", "text/csv", "1.2.3", "t.csv", element_id="$$ID-abc-dl_csv_t")
    assert reconnect.element_of(old) == "$$ID-abc-dl_csv_t"
    assert reconnect.redrawn(manager, "session-new", old) is None  # not drawn in the new session yet
    session["id"] = "session-other"
    manager.add_deferred(lambda: b"b\n", "text/csv", "1.2.3", "t.csv", element_id="$$ID-abc-dl_csv_t")
    assert reconnect.redrawn(manager, "session-new", old) is None  # another session's button is never taken
    session["id"] = "session-new"
    new = manager.add_deferred(lambda: b"c\n", "text/csv", "1.2.3", "t.csv", element_id="$$ID-abc-dl_csv_t")
    assert new != old and reconnect.redrawn(manager, "session-new", old) == new
    assert manager.execute_deferred(new).startswith("/media/")


def test_the_replaced_session_is_the_third_subprotocol_entry():
    from sinergi.access.reconnect import replaced_session

    assert replaced_session([("Sec-WebSocket-Protocol", "streamlit, xsrf-token, 1234-abcd")]) == "1234-abcd"
    assert replaced_session([("sec-websocket-protocol", "streamlit, xsrf-token")]) is None  # a new tab
    assert replaced_session([("Cookie", "a=b")]) is None
