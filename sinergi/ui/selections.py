"""Selections that stay: region, round, language and page filters kept in the session and written to the URL.

A sidebar click (st.navigation, st.page_link) may open a page without the previous page's query parameters, and a
widget's own state does not outlive its page. So every bound widget is *controlled*: before it is drawn its value is
set from the session's memory of that choice, or from the URL when the URL says something this session did not write
there (an opened link, a reload, a typed address); its on_change callback writes the new choice to memory and to the
URL before the next run starts, so that everything drawn in that run (the navigation included) already sees it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

MEMORY_KEY = "sinergi_selections"  # {url parameter: value} chosen in this session
SHELL_PARAMS = ("bahasa", "wilayah", "putaran")  # carried by every navigation link


def _memory() -> dict[str, str]:
    return st.session_state.setdefault(MEMORY_KEY, {})


def wanted(param: str) -> str | None:
    """Return the value asked for ?param=: the URL's when it differs from what this session wrote, else memory's."""
    url = st.query_params.get(param)
    remembered = _memory().get(param)
    return url if url is not None and url != remembered else remembered


def remembered(param: str) -> str | None:
    """Return this session's last choice for ?param=, or None."""
    return _memory().get(param)


def keep(param: str, value: object) -> None:
    """Remember value for ?param= in this session and write it to the URL (None or "" removes it from both)."""
    memory = _memory()
    if value is None or value == "":
        memory.pop(param, None)
        if param in st.query_params:
            del st.query_params[param]
        return
    text = str(value)
    memory[param] = text
    if st.query_params.get(param) != text:
        st.query_params[param] = text


def bind(
    widget_key: str, param: str, options: Sequence[Any], default: Any, then: Callable[[], None] | None = None
) -> dict[str, Any]:
    """Set the widget's value from ?param= (or this session's memory) and return the key/on_change kwargs to pass.

    options are the widget's options, compared with the URL as text; default is used when nothing valid is asked
    for; `then` runs after a change is kept. Pass no index/default to the widget itself: its value comes from
    st.session_state[widget_key].
    """
    by_text = {str(option): option for option in options}
    candidates = (wanted(param), remembered(param))
    st.session_state[widget_key] = next((by_text[c] for c in candidates if c in by_text), default)

    def remember() -> None:
        chosen = st.session_state.get(widget_key)
        keep(param, chosen)
        if then is not None:
            then()

    return {"key": widget_key, "on_change": remember}


def shell_params() -> dict[str, str]:
    """Return the shell selections (language, region, round) to carry in a link to another page."""
    memory = _memory()
    return {param: memory[param] for param in SHELL_PARAMS if memory.get(param)}
