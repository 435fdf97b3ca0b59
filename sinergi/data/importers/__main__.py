"""Command line: python -m sinergi.data.importers <kind> <file>... [--accept-warnings] [--report out.xlsx]
[--user name] [--lang en], or `restore`. Bahasa Indonesia by default; every import and restore is audited.

An entry point (like app.py and the pages): it wires the importers to the audit log of sinergi.access.
"""

from __future__ import annotations

import functools
import getpass
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sinergi.access.imports import audited_import, audited_restore
from sinergi.common.i18n import DEFAULT_LANGUAGE, LANGUAGES, translate
from sinergi.data import db
from sinergi.data.importers import Outcome, all_kinds
from sinergi.data.importers.report import report_csv, report_excel

SHOWN_PROBLEMS = 50
FLAGS = {"--accept-warnings": "accept_warnings"}
OPTIONS = {"--report": "report", "--user": "user", "--lang": "lang"}


class UsageError(Exception):
    """The command line is wrong: the message says how, in the chosen language."""


@dataclass
class Args:
    kind: str = ""
    files: list[Path] = field(default_factory=list)
    accept_warnings: bool = False
    report: Path | None = None
    user: str | None = None
    lang: str = DEFAULT_LANGUAGE
    help: bool = False


def _words(lang: str) -> Callable[..., str]:
    """Return t(key, **values): the catalogue in lang."""
    return functools.partial(translate, lang=lang)


def parse(argv: list[str]) -> Args:
    """Return the parsed command line (a small parser: every message comes from the catalogue)."""
    args, words = Args(), list(argv)
    if "--lang" in words[:-1] and words[words.index("--lang") + 1] in LANGUAGES:
        args.lang = words[words.index("--lang") + 1]
    t = _words(args.lang)
    while words:
        word = words.pop(0)
        name, _, inline = word.partition("=")
        if word in ("-h", "--help"):
            args.help = True
        elif word in FLAGS:
            setattr(args, FLAGS[word], True)
        elif name in OPTIONS:
            value = inline or (words.pop(0) if words and not words[0].startswith("--") else "")
            if not value:
                raise UsageError(t("impor.cli.needs_value", option=name))
            setattr(args, OPTIONS[name], Path(value) if name == "--report" else value)
        elif word.startswith("-"):
            raise UsageError(t("impor.cli.unknown_option", option=word))
        elif not args.kind:
            args.kind = word
        else:
            args.files.append(Path(word))
    if args.help:
        return args
    if args.lang not in LANGUAGES:
        raise UsageError(t("impor.cli.unknown_lang", langs=", ".join(LANGUAGES)))
    if args.kind not in (*all_kinds(), "restore"):
        raise UsageError(
            t("impor.cli.unknown_kind", kind=args.kind, kinds=", ".join((*all_kinds(), "restore")))
        )
    if args.kind != "restore" and not args.files:
        raise UsageError(t("impor.cli.no_files"))
    if args.report is not None and args.report.suffix.lower() not in (".csv", ".xlsx"):
        raise UsageError(t("impor.cli.report_suffix"))
    return args


def _user(args: Args) -> str:
    """Return who runs the command: --user, else asked for on a terminal (required when not interactive)."""
    if args.user and args.user.strip():
        return args.user.strip()
    if not sys.stdin.isatty():
        raise UsageError(translate("impor.cli.user_required", args.lang))
    default = getpass.getuser()
    answer = input(translate("impor.cli.ask_user", args.lang, default=default)).strip()
    return answer or default


def _problem_line(row: Any, lang: str) -> str:
    t = _words(lang)
    where = [str(row.file)]
    if row.sheet:
        where.append(t("impor.cli.sheet", sheet=row.sheet))
    if row.row is not None and str(row.row) not in ("", "<NA>"):
        where.append(t("impor.cli.row", row=row.row))
    if row.column:
        where.append(t("impor.cli.column", column=row.column))
    value = f" '{row.value}'" if row.value else ""
    return f"[{t(f'impor.severity.{row.severity}')}] {', '.join(where)}{value}: {row.message}"


def _print_outcome(outcome: Outcome, args: Args) -> None:
    t = _words(args.lang)
    prepared, report = outcome.prepared, outcome.prepared.report
    frame = report.frame()
    for row in frame.head(SHOWN_PROBLEMS).itertuples(index=False):
        print(_problem_line(row, args.lang))
    if len(frame) > SHOWN_PROBLEMS:
        print(t("impor.cli.more", count=len(frame) - SHOWN_PROBLEMS))
    if args.report:
        args.report.write_bytes(
            report_excel(frame, args.lang)
            if args.report.suffix.lower() == ".xlsx"
            else report_csv(frame, args.lang)
        )
        print(t("impor.cli.report_saved", path=args.report))
    written = outcome.result.rows_written if outcome.result else 0
    print(t(f"impor.cli.status.{outcome.status}", read=prepared.rows_read, written=written,
            rejected=prepared.rows_rejected, errors=report.errors, warnings=report.warnings, db=db.database_path()))  # fmt: skip
    if outcome.status == "blocked" and not report.errors and report.warnings:
        print(t("impor.cli.accept_hint"))


def run(args: Args) -> int:
    """Run one import or restore; return the exit code (0 written/unchanged/restored, 2 blocked)."""
    user = _user(args)
    if args.kind == "restore":
        restored = audited_restore(user, None, "cli")
        print(translate("impor.cli.restored" if restored else "impor.cli.nothing_to_restore", args.lang,
                        name=restored.name if restored else ""))  # fmt: skip
        return 0 if restored else 1
    for path in args.files:
        if not path.is_file():
            raise UsageError(translate("impor.cli.file_missing", args.lang, path=path))
    files = [(p.name, p.read_bytes()) for p in args.files]
    outcome = audited_import(user, None, "cli", args.kind, files, args.accept_warnings, args.lang)
    _print_outcome(outcome, args)
    return 0 if outcome.status in ("written", "unchanged") else 2


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run it; no traceback reaches the terminal, only a message."""
    # a terminated import (kill, Ctrl-C) unwinds normally, so its private working copy is deleted
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    lang = DEFAULT_LANGUAGE
    try:
        args = parse(sys.argv[1:] if argv is None else argv)
        lang = args.lang
        if args.help or not args.kind:
            print(translate("impor.cli.help", lang, kinds=", ".join(all_kinds())))
            return 0
        return run(args)
    except UsageError as exc:
        print(f"{exc}\n{translate('impor.cli.see_help', lang)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(translate("impor.cli.interrupted", lang), file=sys.stderr)
        return 130
    except Exception as exc:  # the last guard: a message, never a traceback
        print(translate("impor.cli.unexpected", lang, error=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
