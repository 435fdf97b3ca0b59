"""The problem report of an import: every problem with file, sheet, row, column, value, how many rows it covers and a
message in the reader's language (the catalogue's `impor.*` keys)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sinergi.common.i18n import DEFAULT_LANGUAGE, translate
from sinergi.common.table_export import to_csv_bytes, to_excel_bytes

ERROR = "error"  # blocks the import
WARNING = "warning"  # blocks it unless the user accepts warnings
NOTE = "note"  # what the importer did for the user (a spelling mapped, a blank filled): never blocks
SEVERITIES = (ERROR, WARNING, NOTE)
COLUMNS = ["file", "sheet", "row", "column", "value", "count", "message", "severity"]


@dataclass
class Report:
    """Problems found while reading and validating one import; errors block it, warnings need acceptance."""

    file: str
    sheet: str = ""
    lang: str = DEFAULT_LANGUAGE
    _frames: list[pd.DataFrame] = field(default_factory=list)

    def t(self, key: str, **values: object) -> str:
        """Return a catalogue message in the report's language."""
        return translate(key, self.lang, **values)

    def add(
        self,
        message: str,
        severity: str = ERROR,
        row: int | None = None,
        column: str = "",
        value: object = "",
        sheet: str | None = None,
        count: int = 1,
    ) -> None:
        """Record one problem (count: how many rows it stands for, when one line sums up many)."""
        self.add_rows(message, severity, [row], column, [value], sheet, [count])

    def add_rows(
        self,
        message: str,
        severity: str,
        rows: object,
        column: str = "",
        values: object = None,
        sheet: str | None = None,
        counts: object = None,
    ) -> None:
        """Record the same problem for many rows at once (vectorised: no loop per row)."""
        if severity not in SEVERITIES:
            raise ValueError(f"unknown severity {severity!r}")
        rows = np.asarray(rows, dtype=object)
        if len(rows) == 0:
            return
        values = np.asarray(values if values is not None else [""] * len(rows), dtype=object)
        self._frames.append(
            pd.DataFrame(
                {
                    "file": self.file,
                    "sheet": self.sheet if sheet is None else sheet,
                    "row": pd.array(rows, dtype="Int64"),
                    "column": column,
                    "value": pd.Series(values, dtype=object).fillna("").astype(str).to_numpy(),
                    "count": np.asarray(counts if counts is not None else np.ones(len(rows)), dtype=int),
                    "message": message,
                    "severity": severity,
                }
            )
        )

    def frame(self) -> pd.DataFrame:
        """Return every problem as one table: errors, then warnings, then notes."""
        if not self._frames:
            return pd.DataFrame(columns=COLUMNS)
        out = pd.concat(self._frames, ignore_index=True)
        out["order"] = out["severity"].map({s: i for i, s in enumerate(SEVERITIES)})
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


def localised(frame: pd.DataFrame, lang: str = DEFAULT_LANGUAGE) -> pd.DataFrame:
    """Return the report table with headers and severity words in lang, ready to show or download."""
    out = frame.copy()
    out["severity"] = out["severity"].map(lambda s: translate(f"impor.severity.{s}", lang))
    out["row"] = out["row"].astype("string").fillna("")
    return out[COLUMNS].rename(columns={c: translate(f"impor.report.{c}", lang) for c in COLUMNS})


def report_csv(frame: pd.DataFrame, lang: str = DEFAULT_LANGUAGE) -> bytes:
    """Return the report as CSV bytes (`;` and UTF-8 with BOM for Indonesian spreadsheets)."""
    return to_csv_bytes(localised(frame, lang), lang)


def report_excel(frame: pd.DataFrame, lang: str = DEFAULT_LANGUAGE) -> bytes:
    """Return the report as an Excel workbook."""
    return to_excel_bytes(localised(frame, lang), sheet=translate("impor.report.sheet_name", lang))
