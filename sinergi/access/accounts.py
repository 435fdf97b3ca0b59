"""Accounts: usernames, roles, kabupaten scopes and bcrypt password hashes, kept in the shared store.

The demo accounts of config/demo_accounts.toml ($SINERGI_DEMO_ACCOUNTS) sign in only while the database is
synthetic. The first admin of a real deployment is made here (the password is asked for, never echoed):

    python -m sinergi.access.accounts add budi perencana --scope 99.02
"""

from __future__ import annotations

import argparse
import getpass
import os
import re
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bcrypt

from sinergi.access.policy import ROLES, Viewer, make_viewer
from sinergi.access.store import store
from sinergi.data.db import PROJECT_ROOT

DEFAULT_DEMO_PATH = PROJECT_ROOT / "config" / "demo_accounts.toml"
BCRYPT_ROUNDS = 12
MAX_PASSWORD_BYTES = 72  # bcrypt reads no further; longer passwords are refused when set, failed when typed
MIN_PASSWORD_CHARS = 10
_USERNAME_RE = re.compile(r"^[a-z][a-z0-9_.-]{1,31}$")
# Checked when the username is unknown, at the same cost as every stored hash: a wrong name takes as long as a
# wrong password (stored hashes of another cost are rehashed at the next sign-in).
_DUMMY_HASH = bcrypt.hashpw(b"no such account", bcrypt.gensalt(rounds=BCRYPT_ROUNDS))
_demo_cache: dict[str, tuple[int, dict[str, Account]]] = {}


@dataclass(frozen=True)
class Account:
    username: str
    role: str
    scope: str | None
    password_hash: str
    display_name: str
    is_demo: bool = False

    def viewer(self) -> Viewer:
        """Return the Viewer this account signs in as."""
        return make_viewer(self.username, self.role, self.scope)


def demo_accounts_path() -> Path:
    """Return the demo accounts file: $SINERGI_DEMO_ACCOUNTS or config/demo_accounts.toml."""
    return Path(os.environ.get("SINERGI_DEMO_ACCOUNTS", DEFAULT_DEMO_PATH))


def demo_accounts() -> dict[str, Account]:
    """Return the demo accounts by username (read again when the file changes; empty when it is missing)."""
    path = demo_accounts_path()
    if not path.exists():
        return {}
    mtime = path.stat().st_mtime_ns
    cached = _demo_cache.get(str(path))
    if cached and cached[0] == mtime:
        return cached[1]
    with path.open("rb") as fh:
        raw = tomllib.load(fh)
    found = {}
    for username, entry in raw.get("accounts", {}).items():
        account = Account(
            username, entry["role"], entry.get("scope"), entry["password_hash"],
            entry.get("display_name", username), is_demo=True,
        )  # fmt: skip
        account.viewer()  # validates role and scope
        found[username] = account
    _demo_cache[str(path)] = (mtime, found)
    return found


def _from_row(row: dict[str, Any]) -> Account:
    return Account(row["username"], row["role"], row["scope"], row["password_hash"], row["display_name"])


def find_account(username: str) -> Account | None:
    """Return the account for username: the store's, else a demo account, else None (same work either way)."""
    rows = store().run("account_get", username=username)
    demo = demo_accounts().get(username)
    return _from_row(rows[0]) if rows else demo


def load_accounts() -> dict[str, Account]:
    """Return every account that may sign in, by username (store accounts hide demo ones of the same name)."""
    found = dict(demo_accounts())
    found.update({row["username"]: _from_row(row) for row in store().run("account_list")})
    return found


def hash_password(password: str) -> str:
    """Return the bcrypt hash of password (cost BCRYPT_ROUNDS)."""
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=BCRYPT_ROUNDS)).decode("ascii")


def _cost(password_hash: str) -> int:
    parts = password_hash.split("$")
    return int(parts[2]) if len(parts) > 3 and parts[2].isdigit() else 0


