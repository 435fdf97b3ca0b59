"""What a reader sees of a rendered page, read from AppTest elements: the checks that report raw codes, unformatted
numbers and missing values written out in tables, charts and text (tests/test_rendered_pages.py runs them on every
page; tests/test_rendered_checks.py shows that each one catches what it is for)."""

from __future__ import annotations

import re

import pandas as pd

from sinergi.common.i18n import catalogue

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


# What a cell of a share, count, Rupiah amount, change or date reads as (with "<5" and "–" between them): a column
# of such cells sent as text sorts as text in the browser ("100 %" before "25 %", "1 Mei" before "2 Januari").
_NUMBER_WORD = r"(?:\d{1,3}(?:[.,]\d{3})*|\d+)(?:[.,]\d+)?"
VALUE_TEXT = re.compile(
    rf"^[−+±-]?(?:Rp |IDR )?{_NUMBER_WORD}(?: ?%)?(?: (?:poin|points|pp|juta|miliar|triliun|million|billion|trillion))?$"
    r"|^\d{1,2} [A-Z][a-z]+ \d{4}(?:, \d{2}[.:]\d{2}(?: UTC)?)?$"
)
NO_VALUE_TEXT = {"<5", "–", "-", ""}


def sorts_as_text(series: pd.Series, texts: pd.Series | None) -> bool:
    """Return True for a column sent as text whose cells all read as values (numbers, shares, Rupiah, dates), two
    of them at least: the browser sorts it by its words."""
    # an object column of dates goes to the browser as dates (Arrow date32): only strings sort as words
    # (a list, not Series.map: an empty datetime column maps to datetimes, whose .all() pandas refuses)
    if not all(isinstance(v, str) for v in series.dropna()):
        return False
    cells = [str(c).strip() for c in (texts if texts is not None else series).dropna()]
    from sinergi.common.i18n import translate

    withheld = {translate("privacy.withheld", lang) for lang in ("id", "en")}
    values = [c for c in cells if c not in NO_VALUE_TEXT | withheld]
    if len(set(values)) < 2 or len(values) < len(cells) / 2:
        return False
    return all(VALUE_TEXT.match(c) for c in values) and not all(REGION_CODE.match(c) for c in values)


def raw_codes(lang: str) -> set[str]:
    """Return the vocabulary codes a reader must never see as such in lang (those whose label differs)."""
    from sinergi.common.vocabulary import VOCABULARY, label

    return {
        code for domain, codes in VOCABULARY.items() for code in codes if label(domain, code, lang) != code
    }


def display_frame(element) -> tuple[pd.DataFrame, pd.DataFrame | None, dict]:
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

    values, shown, config = display_frame(element)
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
        if sorts_as_text(series, texts):
            problems.append(f"{where}: column {name!r} holds values as text: it sorts as words")
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


def written(styler) -> pd.DataFrame:
    """Return the text a reader sees in each cell of a Styler (what Streamlit sends as its display values), under
    the Styler's column names: the data underneath may be numbers the browser sorts by."""
    body = styler._translate()["body"]
    return pd.DataFrame([[c["display_value"] for c in row] for row in body], columns=styler.data.columns)


def shown_table(element) -> pd.DataFrame:
    """Return a rendered st.dataframe as the reader sees it: the Styler's text where there is one, else the values."""
    values, shown, _ = display_frame(element)
    return values if shown is None else shown.set_axis(values.columns, axis=1)
