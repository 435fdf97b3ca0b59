"""sinergi.ui.memory: full collections skip what lives as long as the server, frozen once per page."""

import gc

from sinergi.ui import memory


def test_a_page_freezes_once_per_process(monkeypatch):
    monkeypatch.setattr(memory, "_frozen", set())
    gc.unfreeze()
    try:
        memory.freeze_once("uji")
        frozen = gc.get_freeze_count()
        assert frozen > 1000  # the imports (pandas, streamlit) are in the permanent generation
        later = [[] for _ in range(100)]  # a run's own objects
        memory.freeze_once(
            "uji"
        )  # the same page again: nothing more is frozen, later objects stay collectable
        assert gc.get_freeze_count() == frozen and gc.is_tracked(later[0])
        memory.freeze_once("lain")  # another page's first run freezes what it imported
        assert gc.get_freeze_count() >= frozen
    finally:
        gc.unfreeze()
