"""Command line: python -m sinergi.data.importers <kind> <file>... [--accept-warnings] [--report out.csv], or restore."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sinergi.data import db
from sinergi.data.importers import all_kinds, execute, prepare
from sinergi.data.importers.report import report_csv, report_excel
from sinergi.data.importers.writer import restore_previous


def main(argv: list[str] | None = None) -> int:
    """Run one import (or restore the previous database version); return the exit code (0 written/unchanged)."""
    parser = argparse.ArgumentParser(
        prog="python -m sinergi.data.importers", description="Impor data nyata ke Sinergi."
    )
    parser.add_argument("kind", choices=[*all_kinds(), "restore"], help="jenis impor, atau 'restore'")
    parser.add_argument("files", nargs="*", type=Path, help="berkas yang diimpor")
    parser.add_argument(
        "--accept-warnings", action="store_true", help="tetap impor bila hanya ada peringatan"
    )
    parser.add_argument("--report", type=Path, help="simpan laporan masalah (.csv atau .xlsx)")
    parser.add_argument("--user", default=None, help="nama pengguna untuk log impor")
    args = parser.parse_args(argv)
    if args.kind == "restore":
        restored = restore_previous()
        print(f"Dipulihkan dari {restored.name}" if restored else "Tidak ada versi sebelumnya.")
        return 0 if restored else 1
    if not args.files:
        parser.error("sebutkan berkas yang diimpor")
    prepared = prepare(args.kind, [(p.name, p.read_bytes()) for p in args.files])
    outcome = execute(prepared, accept_warnings=args.accept_warnings, user=args.user or "cli")
    frame = prepared.report.frame()
    for row in frame.head(50).itertuples(index=False):
        print(
            f"[{row.severity}] {row.file} {row.sheet} baris {row.row} kolom {row.column} '{row.value}': {row.message}"
        )
    if len(frame) > 50:
        print(f"... dan {len(frame) - 50} masalah lain")
    if args.report:
        data = report_excel(frame) if args.report.suffix == ".xlsx" else report_csv(frame)
        args.report.write_bytes(data)
    print(
        f"{outcome.status}: {prepared.rows_read} baris dibaca, "
        f"{outcome.result.rows_written if outcome.result else 0} ditulis, {prepared.rows_rejected} ditolak, "
        f"{prepared.report.errors} galat, {prepared.report.warnings} peringatan ({db.database_path()})"
    )
    return 0 if outcome.status in ("written", "unchanged") else 2


if __name__ == "__main__":
    sys.exit(main())
