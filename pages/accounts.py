"""Akun (admin): who may sign in, with which role and region; passwords are never shown, only bcrypt hashes kept."""

import pandas as pd
import streamlit as st

from sinergi.access.accounts import load_accounts
from sinergi.access.store import store_url
from sinergi.ui.admin_tables import account_rows
from sinergi.ui.components import show_table
from sinergi.ui.context import page_context

ctx = page_context("akun")
t = ctx.t

st.title(t("akun.title"))
st.caption(t("akun.intro", path=store_url().split("@")[-1]))  # never the password of a store URL
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
ACCOUNT_COMMAND = "python -m sinergi.access.accounts add <nama> <peran> --scope 99.02 --name 'Nama Lengkap'"
st.code(ACCOUNT_COMMAND, language="bash")
