"""The label catalogue is complete in both languages, and no UI string bypasses it.

The scan reads pages, the shared UI modules, chart and map builders and the briefing exports with `ast` and reports
every string literal with words in it that reaches a Streamlit element (first positional argument or a label-like
keyword) or a chart label (title, name, text, hovertemplate, ...) without going through t()/ctx.t()/translate().
"""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path

import pandas as pd
import pytest

from sinergi.common.i18n import LANGUAGES, catalogue

ROOT = Path(__file__).resolve().parent.parent
UI_FILES = ["app.py", "pages/*.py", "sinergi/ui/*.py", "sinergi/*/widgets.py", "sinergi/access/login.py"]
BUILDER_FILES = [
    "sinergi/*/charts.py",
    "sinergi/*/*_charts.py",
    "sinergi/planning/poverty_map.py",
    "sinergi/planning/map_*.py",
    "sinergi/briefing/map.py",
    "sinergi/briefing/doc.py",
    "sinergi/briefing/pdf.py",
    "sinergi/briefing/pptx.py",
    "sinergi/briefing/files.py",
]

# Streamlit elements whose first positional argument is shown to the reader; matched by method name so that
# `col.metric(...)` and `st.sidebar.button(...)` count as well as `st.metric(...)`.
ST_ELEMENTS = {
    "title", "header", "subheader", "caption", "markdown", "write", "text", "metric", "button", "download_button",
    "link_button", "page_link", "form_submit_button", "selectbox", "multiselect", "radio", "slider", "select_slider",
    "text_input", "text_area", "number_input", "date_input", "time_input", "checkbox", "toggle", "color_picker",
    "file_uploader", "camera_input", "segmented_control", "pills", "feedback", "expander", "popover", "tabs",
    "status", "spinner", "toast", "info", "warning", "error", "success", "exception", "progress", "dialog",
    "Page", "set_page_config", "latex", "code",
}  # fmt: skip
ST_COLUMN_CONFIG = {"Column", "TextColumn", "NumberColumn", "DateColumn", "DatetimeColumn", "CheckboxColumn",
                    "SelectboxColumn", "LinkColumn", "ProgressColumn", "ListColumn", "BarChartColumn",
                    "LineChartColumn", "AreaChartColumn", "ImageColumn", "JSONColumn", "MultiselectColumn"}  # fmt: skip
LABEL_KWARGS = {"label", "help", "title", "caption", "placeholder", "text", "body", "page_title", "tooltip"}
CHART_KWARGS = {
    "title", "title_text", "text", "name", "xaxis_title", "yaxis_title", "legend_title_text", "legend_title",
    "hovertemplate", "texttemplate", "ticktext", "legendgrouptitle_text", "colorbar_title", "hovertext",
}  # fmt: skip
TRANSLATORS = {"t", "translate", "_t"}

# Text that is the same in both languages and may be written literally: proper names and units.
ALLOWED_TEXT = {"Sinergi", "Rp", "IDR", "MoA", "KPI", "P3KE", "TNP2K", "CSV", "Excel", "PDF", "PowerPoint"}
_PLACEHOLDERS = re.compile(r"%\{[^}]*\}|<[^>]*>|\{[^}]*\}|&[a-z]+;")
_WORD = re.compile(r"[^\W\d_]{2,}")
OK_MARK = "# i18n: ok"
FIX = (
    "put the text in the catalogue (sinergi/common/locales/<your area>.toml: a table with `id` and `en` entries, key "
    "prefixed with your page key) and pass ctx.t('<key>') on pages or translate('<key>', lang) in builders; a "
    f"proper name goes into ALLOWED_TEXT in tests/test_catalogue.py, a deliberate exception ends its line with "
    f"'{OK_MARK}' and a reason."
)


def _words(text: str) -> list[str]:
    if re.fullmatch(r"pages/\w+\.py", text):  # a page file passed to st.page_link / st.switch_page, not text
        return []
    stripped = _PLACEHOLDERS.sub(" ", text)
    return [w for w in _WORD.findall(stripped) if w not in ALLOWED_TEXT]


