#!/usr/bin/env bash
# Run a command inside a throwaway D-Bus session whose gnome-keyring is unlocked and keeps its files
# in a temporary folder, so nothing can reach your own session or keyring: what the tests
# (scripts/test.sh) and the benchmarks that store a password (benchmarks/purge_mariadb.py) run in.
#
# Usage: bash scripts/session.sh COMMAND [ARGS...]
#        bash scripts/session.sh .venv/bin/python benchmarks/purge_mariadb.py
# Exit status: the command's.
set -euo pipefail

[ "$#" -gt 0 ] || { echo "usage: bash scripts/session.sh COMMAND [ARGS...]" >&2; exit 2; }

if [ -z "${MINISIP_TEST_SESSION:-}" ]; then
    command -v dbus-run-session >/dev/null || { echo "scripts/session.sh: dbus-run-session not found (apt-get install dbus)" >&2; exit 1; }
    # dbus-run-session ends the bus (and the keyring daemon with it) when the command ends
    exec dbus-run-session -- env MINISIP_TEST_SESSION=1 bash "$0" "$@"
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/runtime"
mkdir -p "$XDG_DATA_HOME" && mkdir -m 700 "$XDG_RUNTIME_DIR"
if command -v gnome-keyring-daemon >/dev/null; then
    # --unlock reads the new login keyring's password from stdin; it prints GNOME_KEYRING_CONTROL=...
    keyring_env="$(printf '%s' throwaway-pw | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
    while IFS= read -r line; do
        [ -n "$line" ] && export "$line"
    done <<<"$keyring_env"
fi
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"

status=0
"$@" || status=$?
exit "$status"
