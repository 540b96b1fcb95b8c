#!/usr/bin/env bash
# Run the test suite the way CI does, on a machine that already has what it needs (see
# .ci/run for a fresh one): pytest inside a throwaway D-Bus session whose gnome-keyring is
# unlocked and keeps its files in a temporary folder (scripts/session.sh), so nothing can reach
# your own session or keyring; Qt offscreen. The keyring tests start a private Secret Service of their own on top.
#
# Usage: bash scripts/test.sh [PYTEST ARGS...]     default: every tier under tests/
#        PYTHON=.venv/bin/python bash scripts/test.sh tests/unit -x
# Exit status: pytest's, except that "no tests ran" (pytest's 5) is a failure too.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"

if [ -z "${MINISIP_TEST_SESSION:-}" ]; then
    # a throwaway D-Bus session and keyring (scripts/session.sh), then this script again inside it
    exec bash scripts/session.sh env PYTHON="$PYTHON" bash "$0" "$@"
fi

# times in the window are local (ui/formatting.py): the tests read them in UTC, whatever zone the machine is in
export TZ=UTC
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
# the tests read English unless one asks for Chinese (tests/gui/test_chinese.py), whatever the desktop speaks
export MINISIP_CONSOLE_LANGUAGE="${MINISIP_CONSOLE_LANGUAGE:-en}"

[ "$#" -gt 0 ] || set -- tests
status=0
"$PYTHON" -m pytest "$@" || status=$?
if [ "$status" -eq 5 ]; then
    echo "scripts/test.sh: pytest collected no tests: that is a failure" >&2
    exit 1
fi
exit "$status"
