"""Akun (admin): who may sign in, with which role and region; passwords are never shown, only bcrypt hashes kept."""

import pandas as pd
import streamlit as st

from sinergi.access.accounts import load_accounts
from sinergi.access.store import store_url
from sinergi.ui.admin_tables import account_rows, store_kind
from sinergi.ui.components import show_table
from sinergi.ui.context import page_context

ctx = page_context("akun")
t = ctx.t

st.title(t("akun.title"))
st.caption(t("akun.intro", path=store_kind(store_url())))  # the kind only: no server path, host or password
rows = [
    {
        "username": a.username,
        "display_name": a.display_name,
        "role": a.role,
        "scope": a.scope,
        "demo": t("common.yes") if a.is_demo else "",
    }
    for a in load_accounts().values()
]
headers = {c: t(f"akun.col.{c}") for c in ("username", "display_name", "role", "scope", "demo")}
show_table(account_rows(pd.DataFrame(rows, columns=list(headers)), ctx.lang), ctx.lang, headers)
# role codes stay as typed on the command line; the placeholders are in the reader's language
command = "python -m sinergi.access.accounts add <{user}> <{role}> --scope 99.02 --name '{name}'"
st.code(
    command.format(user=t("akun.arg.user"), role=t("akun.arg.role"), name=t("akun.arg.name")), language="bash"
)