def _literal_text(node: ast.AST) -> list[str]:
    """Return the literal pieces of an expression that carry words and bypass the catalogue."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if _words(node.value) else []
    if isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        return [text] if _words(text) else []
    if isinstance(node, ast.BinOp):
        return _literal_text(node.left) + _literal_text(node.right)
    if isinstance(node, ast.IfExp):
        return _literal_text(node.body) + _literal_text(node.orelse)
    if isinstance(node, ast.List | ast.Tuple):
        return [text for element in node.elts for text in _literal_text(element)]
    if isinstance(node, ast.Dict):  # layout dicts in builders: {"title": {"text": "..."}}
        return [
            text
            for key, value in zip(node.keys, node.values, strict=True)
            if isinstance(key, ast.Constant) and key.value in CHART_KWARGS
            for text in _literal_text(value)
        ]
    return []  # calls (t(), translate(), fmt_*()), names and attributes are not literal text


def _call_name(call: ast.Call) -> str | None:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None


def _is_streamlit(call: ast.Call) -> bool:
    name = _call_name(call)
    if name in ST_COLUMN_CONFIG:
        return True
    if name not in ST_ELEMENTS or name in TRANSLATORS:
        return False
    # A bare function call (not a method) is only Streamlit when imported as such; `title(x)` is not.
    return isinstance(call.func, ast.Attribute)


def violations(source: str, filename: str, builder: bool = False) -> list[str]:
    """Return 'file:line: text' for every literal UI string in source that bypasses the catalogue."""
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call) or _call_name(node) in TRANSLATORS:
            continue
        checked: list[ast.AST] = []
        if _is_streamlit(node):
            checked += node.args[:1] + [k.value for k in node.keywords if k.arg in LABEL_KWARGS]
        if builder:
            checked += [k.value for k in node.keywords if k.arg in CHART_KWARGS]
        for arg in checked:
            for text in _literal_text(arg):
                line = getattr(arg, "lineno", node.lineno)
                if OK_MARK not in lines[line - 1]:
                    found.append(f"{filename}:{line}: {text!r}")
    return found


def _files(patterns: list[str]) -> list[Path]:
    return sorted({p for pattern in patterns for p in ROOT.glob(pattern) if p.is_file()})


def test_every_key_has_both_languages():
    missing = [
        f"{key} ({lang})" for key, entry in catalogue().items() for lang in LANGUAGES if not entry.get(lang)
    ]
    assert missing == [], "catalogue keys without a text in every language: " + ", ".join(missing)


def test_no_unknown_languages_or_stray_entries():
    stray = [f"{key}.{lang}" for key, entry in catalogue().items() for lang in entry if lang not in LANGUAGES]
    assert stray == [], f"catalogue entries in languages the app does not have: {stray}"


def test_no_ui_string_outside_the_catalogue():
    found = [
        hit
        for group, builder in ((UI_FILES, False), (BUILDER_FILES, True))
        for path in _files(group)
        for hit in violations(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)), builder)
    ]
    assert found == [], "UI text outside the catalogue:\n  " + "\n  ".join(found) + "\nHow to fix: " + FIX


@pytest.mark.parametrize(
    ("source", "builder", "bad"),
    [
        ('st.title("Ringkasan")', False, True),
        ('col.metric("Anggaran", value)', False, True),
        ('st.sidebar.button(label="Simpan")', False, True),
        ('st.tabs(["Peta", t("x.tab")])', False, True),
        ('st.caption(f"Data per {day}")', False, True),
        ('st.info("Awas" if ok else t("x.y"))', False, True),
        ('st.column_config.NumberColumn("Jumlah")', False, True),
        ('fig.add_bar(name="Register")', True, True),
        ('fig.update_layout(title={"text": "Peta"})', True, True),
        ('st.title("Ringkasan")  # i18n: ok, brand slogan', False, False),
        ('st.title(t("beranda.heading", region=r))', False, False),
        ('st.caption(f"{text} {extra}")', False, False),
        ('st.markdown("\\n".join(lines))', False, False),
        ('st.html(f"<style>{CSS}</style>")', False, False),
        ('st.markdown(f"### Sinergi\\n{translate(k, lang)}")', False, False),
        ('st.metric(label, "1.234", delta="−5 %")', False, False),
        ('fig.add_bar(hovertemplate="%{y}: %{text}<extra></extra>")', True, False),
        ('fig.add_bar(name="Register")', False, False),  # plotly names are only checked in builders
    ],
)
def test_scanner_catches_literals_and_lets_translations_through(source, builder, bad):
    assert bool(violations(source, "x.py", builder)) is bad


# -- Rendered pages: what a reader sees in a table must be words and Indonesian numbers, never codes or raw floats.

SNAKE_CODE = re.compile(r"^[a-z]+(?:_[a-z0-9]+)+$")  # tidak_valid, tanaman_pangan, program_opd
REGION_CODE = re.compile(
    r"^\d{2}(?:\.\d{2}){0,2}(?:\.\d{4})?$"
)  # 99.02.01.2001 is an identifier, not a number
IDENTIFIER_HEADERS = ("akun.col.username", "audit.col.username")  # user names may look like codes: "monev"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")  # 2024-05-21 00:00:00: a date for a machine, not a reader
MISSING_TEXT = {"None", "nan", "NaN", "<NA>", "NaT", "null"}
RAW_NUMBER = {
    # id: a decimal point, or five or more digits without separators; en: four digits before a point, or five
    "id": re.compile(r"^-?\d+\.\d{1,2}$|^-?\d+\.\d{4,}$|^-?\d{5,}(?:[.,]\d+)?$"),
    "en": re.compile(r"^-?\d{4,}\.\d+$|^-?\d{5,}$"),
}


def raw_codes(lang: str) -> set[str]:
    """Return the vocabulary codes a reader must never see as such in lang (those whose label differs)."""
    from sinergi.common.vocabulary import VOCABULARY, label

    return {
        code for domain, codes in VOCABULARY.items() for code in codes if label(domain, code, lang) != code
    }


def _display_frame(element) -> tuple[pd.DataFrame, pd.DataFrame | None, dict]:
    """Return (values, display values from a pandas Styler or None, column_config) of a rendered st.dataframe."""
    import json

    import pyarrow as pa

    proto = element.proto
    values = element.value
    styler = proto.arrow_data.styler if proto.arrow_data.HasField("styler") else None
    shown = (
        pa.ipc.open_stream(styler.display_values).read_pandas()
        if styler is not None and styler.display_values
        else None
    )
    config = json.loads(proto.columns) if proto.columns else {}
    return values, shown, config


def table_problems(element, lang: str, where: str) -> list[str]:
    """Return what a reader would trip over in a rendered table: raw codes, missing markers, unformatted numbers."""
    from sinergi.common.i18n import translate

    values, shown, config = _display_frame(element)
    if not element.proto.placeholder:
        # the browser draws a missing cell as "None" whatever the Styler wrote for it, unless the table says otherwise
        problems_missing = [
            f"{where}: column {c!r} shows 'None' for a missing cell (st.dataframe without placeholder=)"
            for c in values.columns
            if values[c].isna().any()
        ]
    else:
        problems_missing = []
    codes = raw_codes(lang)
    identifiers = {translate(key, lang) for key in IDENTIFIER_HEADERS}
    problems = problems_missing
    for position, column in enumerate(values.columns):
        name = str(column)
        if name in identifiers:
            continue
        formatted = (config.get(name) or {}).get("type_config", {}).get("format")
        series = values[column]
        texts = shown.iloc[:, position] if shown is not None else None
        numeric = pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)
        if numeric and texts is None and not formatted and series.dropna().abs().ge(1000).any():
            problems.append(f"{where}: column {name!r} shows numbers without Indonesian separators")
        if numeric and texts is None and not formatted and (series.dropna() % 1 != 0).any():
            problems.append(f"{where}: column {name!r} shows raw decimals")
        if pd.api.types.is_datetime64_any_dtype(series) and texts is None and not formatted:
            problems.append(f"{where}: column {name!r} shows raw dates")
        is_text = series.dtype == object or pd.api.types.is_string_dtype(series)
        cells = texts if texts is not None else series if is_text else None
        if cells is None:
            continue
        for cell in cells.dropna().astype(str).unique()[:500]:
            text = cell.strip()
            if text in MISSING_TEXT:
                problems.append(f"{where}: column {name!r} shows {text!r}")
            elif text in codes or SNAKE_CODE.match(text):
                problems.append(f"{where}: column {name!r} shows the raw code {text!r}")
            elif ISO_DATE.match(text):
                problems.append(f"{where}: column {name!r} shows the raw date {text!r}")
            elif RAW_NUMBER[lang].match(text) and not REGION_CODE.match(text):
                problems.append(f"{where}: column {name!r} shows the unformatted number {text!r}")
    return problems


# A missing value written out by str(): "None", "nan", "NaT", "<NA>" as a word of a page's text or a chart's labels.
MISSING_WORD = re.compile(r"(?<![\w<])(?:None|nan|NaN|NaT|<NA>|undefined)(?![\w>])")
TEXT_ELEMENTS = (
    "title",
    "header",
    "subheader",
    "markdown",
    "caption",
    "text",
    "info",
    "warning",
    "error",
    "success",
)


def _catalogue_phrases_with_missing_words() -> list[str]:
    """Return the literal parts of catalogue texts that contain a word like "None" on purpose ("None yet.")."""
    parts = (
        part for entry in catalogue().values() for text in entry.values() for part in re.split(r"{\w+}", text)
    )
    return sorted({p.strip() for p in parts if MISSING_WORD.search(p) and len(p.strip()) > 6}, key=len)[::-1]


def text_problems(at, where: str) -> list[str]:
    """Return the page text (headings, prose, captions, alerts, tiles, expander and tab labels) that reads like a
    missing value written out: "None", "nan", "NaT"."""
    texts = [str(el.value) for kind in TEXT_ELEMENTS for el in at.get(kind)]
    texts += [f"{el.label} {el.value} {el.proto.delta}" for el in at.get("metric")]
    texts += [el.label for el in at.get("expander")] + [el.label for el in at.get("tab")]
    # the catalogue's own words may say it ("None yet."): those sentences are read as written
    for words in _catalogue_phrases_with_missing_words():
        texts = [x.replace(words, "") for x in texts]
    return sorted(
        {
            f"{where}: {MISSING_WORD.search(x).group(0)!r} in {x[:120]!r}"
            for x in texts
            if MISSING_WORD.search(x)
        }
    )


def chart_text_problems(element, where: str) -> list[str]:
    """Return the labels, hover texts and titles of a Plotly figure that read like a missing value ("None", "nan")."""
    import json

    found: set[str] = set()

    def walk(node, path: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key not in ("bdata", "dtype", "shape"):
                    walk(value, f"{path}.{key}")
        elif isinstance(node, list):
            for item in node:
                walk(item, path)
        elif isinstance(node, str) and MISSING_WORD.search(node):
            found.add(f"{where}: {path} reads {node[:80]!r}")

    walk(json.loads(element.proto.spec if hasattr(element.proto, "spec") else element.proto.json), "figure")
    return sorted(found)


def _numeric(values) -> bool:
    if isinstance(values, dict):  # plotly's typed array {"dtype", "bdata"}
        return True
    return isinstance(values, list) and any(
        isinstance(v, int | float) and not isinstance(v, bool) for v in values
    )


def figure_problems(element, lang: str, where: str) -> list[str]:
    """Return a Plotly figure drawn without the language's separators, or a numeric axis without a tick format
    (plotly's default writes 7000 and 150k)."""
    import json

    spec = json.loads(element.proto.spec)
    layout = spec.get("layout", {})
    wanted = ",." if lang == "id" else ".,"
    problems = [] if layout.get("separators") == wanted else [f"{where}: chart without separators={wanted!r}"]
    for trace in spec.get("data", []):
        if trace.get("type", "scatter") not in ("bar", "scatter", "box", "histogram"):
            continue
        for letter in ("x", "y"):
            axis = trace.get(f"{letter}axis", letter).replace(letter, f"{letter}axis", 1)
            settings = layout.get(axis, {})
            if settings.get("type") == "date" and "%" not in (settings.get("tickformat") or "%"):
                problems.append(f"{where}: date {axis} with a number tick format")  # it printed ",~f"
            if settings.get("visible") is False or settings.get("type") in (
                "category",
                "multicategory",
                "date",
            ):
                continue
            if _numeric(trace.get(letter)) and not settings.get("tickformat"):
                problems.append(f"{where}: numeric {axis} without a tick format")
    return sorted(set(problems))


@pytest.mark.parametrize(
    ("source", "lang", "bad"),
    [
        (pd.DataFrame({"Status": ["tidak_valid"]}), "id", True),
        (pd.DataFrame({"Sumber": ["bansos"]}), "id", True),
        (pd.DataFrame({"Sumber": ["Bansos"]}), "id", False),
        (pd.DataFrame({"Nilai": [1405.1]}), "id", True),
        (pd.DataFrame({"Nilai": [99.9]}), "id", True),
        (pd.DataFrame({"Jumlah": [12, 40]}), "id", False),
        (pd.DataFrame({"Nilai": ["99.9"]}), "id", True),
        (pd.DataFrame({"Nilai": ["1.405"]}), "id", False),
        (pd.DataFrame({"Nilai": ["101304000"]}), "id", True),
        (pd.DataFrame({"Kode": ["99.02.01.2001"]}), "id", False),
        (pd.DataFrame({"Nama": ["None", "x"]}), "id", True),
        (pd.DataFrame({"Mulai": pd.to_datetime(["2024-05-21"])}), "id", True),
        (pd.DataFrame({"Mulai": ["2024-05-21 00:00:00"]}), "id", True),
        (pd.DataFrame({"Mulai": ["21 Mei 2024"]}), "id", False),
        (pd.DataFrame({"Cakupan": [99.0, None]}), "id", True),  # the browser writes "None" in the empty cell
    ],
)
def test_rendered_table_check_catches_codes_and_raw_numbers(source, lang, bad):
    from streamlit.testing.v1 import AppTest

    def script(frame):
        import streamlit as st

        st.dataframe(frame)

    at = AppTest.from_function(script, args=(source,)).run()
    assert bool(table_problems(at.dataframe[0], lang, "x")) is bad


def test_show_table_writes_a_dash_for_a_missing_number():
    from streamlit.testing.v1 import AppTest

    def script():
        import pandas as pd

        from sinergi.ui.components import show_table

        show_table(pd.DataFrame({"coverage_pct": [99.0, None], "year": [2024, None]}), "id")

    at = AppTest.from_function(script).run()
    assert table_problems(at.dataframe[0], "id", "x") == []
    assert at.dataframe[0].proto.placeholder == "–"


@pytest.mark.parametrize(
    ("text", "bad"),
    [("Cakupan: None", True), ("nan %", True), ("sejak NaT", True), ("Nanga Bulik", False), ("<5", False)],
)
def test_text_check_catches_missing_values_written_out(text, bad):
    from streamlit.testing.v1 import AppTest

    def script(words):
        import streamlit as st

        st.caption(words)
        st.metric("RT", words)

    at = AppTest.from_function(script, args=(text,)).run()
    assert bool(text_problems(at, "x")) is bad


def test_rendered_check_reads_styler_display_values():
    from streamlit.testing.v1 import AppTest

    from sinergi.common.display import styled

    def script(frame):
        import streamlit as st

        from sinergi.common.display import styled

        st.dataframe(styled(frame, "id"))

    source = pd.DataFrame({"households_count": [1405, 2], "share_pct": [99.94, 1.0]})
    at = AppTest.from_function(script, args=(source,)).run()
    assert table_problems(at.dataframe[0], "id", "x") == []
    assert list(styled(source, "id").data.columns) == ["households_count", "share_pct"]


# Query parameters that open each page's detail, so that its tables are drawn too.
DETAIL = {"peta": {"desa": "99.02.01.2001"}, "moa": {"moa": "MOA-0202"}, "mitra": {"mitra": "MTR-012"}}


# Every role reads every page; the everyday run covers the roles whose protected figures differ most from admin's
# (pimpinan in Indonesian, tamu in English), CI the other two as well.
RENDERED_ROLES = (("admin", "id"), ("admin", "en"), ("pimpinan", "id"), ("tamu", "en")) + (
    (("perencana", "id"), ("monev", "en")) if os.environ.get("SINERGI_TEST_FULL") == "1" else ()
)


def _rendered_cases() -> list:
    from sinergi.ui.pages import PAGES

    return [
        pytest.param(spec, role, lang, id=f"{spec.key}-{role}-{lang}")
        for spec in PAGES
        for role, lang in RENDERED_ROLES
        if role in spec.roles
    ]


@pytest.mark.parametrize(("spec", "role", "lang"), _rendered_cases())
def test_rendered_pages_show_words_and_indonesian_numbers(app, spec, role, lang):
    from conftest import open_page

    at = open_page(
        app, spec.file, role=role, wilayah="99.02", putaran="2", bahasa=lang, **DETAIL.get(spec.key, {})
    )
    assert not at.exception, at.exception
    problems = [p for i, frame in enumerate(at.dataframe) for p in table_problems(frame, lang, f"table {i}")]
    problems += [
        p for i, fig in enumerate(at.get("plotly_chart")) for p in figure_problems(fig, lang, f"chart {i}")
    ]
    problems += [
        p for i, fig in enumerate(at.get("plotly_chart")) for p in chart_text_problems(fig, f"chart {i}")
    ]
    problems += [
        p
        for i, deck in enumerate(at.get("deck_gl_json_chart"))
        for p in chart_text_problems(deck, f"map {i}")
    ]
    problems += text_problems(at, "text")
    assert problems == [], f"{spec.file} ({role}, {lang}):\n  " + "\n  ".join(problems)
