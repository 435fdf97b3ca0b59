"""The shared SQL rules of queries/macros.sql: which of them a query uses, so that only those are created with it.

Each rule is a temporary macro or view; temporary objects belong to one cursor, and creating all of them for every
query would cost about 20 ms (views are bound when created). A query gets the rules whose names it mentions, and
the rules those mention, in the order of the file.
"""

from __future__ import annotations

import re
from functools import cache

_RULE_RE = re.compile(r"^create or replace temp (?:macro|view) (\w+)", re.MULTILINE)
_COMMENT_RE = re.compile(r"--[^\n]*")


@cache
def rules(rules_sql: str) -> dict[str, str]:
    """Return each rule of the rules file by name: its create statement, in file order."""
    starts = list(_RULE_RE.finditer(rules_sql))
    out = {}
    for match, after in zip(starts, [*starts[1:], None], strict=True):
        end = after.start() if after else len(rules_sql)
        out[match[1]] = _COMMENT_RE.sub("", rules_sql[match.start() : end]).strip()
    return out


def _mentioned(text: str, names: list[str]) -> set[str]:
    words = set(re.findall(r"\w+", _COMMENT_RE.sub("", text)))
    return {name for name in names if name in words}


@cache
def rules_for(sql: str, rules_sql: str) -> str:
    """Return the create statements of the rules that sql uses, directly or through other rules ('' for none)."""
    defined = rules(rules_sql)
    names = list(defined)
    wanted: set[str] = set()
    todo = _mentioned(sql, names)
    while todo:
        name = todo.pop()
        wanted.add(name)
        body = defined[name].split(name, 1)[1]  # what follows its own name
        todo |= _mentioned(body, names) - wanted
    return "\n".join(defined[name] for name in names if name in wanted)
