"""Every page in the registry, for every role and two kabupaten: no by-name data outside the role's rights and
scope, no household-level row to pimpinan, monev or tamu, every count of people handed to a page protected (a
`Count` that cannot be rendered as its true value), no tile of 1-4 and no hidden bar drawn as a zero. Pages added
to PAGES are covered as they come; the checks discover counts from the frames and figures, not from column lists.
"""

import json
import re

import pandas as pd
import pytest
import streamlit as st
from conftest import APP, DEMO_KABUPATEN, open_page, sign_in
from rendered import shown_table
from streamlit.testing.v1 import AppTest

import sinergi.ui.data as data_layer
from sinergi.access.policy import BY_NAME_ROLES, ROLES, SCOPED_ROLES, count_columns
from sinergi.common.suppressed import is_count
from sinergi.ui.pages import PAGES

SCOPE = DEMO_KABUPATEN[0]  # scoped roles belong to 99.02; the matrix also asks them for 99.05
NIK_RE = re.compile(r"(?<!\d)\d{16}(?!\d)")
WORDS_RE = re.compile(r"[A-Z][a-z']+(?: [A-Z][a-z']+){1,3}")
# metrics that count agreements, programs, KPIs or areas, not people: small values there disclose no one
NOT_PEOPLE_METRICS = {"MoA aktif", "Kecamatan dibandingkan", "Program", "MoA perlu keputusan"}
NOT_PEOPLE_METRICS |= {"Tercapai", "Sesuai jalur", "Belum tercapai", "Tidak terukur"}  # KPI rows by status
HOUSEHOLD_COLUMNS = {"household_id", "head_name", "head_nik", "nik", "family_id"}


@pytest.fixture(scope="module")
def people(demo_database):
    import duckdb

    con = duckdb.connect(str(demo_database), read_only=True)
    frame = con.execute("select head_name, head_nik, kabupaten_code from household").df()
    con.close()
    in_scope = frame[frame["kabupaten_code"] == SCOPE]
    return {
        "names": set(frame["head_name"]),
        "niks": set(frame["head_nik"]),
        "scope_names": set(in_scope["head_name"]),
        "scope_niks": set(in_scope["head_nik"]),
    }


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def _texts(at: AppTest) -> list[str]:
    out = []
    for node in _walk(at._tree):
        if node.type in ("arrow_data_frame", "table", "dataframe") and hasattr(node, "value"):
            out.append(node.value.to_string())
        elif getattr(node, "proto", None) is not None:
            out.append(str(node.proto))
    return out


@pytest.fixture
def recorded(monkeypatch):
    """Record every (frame, policy) the data layer hands to pages."""
    seen: list[tuple[pd.DataFrame, object]] = []
    original = data_layer.protect_result

    def wrapper(frame, viewer, policy, aggregate=None):
        result = original(frame, viewer, policy, aggregate)
        seen.append((result[0], policy if aggregate is None else None))
        return result

    monkeypatch.setattr(data_layer, "protect_result", wrapper)
    return seen


# 99.01.10: a kecamatan whose desa have 1-4 verified targets, so that suppression really has work to do
CASES = [(spec, role, kab) for spec in PAGES for role in ROLES for kab in DEMO_KABUPATEN]
CASES += [(spec, role, "99.01.10") for spec in PAGES for role in ("monev", "tamu")]


@pytest.mark.parametrize(("spec", "role", "kab"), CASES, ids=[f"{s.key}-{r}-{k}" for s, r, k in CASES])
def test_page_respects_role_and_scope(spec, role, kab, people, recorded):
    st.cache_data.clear()
    scope = SCOPE if role in SCOPED_ROLES else None
    if role in spec.roles:  # through app.py and its navigation, as a user gets there
        at = open_page(
            AppTest.from_file(APP, default_timeout=60), spec.file, role, scope, wilayah=kab, putaran="2"
        )
    else:  # the page file itself, as a fresh server runs a deep link by file name
        at = sign_in(AppTest.from_file(APP.replace("app.py", spec.file), default_timeout=60), role, scope)
        at.query_params["wilayah"] = kab
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    if role not in spec.roles:
        assert len(at.error) == 1 and not recorded
        return
    if role in SCOPED_ROLES:
        assert at.query_params["wilayah"].startswith(SCOPE)
    if kab == "99.01.10" and spec.key == "beranda":
        assert "<5" in shown_table(at.dataframe[0]).to_string()  # the suppression did run
    assert _violations(at, role, people, recorded) == []
    # nothing sits at a media URL before a click: every download is made on request (and /media/ wants the
    # session that made it: tests/test_browser_security.py fetches the URLs without one)
    made_early = [
        b.proto.label for b in at.get("download_button") if b.proto.url or not b.proto.deferred_file_id
    ]
    assert made_early == []


