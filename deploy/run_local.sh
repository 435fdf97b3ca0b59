#!/usr/bin/env bash
# Two (or N) Sinergi processes, nginx and a local PostgreSQL store on this machine, from Debian packages only:
#   apt-get install nginx postgresql   (or nginx-light)
#   pip install -e ".[postgres]"
#   deploy/run_local.sh [--processes 2] [--port 8080] [--dir /tmp/sinergi-deploy]
# Stops everything on Ctrl-C (or when the parent is killed). No containers needed.
set -euo pipefail
cd "$(dirname "$0")/.."
PROCESSES=2 PORT=8080 DIR=/tmp/sinergi-deploy
while [ $# -gt 0 ]; do
    case "$1" in
        --processes) PROCESSES=$2; shift 2 ;;
        --port) PORT=$2; shift 2 ;;
        --dir) DIR=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
mkdir -p "$DIR"
exec python deploy/local.py --processes "$PROCESSES" --port "$PORT" --dir "$DIR"
