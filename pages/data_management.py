"""Kelola Data (admin): import real data with a problem report, download templates, restore the previous version."""

import streamlit as st

from sinergi.data.importers import all_kinds, execute, prepare
from sinergi.data.importers.report import localised, report_csv, report_excel
from sinergi.data.importers.sample import synthetic_p3ke
from sinergi.data.importers.templates import SPECS, template_bytes
from sinergi.data.importers.writer import list_backups, read_current, restore_previous
from sinergi.ui.admin_tables import import_log_rows
from sinergi.ui.components import file_uploader_words, show_table
from sinergi.ui.context import page_context
from sinergi.ui.data import load

ctx = page_context("kelola")
t = ctx.t
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
        prepared = prepare(
            kind,
            [(f.name, f.getvalue()) for f in files],
            progress=lambda fraction, step: bar.progress(
                fraction, text=f"{t('kelola.progress.reading')} ({step})"
            ),
        )
        bar.progress(0.6, text=t("kelola.progress.writing"))
        outcome = execute(prepared, accept_warnings=accept, user=getattr(ctx, "user", None))
        bar.empty()
        st.session_state["kelola_outcome"] = outcome
    outcome = st.session_state.get("kelola_outcome")
    if outcome is not None:
        rep = outcome.prepared.report
        if outcome.status == "written":
            st.success(t("kelola.status.written", written=outcome.result.rows_written,
                         read=outcome.prepared.rows_read, rejected=outcome.prepared.rows_rejected))  # fmt: skip
        elif outcome.status == "unchanged":
            st.info(t("kelola.status.unchanged"))
        else:
            st.error(t("kelola.status.blocked", errors=rep.errors, warnings=rep.warnings))
        frame = rep.frame()
        if len(frame):
            st.subheader(t("kelola.report"))
            st.dataframe(localised(frame.head(5000)), hide_index=True)
            cols = st.columns(2)
            cols[0].download_button(t("kelola.report_excel"), report_excel(frame), "laporan_impor.xlsx")
            cols[1].download_button(t("kelola.report_csv"), report_csv(frame), "laporan_impor.csv")

with tab_templates:
    st.caption(t("kelola.templates_intro"))
    for key, spec in SPECS.items():
        st.download_button(t("kelola.template_download", name=spec.title_id), template_bytes(key),
                           f"templat_{key}.xlsx", key=f"kelola_tpl_{key}")  # fmt: skip
    known = read_current("known_desa")["id"]
    desa = known[known.str.startswith(ctx.region_code + ".")].tolist()
    st.download_button(t("kelola.sample_p3ke"), synthetic_p3ke(desa or [ctx.region_code], 50),
                       "contoh_p3ke_sintetis.csv", key="kelola_sample")  # fmt: skip

with tab_history:
    log = load("import_log_recent")
    if log.empty:
        st.caption(t("kelola.history_empty"))
    else:
        show_table(
            import_log_rows(log, ctx.lang, kind_label),
            ctx.lang,
            {c: t(f"kelola.col.{c}") for c in LOG_COLUMNS},
        )
    st.caption(t("kelola.backups", count=len(list_backups())))
    if st.button(t("kelola.restore"), disabled=not list_backups(), key="kelola_restore"):
        restored = restore_previous()
        st.session_state.pop("kelola_outcome", None)
        st.success(t("kelola.restored", name=restored.name) if restored else t("kelola.nothing_to_restore"))
