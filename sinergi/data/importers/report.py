"""The problem report of an import: every problem with file, sheet, row, column, value and an Indonesian message."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sinergi.common.table_export import to_csv_bytes, to_excel_bytes

ERROR = "error"
WARNING = "warning"
COLUMNS = ["file", "sheet", "row", "column", "value", "message", "severity"]
HEADERS_ID = {
    "file": "Berkas",
    "sheet": "Lembar",
    "row": "Baris",
    "column": "Kolom",
    "value": "Nilai",
    "message": "Masalah",
    "severity": "Tingkat",
}
SEVERITY_ID = {ERROR: "galat", WARNING: "peringatan"}


@dataclass
class Report:
    """Problems found while reading and validating one import; errors block it, warnings need acceptance."""

    file: str
    sheet: str = ""
    _frames: list[pd.DataFrame] = field(default_factory=list)

    def add(
        self,
        message: str,
        severity: str = ERROR,
        row: int | None = None,
        column: str = "",
        value: object = "",
        sheet: str | None = None,
    ) -> None:
        """Record one problem."""
        self.add_rows(message, severity, [row], column, [value], sheet)

    def add_rows(
        self,
        message: str,
        severity: str,
        rows: object,
        column: str = "",
        values: object = None,
        sheet: str | None = None,
    ) -> None:
        """Record the same problem for many rows at once (vectorised: no loop per row)."""
        rows = np.asarray(rows, dtype=object)
        if len(rows) == 0:
            return
        values = np.asarray(values if values is not None else [""] * len(rows), dtype=object)
        self._frames.append(
            pd.DataFrame(
                {
                    "file": self.file,
                    "sheet": self.sheet if sheet is None else sheet,
                    "row": rows,
                    "column": column,
                    "value": pd.Series(values, dtype=object).fillna("").astype(str).to_numpy(),
                    "message": message,
                    "severity": severity,
                }
            )
        )

    def frame(self) -> pd.DataFrame:
        """Return every problem as one table, errors first."""
        if not self._frames:
            return pd.DataFrame(columns=COLUMNS)
        out = pd.concat(self._frames, ignore_index=True)
        out["order"] = (out["severity"] != ERROR).astype(int)
        return out.sort_values(["order"], kind="stable").drop(columns="order").reset_index(drop=True)

    def count(self, severity: str) -> int:
        """Return how many problems of a severity were found."""
        return int(sum((f["severity"] == severity).sum() for f in self._frames))

    @property
    def errors(self) -> int:
        return self.count(ERROR)

    @property
    def warnings(self) -> int:
        return self.count(WARNING)

    def blocks(self, accept_warnings: bool) -> bool:
        """Return True when the import must not be written: any error, or warnings not accepted."""
        return self.errors > 0 or (self.warnings > 0 and not accept_warnings)

    def merge(self, other: Report) -> None:
        """Take over the problems of another report (e.g. one file of a multi-file import)."""
        self._frames.extend(other._frames)


def localised(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the report table with Indonesian headers and severity words, ready for download."""
    out = frame.copy()
    out["severity"] = out["severity"].map(SEVERITY_ID).fillna(out["severity"])
    out["row"] = out["row"].astype("string").fillna("")
    return out[COLUMNS].rename(columns=HEADERS_ID)


def report_csv(frame: pd.DataFrame) -> bytes:
    """Return the report as CSV bytes (`;`, UTF-8 with BOM) for spreadsheets."""
    return to_csv_bytes(localised(frame), "id")


def report_excel(frame: pd.DataFrame) -> bytes:
    """Return the report as an Excel workbook."""
    return to_excel_bytes(localised(frame), sheet="Laporan masalah")
