"""Accounts: a TOML file of usernames, roles, kabupaten scopes and bcrypt password hashes.

The file is $SINERGI_ACCOUNTS or config/accounts.toml. Add an account (the password is asked for, never echoed):

    python -m sinergi.access.accounts add budi perencana --scope 99.02
"""

from __future__ import annotations

import argparse
import getpass
import os
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import bcrypt

from sinergi.access.policy import ROLES, Viewer, make_viewer
from sinergi.data.db import PROJECT_ROOT

DEFAULT_ACCOUNTS_PATH = PROJECT_ROOT / "config" / "accounts.toml"
_USERNAME_RE = re.compile(r"^[a-z][a-z0-9_.-]{1,31}$")
# A hash to check against when the username is unknown, so that a wrong name takes as long as a wrong password.
_DUMMY_HASH = bcrypt.hashpw(b"no such account", bcrypt.gensalt(rounds=10))


@dataclass(frozen=True)
class Account:
    username: str
    role: str
    scope: str | None
    password_hash: str
    display_name: str

    def viewer(self) -> Viewer:
        """Return the Viewer this account signs in as."""
        return make_viewer(self.username, self.role, self.scope)


def accounts_path() -> Path:
    """Return the accounts file in use: $SINERGI_ACCOUNTS or config/accounts.toml."""
    return Path(os.environ.get("SINERGI_ACCOUNTS", DEFAULT_ACCOUNTS_PATH))


def load_accounts(path: Path | None = None) -> dict[str, Account]:
    """Return the accounts in the file by username (an empty dict when the file is missing)."""
    path = path or accounts_path()
    if not path.exists():
        return {}
    with path.open("rb") as fh:
        raw = tomllib.load(fh)
    accounts = {}
    for username, entry in raw.get("accounts", {}).items():
        account = Account(
            username=username,
            role=entry["role"],
            scope=entry.get("scope"),
            password_hash=entry["password_hash"],
            display_name=entry.get("display_name", username),
        )
        account.viewer()  # validates role and scope
        accounts[username] = account
    return accounts


def hash_password(password: str) -> str:
    """Return the bcrypt hash of password."""
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode("ascii")


def verify(username: str, password: str, accounts: dict[str, Account] | None = None) -> Account | None:
    """Return the account when username and password match, else None (same work either way)."""
    accounts = load_accounts() if accounts is None else accounts
    account = accounts.get(username)
    stored = account.password_hash.encode("ascii") if account else _DUMMY_HASH
    ok = bcrypt.checkpw(password.encode("utf-8")[:72], stored)
    return account if ok and account else None


def add_account(
    path: Path, username: str, role: str, password: str, scope: str | None, display_name: str | None
) -> None:
    """Append an account to the TOML file; only the bcrypt hash of the password is written."""
    if not _USERNAME_RE.match(username):
        raise ValueError("username: lowercase letters, digits, . _ -; 2-32 characters")
    make_viewer(username, role, scope)
    if username in load_accounts(path):
        raise ValueError(f"account {username} exists")
    lines = [f'\n[accounts."{username}"]', f'role = "{role}"']
    if scope:
        lines.append(f'scope = "{scope}"')
    if display_name:
        lines.append(f"display_name = {_toml_string(display_name)}")
    lines.append(f'password_hash = "{hash_password(password)}"')
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main(argv: list[str] | None = None) -> int:
    """Command line: add an account, or list accounts (never their hashes)."""
    parser = argparse.ArgumentParser(prog="python -m sinergi.access.accounts")
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add", help="add an account; the password is read from the terminal or stdin")
    add.add_argument("username")
    add.add_argument("role", choices=ROLES)
    add.add_argument("--scope", help="kabupaten code for perencana and pimpinan, e.g. 99.02")
    add.add_argument("--name", help="display name")
    sub.add_parser("list", help="list accounts")
    args = parser.parse_args(argv)
    path = accounts_path()
    if args.command == "list":
        for a in load_accounts(path).values():
            print(f"{a.username}\t{a.role}\t{a.scope or '*'}\t{a.display_name}")
        return 0
    password = getpass.getpass("Password: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
    if len(password) < 8:
        print("password too short (8 characters or more)", file=sys.stderr)
        return 2
    add_account(path, args.username, args.role, password, args.scope, args.name)
    print(f"added {args.username} to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
