"""Monev KPI: every KPI of the region's MoAs from baseline to the chosen round, against the MoA targets."""

from functools import partial

import streamlit as st

from sinergi.common.fmt import EMPTY, fmt_date, fmt_number
from sinergi.monitoring.analysis import kabupaten_ranking, moa_ranking
from sinergi.monitoring.kpi import QUERY_BY_MOA, QUERY_BY_REGION, STATUS_LABEL_KEYS, with_attainment
from sinergi.monitoring.kpi_charts import attainment_bars, group_bars, kpi_dumbbell, kpi_small_multiples
from sinergi.monitoring.tables import kpi_baseline_styled, kpi_status_table
from sinergi.monitoring.widgets import definition, how_computed, moa_selector, pipeline_list, poverty_lines
from sinergi.ui.components import data_as_of, download_buttons, region_title
from sinergi.ui.context import page_context
from sinergi.ui.data import load, viewer_sees_households
from sinergi.ui.selections import bind, keep

ctx = page_context("monev")
t, lang = ctx.t, ctx.lang
params = ctx.params
rounds = load("monitoring_rounds").set_index("round_id")[f"name_{lang}"]
round_names = (rounds[ctx.baseline_round_id], ctx.round_name)

st.title(t("monev.heading", region=region_title(ctx)))
data_as_of(ctx)
st.caption(t("monev.rule"))
st.caption(t("method.kpi_signed_only", date=fmt_date(ctx.as_of, lang)))
if ctx.round_id == ctx.baseline_round_id:
    st.info(t("monev.same_round"))

kpis = with_attainment(load(QUERY_BY_MOA, **params))
registry = load("moa_registry", **params)
pipeline = registry[~registry["is_signed"].astype(bool)]
if kpis.empty:
    st.info(t("monev.no_moa"))
    pipeline_list(ctx, pipeline)
    st.stop()

moa_id = moa_selector(ctx, kpis.drop_duplicates("moa_id"), key="monev_moa")
shown = kpis[kpis["moa_id"] == moa_id] if moa_id else kpis
if ctx.region_level in ("kecamatan", "desa"):
    st.warning(t("monev.partial_region"))

# -- the summary first: how many KPIs reached, on track, behind; then every KPI in one table. At the baseline round
# nothing has moved yet: how many KPIs have a starting value, and the starting values beside the targets
at_baseline = ctx.round_id == ctx.baseline_round_id
tiles = st.columns(4)
if at_baseline:
    measured = int(shown["baseline_value"].notna().sum())
    for tile, key, value in zip(
        tiles,
        ["monev.tile.kpis", "monev.tile.measured", "monev.tile.unmeasured"],
        [len(shown), measured, len(shown) - measured],
        strict=False,
    ):
        tile.metric(t(key), fmt_number(value, lang), border=True)
    st.subheader(t("monev.table_heading_baseline", baseline=round_names[0]))
    kpi_table = partial(kpi_baseline_styled, lang=lang, t=t)
else:
    status_counts = shown["status"].value_counts()
    for tile, status in zip(
        tiles, ["tercapai", "sesuai_jalur", "belum_tercapai", "tidak_terukur"], strict=True
    ):
        tile.metric(
            t(f"monev.status.{status}"), fmt_number(int(status_counts.get(status, 0)), lang), border=True
        )
    st.subheader(t("monev.table_heading", round=ctx.round_name, baseline=round_names[0]))
    kpi_table = partial(kpi_status_table, lang=lang, t=t, with_moa=not moa_id)
st.dataframe(kpi_table(shown), hide_index=True, placeholder=EMPTY)
definition(ctx, "kpi_baseline")
if not viewer_sees_households():
    st.caption(t("privacy.kpi_rounded"))
st.caption(poverty_lines(ctx))
download_buttons(ctx, shown, f"kpi_{ctx.region_code}_{moa_id or 'semua'}", draw=kpi_table)
how_computed(
    ctx,
    t("monev.how_table") if moa_id else f"{t('monev.how_table')} {t('monev.how_double_count')}",
    shown.drop_duplicates("moa_id")["households_count"].sum(),
)

