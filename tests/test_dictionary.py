from sinergi.data.db import load_sql
from sinergi.data.dictionary import DICTIONARY_PATH, parse_schema, render_markdown


def test_every_column_is_documented():
    sql = load_sql("schema")
    declared = sum(
        1
        for line in sql.splitlines()
        if line.startswith("    ") and not line.strip().startswith("primary key")
    )
    parsed = sum(len(t["columns"]) for t in parse_schema(sql))
    assert parsed == declared
    assert all(c["description"] for t in parse_schema(sql) for c in t["columns"])


def test_dictionary_file_is_current():
    assert DICTIONARY_PATH.read_text(encoding="utf-8") == render_markdown(), (
        "run: python -m sinergi.data.dictionary"
    )