def verify(username: str, password: str) -> Account | None:
    """Return the account when username and password match, else None.

    The work is the same for an unknown name, a wrong password and an over-long password: one store lookup and one
    bcrypt check at cost BCRYPT_ROUNDS.
    """
    account = find_account(username)
    secret = password.encode("utf-8")
    usable = account is not None and len(secret) <= MAX_PASSWORD_BYTES
    stored = account.password_hash.encode("ascii") if usable and account else _DUMMY_HASH
    ok = bcrypt.checkpw(secret[:MAX_PASSWORD_BYTES], stored) and usable
    if ok and account and not account.is_demo and _cost(account.password_hash) != BCRYPT_ROUNDS:
        store().run("account_set_hash", username=username, password_hash=hash_password(password))
    return account if ok else None


def check_new_password(password: str) -> str | None:
    """Return why a new password is refused, or None when it is acceptable."""
    if len(password) < MIN_PASSWORD_CHARS:
        return f"password too short ({MIN_PASSWORD_CHARS} characters or more)"
    if len(password.encode("utf-8")) > MAX_PASSWORD_BYTES:
        return f"password too long (at most {MAX_PASSWORD_BYTES} bytes)"
    return None


def add_account(
    username: str, role: str, password: str, scope: str | None = None, display_name: str | None = None
) -> Account:
    """Add an account to the store; only the bcrypt hash of the password is kept."""
    if not _USERNAME_RE.match(username):
        raise ValueError("username: lowercase letters, digits, . _ -; 2-32 characters")
    problem = check_new_password(password)
    if problem:
        raise ValueError(problem)
    viewer = make_viewer(username, role, scope)
    if store().run("account_get", username=username):
        raise ValueError(f"account {username} exists")
    account = Account(username, role, viewer.scope, hash_password(password), display_name or username)
    store().run(
        "account_insert", username=username, role=role, scope=account.scope,
        display_name=account.display_name, password_hash=account.password_hash, now=time.time(),
    )  # fmt: skip
    return account


def disable_account(username: str) -> None:
    """Stop an account from signing in and end its open sessions."""
    now = time.time()
    store().run("account_disable", username=username, now=now)
    store().run("session_end_user", username=username, now=now, reason="disabled")


def _read_password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != first:
            raise ValueError("the passwords differ")
        return first
    return sys.stdin.readline().rstrip("\n")


def main(argv: list[str] | None = None) -> int:
    """Command line: add, list (never hashes), disable or re-password accounts in the store."""
    parser = argparse.ArgumentParser(prog="python -m sinergi.access.accounts")
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add", help="add an account; the password is read from the terminal or stdin")
    add.add_argument("username")
    add.add_argument("role", choices=ROLES)
    add.add_argument("--scope", help="kabupaten code for perencana and pimpinan, e.g. 99.02")
    add.add_argument("--name", help="display name")
    sub.add_parser("list", help="list accounts")
    sub.add_parser("disable", help="stop an account from signing in").add_argument("username")
    sub.add_parser("passwd", help="set a new password").add_argument("username")
    args = parser.parse_args(argv)
    try:
        if args.command == "list":
            for a in load_accounts().values():
                kind = "demo" if a.is_demo else "store"
                print(f"{a.username}\t{a.role}\t{a.scope or '*'}\t{a.display_name}\t{kind}")
        elif args.command == "add":
            add_account(args.username, args.role, _read_password(), args.scope, args.name)
            print(f"added {args.username} to the store")
        elif args.command == "disable":
            disable_account(args.username)
            print(f"disabled {args.username}")
        else:
            password = _read_password()
            problem = check_new_password(password)
            if problem or not store().run("account_get", username=args.username):
                raise ValueError(problem or f"no account {args.username} in the store")
            store().run("account_set_hash", username=args.username, password_hash=hash_password(password))
            store().run("session_end_user", username=args.username, now=time.time(), reason="password")
            print(f"new password for {args.username}")
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
