"""The data dictionary, generated from the column comments in queries/schema.sql (python -m sinergi.data.dictionary)."""

from __future__ import annotations

import re

from sinergi.data.db import PROJECT_ROOT, load_sql

DICTIONARY_PATH = PROJECT_ROOT / "docs" / "data_dictionary.md"
_TABLE_RE = re.compile(r"^create table (\w+) \($")
_COLUMN_RE = re.compile(r"^\s+(\w+) ([a-z]+(?:\([0-9, ]+\))?)([^-]*?),?\s*--\s*(.+)$")


def parse_schema(sql: str) -> list[dict]:
    """Return [{table, description, columns: [{name, type, constraints, description}]}] from the DDL text."""
    tables: list[dict] = []
    last_comment = ""
    for line in sql.splitlines():
        if line.startswith("-- "):
            last_comment = line[3:].strip()
        elif match := _TABLE_RE.match(line):
            tables.append({"table": match[1], "description": last_comment, "columns": []})
        elif (col := _COLUMN_RE.match(line)) and tables:
            tables[-1]["columns"].append(
                {
                    "name": col[1],
                    "type": col[2],
                    "constraints": col[3].strip().rstrip(","),
                    "description": col[4],
                }
            )
    return tables


def render_markdown() -> str:
    """Return the data dictionary as Markdown."""
    out = [
        "# Kamus data Sinergi (data dictionary)",
        "",
        "Generated from `queries/schema.sql` by `python -m sinergi.data.dictionary`; do not edit by hand.",
        "Units are in column names: `_rp` Rupiah, `_km`, `_km2`, `_ha`, `_ton`, `_kw`, `_pct` (0-100), `_count`,"
        " `_on` (date).",
        "",
    ]
    for table in parse_schema(load_sql("schema")):
        out += [
            f"## `{table['table']}`",
            "",
            table["description"],
            "",
            "| column | type | description |",
            "|---|---|---|",
        ]
        for c in table["columns"]:
            extra = f" ({c['constraints']})" if c["constraints"] else ""
            out.append(f"| `{c['name']}` | {c['type']}{extra} | {c['description']} |")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    DICTIONARY_PATH.parent.mkdir(exist_ok=True)
    DICTIONARY_PATH.write_text(render_markdown(), encoding="utf-8")
    print(DICTIONARY_PATH)
