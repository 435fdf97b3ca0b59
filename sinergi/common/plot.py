"""The Plotly figure and trace classes the charts use, built without Plotly's property validation in the app.

Plotly checks every property of every trace against its schema when a figure is built: about 10 ms a figure, and a
page draws up to a dozen (Monev KPI: nine dumbbells). The checks only catch programming errors, so the tests run
them (SINERGI_VALIDATE_CHARTS=1, set by tests/conftest.py) and the served app skips them. Builders import this
module as `go` and keep Plotly's API.

Validation also expands two shorthands that plotly.js 3 no longer reads: a template given by name and a title given
as a string. Figure expands them itself; tests/test_chart_validation.py checks that every page's charts reach the
browser the same either way.
"""

from __future__ import annotations

import os
from functools import cache, partial
from typing import Any

import plotly.graph_objects as _go
import plotly.io as pio


def _validate() -> bool:
    return os.environ.get("SINERGI_VALIDATE_CHARTS") == "1"


@cache
def _template(name: str) -> Any:
    return _go.layout.Template(pio.templates[name])


def _expand(key: str, value: Any) -> Any:
    if key == "template" and isinstance(value, str):
        return _template(value)
    if (key == "title" or key.endswith("_title")) and isinstance(value, str):
        return {"text": value}
    if isinstance(value, dict):
        return {k: _expand(k, v) for k, v in value.items()}
    return value


class _Unchecked:
    """Builds a Plotly object validated only when SINERGI_VALIDATE_CHARTS=1."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("_validate", _validate())
        super().__init__(*args, **kwargs)


class Figure(_Unchecked, _go.Figure):  # type: ignore[misc]  # plotly ships no type hints
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self._validate:
            # add_trace/add_traces rebuild each trace through the figure's own copy of the data validator, checked
            # whatever the trace's flag (about 100 ms for the briefing map's 3,689 desa outlines at province level)
            validator = self._data_validator
            validator.validate_coerce = partial(type(validator).validate_coerce, validator, _validate=False)

    def update_layout(self, dict1: Any = None, overwrite: bool = False, **kwargs: Any) -> Figure:
        kwargs = {k: _expand(k, v) for k, v in kwargs.items()}
        return super().update_layout(_expand("", dict1) if dict1 else dict1, overwrite, **kwargs)  # type: ignore[no-any-return]

    def update_xaxes(
        self, patch: Any = None, selector: Any = None, overwrite: bool = False, **kwargs: Any
    ) -> Figure:
        kwargs = {k: _expand(k, v) for k, v in kwargs.items()}
        return super().update_xaxes(patch, selector, overwrite, **kwargs)  # type: ignore[no-any-return]

    def update_yaxes(
        self, patch: Any = None, selector: Any = None, overwrite: bool = False, **kwargs: Any
    ) -> Figure:
        kwargs = {k: _expand(k, v) for k, v in kwargs.items()}
        return super().update_yaxes(patch, selector, overwrite, **kwargs)  # type: ignore[no-any-return]


class Bar(_Unchecked, _go.Bar):  # type: ignore[misc]
    pass


class Scatter(_Unchecked, _go.Scatter):  # type: ignore[misc]
    pass


class Heatmap(_Unchecked, _go.Heatmap):  # type: ignore[misc]
    pass


class Sankey(_Unchecked, _go.Sankey):  # type: ignore[misc]
    pass
