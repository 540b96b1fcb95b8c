#!/usr/bin/env bash
# Build the one-folder PyInstaller bundle (build_installer.spec) and smoke-test it headless:
#   - both executables are there: minisip-console (the window, windowed on Windows) and
#     minisip-console-cli (the command line, a console executable), and both know the version;
#   - the frozen CLI refuses bad usage with exit status 2;
#   - `db upgrade` creates a schema, which proves the Alembic migrations are in the bundle;
#   - `demo create` fills a database, which proves Faker's providers are in the bundle;
#   - `purge` dry-runs and purges the demo with a verified receipt (the retention command is in);
#   - an unreachable PostgreSQL gives the clear message, which proves psycopg and libpq load;
#   - the window opens offscreen and quits, then opens on the demo database and shows rows.
# Usage: bash scripts/build_installer_smoke.sh        (PYTHON=/path/to/venv/python to choose)
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
APP=dist/minisip-console/minisip-console      # the window (console=False on Windows)
CLI=dist/minisip-console/minisip-console-cli  # the command line and schedulers

fail() { echo "build_installer_smoke: FAILED: $*" >&2; exit 1; }

echo "== installing PyInstaller (the [build] extra of pyproject.toml)"
mapfile -t build_requirements < <("$PYTHON" -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["build"], sep="\n")')
"$PYTHON" -m pip install --quiet --disable-pip-version-check "${build_requirements[@]}"

echo "== building with $("$PYTHON" -m PyInstaller --version 2>/dev/null || echo '?') (this takes a few minutes)"
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller build_installer.spec
[ -x "$APP" ] || fail "$APP was not built"
[ -x "$CLI" ] || fail "$CLI was not built"
for required in _internal/minisip_console/core/migrations/env.py _internal/minisip_console/core/migrations/script.py.mako \
                _internal/minisip_console/resources/style.qss _internal/PySide6/Qt/plugins/platforms/libqoffscreen.so \
                _internal/minisip_console/resources/i18n/minisip_console_zh_CN.qm _internal/PySide6/Qt/translations/qtbase_zh_CN.qm \
                _internal/minisip_console/resources/templates/policy-change.zh_CN.txt; do
    [ -e "dist/minisip-console/$required" ] || fail "the bundle lacks $required"
done
echo "bundle: $(du -sh dist/minisip-console | cut -f1) in dist/minisip-console/"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# headless, a throwaway config folder, and no keyring: nothing here may touch the user's own
export QT_QPA_PLATFORM=offscreen
export MINISIP_CONSOLE_CONFIG_DIR="$work/config"
export PYTHON_KEYRING_BACKEND=keyring.backends.fail.Keyring

# run NAME EXPECTED_STATUS CMD...: run the frozen app with a time limit, check its exit status
run() {
    local name="$1" expected="$2" status=0
    shift 2
    timeout 120 "$@" >"$work/out" 2>"$work/err" || status=$?
    if [ "$status" != "$expected" ]; then
        echo "--- stdout"; cat "$work/out"; echo "--- stderr"; cat "$work/err"
        fail "$name: exit status $status, expected $expected"
    fi
    echo "ok: $name (exit $status)"
}

expected_version="minisip-console $("$PYTHON" -c 'import minisip_console; print(minisip_console.__version__)')"
run "--version (the CLI executable)" 0 "$CLI" --version
[ "$(cat "$work/out")" = "$expected_version" ] || fail "$CLI --version printed '$(cat "$work/out")', expected '$expected_version'"
run "--version (the window's executable)" 0 "$APP" --version
[ "$(cat "$work/out")" = "$expected_version" ] || fail "$APP --version printed '$(cat "$work/out")', expected '$expected_version'"

run "unknown command" 2 "$CLI" frobnicate

url="sqlite:///$work/smoke.db"
run "db upgrade (migrations are bundled)" 0 "$CLI" db upgrade --database "$url"
grep -q "upgraded from an empty database to" "$work/out" || fail "db upgrade said: $(cat "$work/out")"
run "db status" 0 "$CLI" db status --database "$url"
run "db upgrade --json, second time" 0 "$CLI" db upgrade --database "$url" --json
"$PYTHON" - "$work/out" <<'EOF' || fail "db upgrade --json did not print one JSON object with changed=false"
import json, sys
text = open(sys.argv[1]).read()
assert text.count("\n") == 1, text
assert json.loads(text)["changed"] is False, text
EOF

demo="sqlite:///$work/demo.db"
run "demo create (Faker is bundled)" 0 "$CLI" demo create --database "$demo" --accounts 20 --cdrs 200 --seed 7
run "purge --dry-run (the retention command is bundled)" 0 "$CLI" purge --dry-run --json --database "$demo"
run "purge (deletes past the 30 days and verifies)" 0 "$CLI" purge --json --quiet --database "$demo"
"$PYTHON" - "$work/out" <<'EOF2' || fail "purge --json did not report a verified receipt: $(cat "$work/out")"
import json, sys
receipt = json.loads(open(sys.argv[1]).read())["receipts"][0]
assert receipt["ok"] and receipt["rows_deleted"] > 0, receipt
EOF2

closed_port="$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
run "PostgreSQL unreachable (psycopg is bundled)" 1 "$CLI" db upgrade --database "postgresql://postgres@127.0.0.1:$closed_port/minisip"
grep -q "cannot reach the database server" "$work/err" || fail "unexpected message: $(cat "$work/err")"

MINISIP_CONSOLE_EXIT_AFTER_SHOWN=1 run "window shown offscreen" 0 "$APP"
grep -q '"event": "shown"' "$work/out" || fail "the window did not report being shown: $(cat "$work/out")"
MINISIP_CONSOLE_BENCH=1 run "window shows the demo's accounts" 0 "$APP" --database "$demo"
grep -q "^BENCH rows" "$work/err" || fail "no rows were shown: $(cat "$work/err")"

echo "build_installer_smoke: all checks passed"
