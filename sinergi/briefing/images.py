"""Plotly figures to PNG through ONE long-lived kaleido server per process, on the system Chromium.

Starting kaleido costs a browser launch; a server started once and reused keeps each export well under a second.
kaleido 1.x finds its browser through choreographer: the `path` argument (or $BROWSER_PATH) names it, so nothing is
downloaded. MathJax is switched off because kaleido would otherwise load it from a CDN.
"""

from __future__ import annotations

import os
import shutil
import threading

import plotly.graph_objects as go

_lock = threading.Lock()  # guards the start, and each render: the server answers calls in one shared queue
_started = False


def chromium_path() -> str | None:
    """Return the browser kaleido should use: $BROWSER_PATH, else Debian's chromium on the PATH."""
    return os.environ.get("BROWSER_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


def _ensure_server() -> None:
    global _started
    with _lock:
        if _started:
            return
        import kaleido

        path = chromium_path()
        if path is None:
            raise RuntimeError(
                "no Chromium found for kaleido (install Debian's chromium or set BROWSER_PATH)"
            )
        kaleido.start_sync_server(path=path, mathjax=False, silence_warnings=True)
        _started = True


def figure_png(fig: go.Figure, width: int, height: int, scale: float = 2.0) -> bytes:
    """Return the figure as PNG bytes of width x height CSS pixels times scale."""
    _ensure_server()
    import kaleido

    return kaleido.calc_fig_sync(
        fig, opts={"format": "png", "width": width, "height": height, "scale": scale}
    )
