"""The Plotly figure and trace classes the charts use, built without Plotly's property validation in the app.

Plotly checks every property of every trace against its schema when a figure is built: about 10 ms a figure, and a
page draws up to a dozen (Monev KPI: nine dumbbells). The checks only catch programming errors, so the tests run
them (SINERGI_VALIDATE_CHARTS=1, set by tests/conftest.py) and the served app skips them. Builders import this
module as `go` and keep Plotly's API.
"""

from __future__ import annotations

import os
from typing import Any

import plotly.graph_objects as _go


def _validate() -> bool:
    return os.environ.get("SINERGI_VALIDATE_CHARTS") == "1"


class Figure(_go.Figure):  # type: ignore[misc]  # plotly ships no type hints
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("_validate", _validate())
        super().__init__(*args, **kwargs)


class Bar(_go.Bar):  # type: ignore[misc]  # plotly ships no type hints
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("_validate", _validate())
        super().__init__(*args, **kwargs)


class Scatter(_go.Scatter):  # type: ignore[misc]  # plotly ships no type hints
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("_validate", _validate())
        super().__init__(*args, **kwargs)


class Heatmap(_go.Heatmap):  # type: ignore[misc]  # plotly ships no type hints
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("_validate", _validate())
        super().__init__(*args, **kwargs)


class Sankey(_go.Sankey):  # type: ignore[misc]  # plotly ships no type hints
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("_validate", _validate())
        super().__init__(*args, **kwargs)
