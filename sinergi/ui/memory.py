"""Keep Python's full garbage collections short in a long-running server.

Once pandas, plotly, pydeck and Streamlit are imported, the process tracks ~230,000 container objects that live as
long as it does (modules, classes, caches). Every full (generation-2) collection walked all of them: 115-140 ms at
national scale, landing in whichever page run crossed the threshold (measured in benchmarks/screens.py: one warm
run in five at 1.5-4x its page's median). gc.freeze() moves the objects alive now to a permanent generation that
collections skip, so later collections walk only what the sessions made since.
"""

from __future__ import annotations

import gc
import threading

_frozen: set[str] = set()
_lock = threading.Lock()


def freeze_once(page_key: str) -> None:
    """Freeze what is alive the first time this page runs in this process (its imports are done by then).

    Once per page, not per run: freezing on every run would keep each run's garbage forever. What the first run of
    each page holds of its session (a few objects) stays with the process; that bounds the cost at the page count.
    """
    with _lock:
        if page_key in _frozen:
            return
        _frozen.add(page_key)
    gc.collect()  # what is garbage now is not frozen with the rest
    gc.freeze()