# -- the detail on demand: only the open tab is computed and drawn
level = "kabupaten" if ctx.region_level == "provinsi" else "kecamatan"
per_kpi, per_area, per_group, ranks = st.tabs(
    [
        t("monev.dumbbell_heading"),
        t(f"monev.multiples_heading.{level}"),
        t("monev.tab.groups"),
        t("monev.ranking_heading"),
    ],
    key="monev_tab",
    on_change="rerun",
)
names = {
    "baseline": round_names[0],
    "value": round_names[1],
    "target": t("monev.col.target"),
    "status": {code: t(key) for code, key in STATUS_LABEL_KEYS.items()},
}
if per_kpi.open:
    with per_kpi:
        codes = list(dict.fromkeys(shown["kpi_code"]))
        columns = st.columns(2)
        for i, code in enumerate(codes):
            rows = shown[shown["kpi_code"] == code].assign(label=lambda f: f["moa_id"])
            first = rows.iloc[0]
            with columns[i % 2]:
                unit = t(f"monev.unit.{first.unit}")
                st.markdown(f"**{first[f'kpi_name_{lang}']}** ({unit})")
                st.plotly_chart(
                    kpi_dumbbell(rows, {**names, "unit": unit}, lang), key=f"monev_dumbbell_{code}"
                )
                note = f"{first['definition_id']}\n\n{t('monev.how_attainment')}"
                note = note if moa_id else f"{note} {t('monev.how_double_count')}"
                how_computed(ctx, note, rows["households_count"].sum())

if per_area.open or per_group.open:
    by_region = load(QUERY_BY_REGION, **params)
    areas = by_region[by_region["area_level"] == level]
    kpi_names = dict(zip(by_region["kpi_code"], by_region[f"kpi_name_{lang}"], strict=False))
    kpi_units = dict(zip(by_region["kpi_code"], by_region["unit"], strict=False))
    box = per_area if per_area.open else per_group
    if not kpi_names:
        box.info(t("monev.no_moa"))
        st.stop()
    chosen = box.selectbox(
        t("monev.kpi"),
        list(kpi_names),
        format_func=kpi_names.get,
        **bind(
            f"monev_kpi_{'area' if per_area.open else 'group'}",
            "kpi",
            list(kpi_names),
            next(iter(kpi_names), None),
        ),
    )
    keep("kpi", chosen)
    if per_area.open:
        with per_area:
            panel = areas[areas["kpi_code"] == chosen]
            if panel.empty:
                st.info(t("monev.no_moa"))
            else:
                unit = t(f"monev.unit.{kpi_units[chosen]}")
                st.plotly_chart(
                    kpi_small_multiples(panel, round_names, lang, unit=unit), key="monev_multiples"
                )
                how_computed(
                    ctx,
                    f"{panel['definition_id'].iloc[0]}\n\n{t('monev.how_multiples')}",
                    panel["households_count"].sum(),
                )
    else:
        with per_group:
            st.markdown(f"**{t('monev.groups_heading', kpi=kpi_names[chosen])}**")
            groups = load("kpi_by_group", **params, moa_id=moa_id)
            groups = groups[groups["kpi_code"] == chosen]
            group_columns = st.columns(3)
            for col, dim in zip(group_columns, ["head_sex", "head_age_group", "disability"], strict=True):
                part = groups[groups["group_dimension"] == dim]
                part = part.assign(label=[t(f"monev.group.{dim}.{v}") for v in part["group_value"]])
                with col:
                    st.markdown(f"**{t(f'monev.group.{dim}')}**")
                    st.plotly_chart(group_bars(part, names, lang), key=f"monev_group_{dim}")
                    how_computed(ctx, t("monev.how_groups"), part["households_count"].sum())

if ranks.open and at_baseline:
    ranks.info(t("monev.same_round"))
elif ranks.open:
    with ranks:
        ranking = moa_ranking(kpis).assign(label=lambda f: f["moa_id"])
        st.plotly_chart(
            attainment_bars(ranking, "label", lang, t("monev.col.attainment")), key="monev_rank_moa"
        )
        how_computed(ctx, t("monev.how_ranking"), ranking["households_count"].sum())
        if ctx.region_level == "provinsi":
            st.subheader(t("monev.ranking_kabupaten"))
            kab_names = load("regions_under", parent_code=ctx.region_code)
            kab = kabupaten_ranking(kpis, dict(zip(kab_names["region_code"], kab_names["name"], strict=True)))
            st.plotly_chart(
                attainment_bars(kab, "name", lang, t("monev.col.attainment")), key="monev_rank_kab"
            )
            how_computed(ctx, t("monev.how_ranking_kabupaten"), kab["households_count"].sum())

pipeline_list(ctx, pipeline)
