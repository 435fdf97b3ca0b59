"""The label catalogue is complete in both languages, and no UI string bypasses it.

The scan reads pages, the shared UI modules, chart and map builders and the briefing exports with `ast` and reports
every string literal with words in it that reaches a Streamlit element (first positional argument or a label-like
keyword) or a chart label (title, name, text, hovertemplate, ...) without going through t()/ctx.t()/translate().
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

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