def _violations(at: AppTest, role: str, people: dict, recorded: list) -> list[str]:
    """Return what the drawn page shows that the role may not see."""
    found = []
    text = "\n".join(_texts(at))
    niks = set(NIK_RE.findall(text)) & people["niks"]
    names = {m for m in WORDS_RE.findall(text) if m in people["names"]}
    if role not in BY_NAME_ROLES:
        found += [f"nik {n}" for n in sorted(niks)[:5]] + [f"name {n}" for n in sorted(names)[:5]]
    elif role in SCOPED_ROLES:
        found += [f"nik out of scope {n}" for n in sorted(niks - people["scope_niks"])[:5]]
        found += [f"name out of scope {n}" for n in sorted(names - people["scope_names"])[:5]]
    if role not in BY_NAME_ROLES:
        for frame, policy in recorded:
            found += [f"household rows ({c})" for c in HOUSEHOLD_COLUMNS & set(frame.columns)]
            columns = count_columns(frame, policy) if policy is not None else list(frame.columns)
            for column in columns:
                cells = frame[column].dropna()
                escaped = cells[[not is_count(v) and isinstance(v, int | float) for v in cells]]
                if policy is not None and column in getattr(policy, "counts", ()) and len(escaped):
                    found.append(f"unprotected count in {column}")
                if any(is_count(v) and v.exact for v in cells):
                    found.append(f"exact count in {column}")
        for metric in at.metric:
            if metric.label not in NOT_PEOPLE_METRICS and re.fullmatch(r"[1-4]", metric.value.strip()):
                found.append(f"small metric {metric.label}={metric.value}")
        found += _zero_for_hidden(at)
    return found


def _zero_for_hidden(at: AppTest) -> list[str]:
    """Return bars labelled "<5" that are drawn as zero or not at all (a hidden count must look hidden)."""
    found = []
    for chart in at.get("plotly_chart"):
        for trace in json.loads(chart.proto.spec).get("data", []):
            texts, axis = trace.get("text"), "x" if trace.get("orientation") == "h" else "y"
            if trace.get("type") != "bar" or not isinstance(texts, list):
                continue
            for text, value in zip(texts, trace.get(axis) or [], strict=False):
                if text == "<5" and not value:
                    found.append(f"<5 drawn as {value!r}")
    return found


def test_the_scanners_catch_leaks(people):
    """The checks above can fail: a page that prints a name, a NIK, a small metric and a small count."""
    name = sorted(people["names"] - people["scope_names"])[0]
    nik = sorted(people["niks"] - people["scope_niks"])[0]

    def script(name: str, nik: str) -> None:
        import pandas as pd
        import plotly.graph_objects as go
        import streamlit as st

        st.dataframe(pd.DataFrame({"nama": [name], "nik": [nik]}))
        st.metric("RT", "3")
        st.plotly_chart(go.Figure(go.Bar(x=["a"], y=[0], text=["<5"])))

    at = AppTest.from_function(script, args=(name, nik)).run()
    from sinergi.access.policy import QueryPolicy
    from sinergi.common.suppressed import Count

    leaked = pd.DataFrame({"households_count": [3, 40], "household_id": ["a", "b"]})
    exact = pd.DataFrame({"x_count": pd.Series([Count(3, exact=True)], dtype=object)})
    policy = QueryPolicy(declared=True, counts=frozenset({"households_count", "x_count"}))
    got = _violations(at, "monev", people, [(leaked, policy), (exact, policy)])
    assert f"nik {nik}" in got and f"name {name}" in got
    assert "small metric RT=3" in got and "unprotected count in households_count" in got
    assert "household rows (household_id)" in got and "exact count in x_count" in got
    assert "<5 drawn as 0" in got
    assert _violations(at, "perencana", people, []) == [
        f"nik out of scope {nik}",
        f"name out of scope {name}",
    ]
    assert _violations(at, "admin", people, []) == []
