"""Kelola Data (admin): import real data with a problem report, download templates, restore the previous version."""

from functools import partial

import streamlit as st

from sinergi.access.imports import audited_import, audited_restore
from sinergi.access.login import current_viewer
from sinergi.common.fmt import EMPTY
from sinergi.data.importers import all_kinds
from sinergi.data.importers.report import localised, report_csv, report_excel
from sinergi.data.importers.sample import synthetic_p3ke
from sinergi.data.importers.templates import SPECS, template_bytes
from sinergi.data.importers.writer import list_backups, read_current
from sinergi.ui.admin_tables import import_log_rows, time_formats
from sinergi.ui.components import file_uploader_words, offer_download, show_table
from sinergi.ui.context import page_context
from sinergi.ui.data import load

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ctx = page_context("kelola")
t = ctx.t
viewer = current_viewer()  # signed in: page_context stops the page otherwise
LOG_COLUMNS = ("imported_at", "kind", "file_name", "imported_by", "rows_read_count", "rows_written_count",
               "rows_rejected_count", "warnings_count")  # fmt: skip


def kind_label(kind: str) -> str:
    if kind in SPECS:
        return t("kelola.kind.template", name=SPECS[kind].title_id)
    return t(f"kelola.kind.{kind}")


st.title(t("kelola.title"))
st.caption(t("kelola.intro"))
tab_import, tab_templates, tab_history = st.tabs(
    [t("kelola.tab.import"), t("kelola.tab.templates"), t("kelola.tab.history")]
)

with tab_import:
    kind = st.selectbox(t("kelola.kind"), all_kinds(), format_func=kind_label, key="kelola_kind")
    file_uploader_words(ctx.lang)
    uploads = st.file_uploader(
        t("kelola.files"), accept_multiple_files=kind == "boundaries", key=f"kelola_f_{kind}"
    )
    accept = st.checkbox(t("kelola.accept_warnings"), key="kelola_accept")
    files = [uploads] if uploads and not isinstance(uploads, list) else (uploads or [])
    if st.button(t("kelola.run"), disabled=not files, type="primary", key="kelola_run"):
        bar = st.progress(0.1, text=t("kelola.progress.reading"))
        try:
            st.session_state["kelola_outcome"] = audited_import(
                viewer.username,
                viewer.role,
                "kelola",
                kind,
                [(f.name, f.getvalue()) for f in files],
                accept,
                ctx.lang,
                lambda fraction, step: bar.progress(
                    fraction, text=f"{t('kelola.progress.reading')} ({step})"
                ),
            )
        except Exception as exc:  # never a traceback on the page: the database is unchanged either way
            st.session_state.pop("kelola_outcome", None)
            st.error(t("kelola.unexpected", error=type(exc).__name__))
        bar.empty()
    outcome = st.session_state.get("kelola_outcome")
    if outcome is not None:
        rep = outcome.prepared.report
        if outcome.status == "written":
            st.success(t("kelola.status.written", written=outcome.result.rows_written,
                         read=outcome.prepared.rows_read, rejected=outcome.prepared.rows_rejected))  # fmt: skip
        elif outcome.status == "unchanged":
            st.info(t("kelola.status.unchanged"))
        elif rep.errors or not rep.warnings:
            st.error(t("kelola.status.blocked", errors=rep.errors, warnings=rep.warnings))
        else:
            st.warning(t("kelola.status.warnings_only", warnings=rep.warnings))
        frame = rep.frame()
        if len(frame):
            st.subheader(t("kelola.report"))
            st.dataframe(localised(frame.head(5000), ctx.lang), hide_index=True, placeholder=EMPTY)
            cols = st.columns(2)
            detail = {"table": "import_report", "rows": len(frame)}
            offer_download(cols[0], t("kelola.report_excel"), lambda: report_excel(frame, ctx.lang), "laporan_impor.xlsx",
                           XLSX, "kelola_report_xlsx", {**detail, "format": "xlsx"})  # fmt: skip
            offer_download(cols[1], t("kelola.report_csv"), lambda: report_csv(frame, ctx.lang), "laporan_impor.csv",
                           "text/csv", "kelola_report_csv", {**detail, "format": "csv"})  # fmt: skip

with tab_templates:
    st.caption(t("kelola.templates_intro"))
    for key, spec in SPECS.items():
        offer_download(st, t("kelola.template_download", name=spec.title_id), partial(template_bytes, key),
                       f"templat_{key}.xlsx", XLSX, f"kelola_tpl_{key}", {"table": f"template_{key}", "rows": 0})  # fmt: skip
    known = read_current("known_desa")["id"]
    desa = known[known.str.startswith(ctx.region_code + ".")].tolist()
    offer_download(st, t("kelola.sample_p3ke"), partial(synthetic_p3ke, desa or [ctx.region_code], 50),
                   "contoh_p3ke_sintetis.csv", "text/csv", "kelola_sample", {"table": "sample_p3ke", "rows": 50})  # fmt: skip

with tab_history:
    log = load("import_log_recent")
    if log.empty:
        st.caption(t("kelola.history_empty"))
    else:
        show_table(
            import_log_rows(log, ctx.lang, kind_label),
            ctx.lang,
            {c: t(f"kelola.col.{c}") for c in LOG_COLUMNS},
            time_formats(ctx.lang),
        )
    st.caption(t("kelola.backups", count=len(list_backups())))
    if st.button(t("kelola.restore"), disabled=not list_backups(), key="kelola_restore"):
        st.session_state.pop("kelola_outcome", None)
        try:
            restored = audited_restore(viewer.username, viewer.role, "kelola")
            st.success(
                t("kelola.restored", name=restored.name) if restored else t("kelola.nothing_to_restore")
            )
        except OSError as exc:  # a full disk or a permission: the database is unchanged, say so
            st.error(t("kelola.unexpected", error=type(exc).__name__))
