"""Mitra: the partner registry (type, capacities, where they work, MoAs) and a partner profile (?mitra=MTR-012)."""

import streamlit as st

from sinergi.collaboration.display import capacity_grid, label, moa_display, partner_display
from sinergi.collaboration.tables import filter_partners, partner_moas
from sinergi.collaboration.widgets import (
    choose_one,
    declared_table,
    follow_row_pick,
    link_params,
    table_with_downloads,
)
from sinergi.common.fmt import fmt_number
from sinergi.common.text import plain
from sinergi.common.vocabulary import CONTRIBUTION_KINDS, PARTNER_TYPES, SECTORS
from sinergi.ui.components import data_as_of, region_title
from sinergi.ui.context import page_context
from sinergi.ui.data import load

ctx = page_context("mitra")
t, lang = ctx.t, ctx.lang
params = {"region": ctx.region_code, "as_of": ctx.as_of}

st.title(t("mitra.heading", region=region_title(ctx)))
data_as_of(ctx)
partners = partner_display(load("partners_in_region", **params), lang)
capacities = load("partner_capacities_in_region", **params)
moas = moa_display(load("moa_registry", **params), lang)
parties = load("moa_parties", **params)

# A partner named in the link (?mitra=, e.g. from a gap suggestion) is what the reader came for: profile first.
first, second = st.container(), st.container()
registry_box, profile_box = (second, first) if st.query_params.get("mitra") else (first, second)

registry_box.subheader(t("mitra.registry"))
cols = registry_box.columns(3)
types = cols[0].multiselect(
    t("mitra.filter.type"),
    PARTNER_TYPES,
    format_func=lambda c: label("mitra.type", c, lang),
    placeholder=t("mitra.filter.all"),
    key="mitra_types",
)
sectors = cols[1].multiselect(
    t("mitra.filter.sector"),
    SECTORS,
    format_func=lambda c: label("mitra.sector", c, lang),
    placeholder=t("mitra.filter.all"),
    key="mitra_sectors",
)
kinds = cols[2].multiselect(
    t("mitra.filter.kind"),
    CONTRIBUTION_KINDS,
    format_func=lambda c: label("mitra.kind", c, lang),
    placeholder=t("mitra.filter.all"),
    key="mitra_kinds",
)
shown = filter_partners(partners, types, sectors, kinds)
registry_box.caption(
    t("mitra.registry_hint", shown=fmt_number(len(shown), lang), total=fmt_number(len(partners), lang))
)
with registry_box:
    state = declared_table(
        ctx,
        shown,
        "partner_registry",
        f"mitra_{ctx.region_code}",
        key="mitra_registry",
        select=True,
        height=420,
    )
follow_row_pick(state, shown, "partner_id", "mitra")

with profile_box:
    names = dict(zip(partners["partner_id"], partners["name"], strict=True))
    if not names:
        st.info(t("mitra.none"))
        st.stop()
    chosen = choose_one(t("mitra.profile.choose"), t("mitra.profile.pick"), "mitra", names)
    partner = partners[partners["partner_id"] == chosen].iloc[0]

    st.header(plain(partner["name"]))
    st.markdown(
        t(
            "mitra.profile.facts",
            type=partner["type_label"],
            home=partner["home_label"],
            email=plain(partner["contact_email"]),
        )
    )
    if partner["hub_label"]:
        st.markdown(t("mitra.profile.hub", role=partner["hub_label"]))
    st.markdown(plain(partner["description"]))
    tiles = st.columns(3)
    tiles[0].metric(t("mitra.col.moa_count"), fmt_number(partner["moa_count"], lang), border=True)
    tiles[1].metric(
        t("mitra.col.active_moa_count"), fmt_number(partner["active_moa_count"], lang), border=True
    )
    tiles[2].metric(
        t("mitra.profile.desa_worked"), fmt_number(partner["desa_worked_count"], lang), border=True
    )
    if partner["kecamatan_names"]:
        st.markdown(t("mitra.profile.works_in", places=plain(partner["kecamatan_names"])))

    st.subheader(t("mitra.profile.moas", name=plain(partner["name"])))
    mine = partner_moas(parties, moas, chosen)
    if mine.empty:
        st.info(t("mitra.profile.no_moa"))
    else:
        mine = mine.merge(moas[["moa_id", "status_label", "period_label", "sectors_label"]], on="moa_id")
        mine["role_label"] = mine["party_role"].map(lambda r: label("moa.role", r, lang))
        for row in mine.itertuples(index=False):
            st.page_link(
                "pages/agreements.py",
                label=t(
                    "mitra.profile.moa_link",
                    moa=row.moa_id,
                    title=plain(row.title),
                    role=row.role_label,
                    status=row.status_label,
                    period=row.period_label,
                ),
                query_params=link_params(ctx, moa=row.moa_id),
            )
        with st.expander(t("mitra.profile.moa_table")):
            declared_table(ctx, mine, "partner_moas", f"mitra_{chosen}_moa", key="mitra_moa_table")

    st.subheader(t("mitra.profile.capacity"))
    grid = capacity_grid(capacities, chosen, lang)
    if grid.empty:
        st.info(t("mitra.profile.no_capacity"))
    else:
        table_with_downloads(
            ctx, grid, {c: c for c in grid.columns}, f"kapasitas_{chosen}", key="mitra_capacity_table"
        )
        st.caption(t("mitra.profile.capacity_hint"))
