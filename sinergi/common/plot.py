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
from copy import copy, deepcopy
from functools import cache, partial
from typing import Any

import plotly.graph_objects as _go
import plotly.io as pio
from plotly.basedatatypes import BasePlotlyType

# The only property names with an underscore; any other underscore is a path ("xaxis_title_text") plotly expands
_UNDERSCORED = {"plot_bgcolor", "paper_bgcolor", "error_x", "error_y", "error_z"}


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


def _plain(value: Any) -> bool:
    """Return True when value holds no Plotly object and no underscore path at any depth."""
    if isinstance(value, BasePlotlyType):
        return False
    if isinstance(value, dict):
        return all(("_" not in k or k in _UNDERSCORED) and _plain(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return all(_plain(v) for v in value)
    return True


def _merged(current: dict[str, Any] | None, patch: dict[str, Any]) -> dict[str, Any] | None:
    """Return current updated by patch as plotly's update does it (dicts merged key by key, a Plotly object or any
    other value replacing), or None when patch needs plotly's own update."""
    if current is None:
        return None
    out = dict(current)
    for key, value in patch.items():
        if "_" in key and key not in _UNDERSCORED:
            return None
        if isinstance(value, BasePlotlyType):  # a template: replaced whole, as plotly does
            out[key] = value.to_plotly_json()
        elif isinstance(value, dict):
            if not _plain(value):
                return None
            old = out.get(key)
            merged = _merged(old, value) if isinstance(old, dict) else deepcopy(value)
            if merged is None:
                return None
            out[key] = merged
        elif isinstance(value, list | tuple):
            if out.get(key) or not _plain(value):  # plotly merges into an existing array element by element
                return None
            out[key] = deepcopy(value)
        else:
            out[key] = value
    return out


class _Unchecked:
    """Builds a Plotly object validated only when SINERGI_VALIDATE_CHARTS=1."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("_validate", _validate())
        super().__init__(*args, **kwargs)


class Figure(_Unchecked, _go.Figure):  # type: ignore[misc]  # plotly ships no type hints
    _layout_validator: Any  # plotly's; this figure's own copy when unchecked

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self._validate:
            # add_trace/add_traces rebuild each trace through the figure's own copy of the data validator, checked
            # whatever the trace's flag (about 100 ms for the briefing map's 3,689 desa outlines at province level)
            validator = self._data_validator
            validator.validate_coerce = partial(type(validator).validate_coerce, validator, _validate=False)
            # the layout setter coerces a new layout through a validator shared by every figure: this one's own copy
            layout_validator = copy(self._layout_validator)
            layout_validator.validate_coerce = partial(
                type(layout_validator).validate_coerce, layout_validator, _validate=False
            )
            self._layout_validator = layout_validator

    def update_layout(self, dict1: Any = None, overwrite: bool = False, **kwargs: Any) -> Figure:
        kwargs = {k: _expand(k, v) for k, v in kwargs.items()}
        dict1 = _expand("", dict1) if dict1 else dict1
        if not self._validate and not overwrite and isinstance(dict1 or {}, dict):
            # Plotly's update records every leaf as a relayout path and replays it (~10 ms for base_layout); plain
            # values merged as plotly would merge them give the same layout, set at once. Anything else (paths,
            # Plotly objects inside values, arrays merged element-wise) goes the usual way.
            merged = _merged(_merged(self._layout, dict1 or {}), kwargs)
            if merged is not None:
                self.layout = merged
                return self
        return super().update_layout(dict1, overwrite, **kwargs)  # type: ignore[no-any-return]

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
