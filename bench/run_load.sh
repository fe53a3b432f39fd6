#!/usr/bin/env bash
# Load and fault test: gunicorn (2 workers) + PostgreSQL, 50 simulated users for 60 s, twice:
# once undisturbed, once with PostgreSQL restarted in the middle. Not part of the test suite.
#
#   bash bench/run_load.sh            # needs a local PostgreSQL 15 cluster "main" (Debian)
#
# Uses a throwaway database (thidua_load, dropped and made again) and a temporary MEDIA_ROOT.
set -euo pipefail
cd "$(dirname "$0")/.."

USERS=${USERS:-50}
DURATION=${DURATION:-60s}
RESTART_AFTER=${RESTART_AFTER:-25}
PORT=${PORT:-8765}
PG=${PG:-postgres://postgres@127.0.0.1:5432}
BIN=.venv/bin

[ -x "$BIN/python" ] || python3 -m venv .venv
"$BIN/python" -m pip install --quiet ".[bench]"

export DATABASE_URL="$PG/thidua_load" DEBUG=false SECRET_KEY=bench-only-"$RANDOM$RANDOM$RANDOM"
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false
export CSRF_COOKIE_SECURE=false SECURE_HSTS_SECONDS=0 CONN_MAX_AGE=60 LOG_LEVEL=WARNING
MEDIA_ROOT=$(mktemp -d -t thidua-load-media-XXXX)
export MEDIA_ROOT

psql "$PG/postgres" -q -c "DROP DATABASE IF EXISTS thidua_load" -c "CREATE DATABASE thidua_load"
"$BIN/python" manage.py migrate --noinput -v0
DEBUG=true "$BIN/python" manage.py setup_demo >/dev/null
"$BIN/python" manage.py collectstatic --noinput -v0
LOAD_STATE=$("$BIN/python" bench/prepare_load.py)
export LOAD_STATE

"$BIN/gunicorn" config.wsgi --workers 2 --bind "127.0.0.1:$PORT" \
  --access-logfile /dev/null --error-logfile "$MEDIA_ROOT/gunicorn.log" &
GUNICORN=$!
trap 'kill $GUNICORN 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/accounts/login/" >/dev/null && break; sleep 0.2; done

run() {
  "$BIN/locust" -f bench/loadtest.py --headless --users "$USERS" --spawn-rate 10 \
    --run-time "$DURATION" --host "http://127.0.0.1:$PORT" --only-summary --loglevel WARNING \
    >"$MEDIA_ROOT/locust.log" 2>&1 || true
  grep -E "FIGURES|FAULTS" "$MEDIA_ROOT/locust.log"
  awk '/Error report/,/^ *$/' "$MEDIA_ROOT/locust.log" | grep -vE "^-+$" || true
}

if [ -z "${FAULT_ONLY:-}" ]; then
  echo "== $USERS users, $DURATION, $(nproc) cores: undisturbed"
  run
fi
echo "== $USERS users, $DURATION: PostgreSQL restarted after ${RESTART_AFTER}s"
(sleep "$RESTART_AFTER" && pg_ctlcluster --skip-systemctl-redirect 15 main restart \
  && echo "   (PostgreSQL restarted ${RESTART_AFTER}s into the run, back at $(date +%T))") &
RESTARTER=$!
run
wait "$RESTARTER"
echo "== after the run: are the rows whole?"
"$BIN/python" bench/check_consistency.py
