#!/usr/bin/env bash
# Load and fault test: gunicorn + PostgreSQL, 50 simulated users for 60 s, twice: once
# undisturbed, once with PostgreSQL restarted in the middle. Not part of the test suite.
#
#   bash bench/run_load.sh                      # one gunicorn, 2 workers
#   SERVERS=2 WORKERS=1 FAULT=0 bash bench/run_load.sh
#       # two gunicorn instances (1 worker each) on one database and one shared MEDIA_ROOT,
#       # behind bench/proxy.py on one address; each user's requests alternate servers;
#       # FAULT=0 skips the PostgreSQL restart (a cluster other people use stays up)
#
# Needs a local PostgreSQL 15 cluster "main" (Debian). Uses a throwaway database (thidua_load,
# dropped and made again) and a temporary folder for MEDIA_ROOT and the logs.
set -euo pipefail
cd "$(dirname "$0")/.."

USERS=${USERS:-50}
DURATION=${DURATION:-60s}
RESTART_AFTER=${RESTART_AFTER:-25}
PORT=${PORT:-8765}
SERVERS=${SERVERS:-1}
WORKERS=${WORKERS:-2}
FAULT=${FAULT:-1}
PG=${PG:-postgres://postgres@127.0.0.1:5432}
BIN=.venv/bin

[ -x "$BIN/python" ] || python3 -m venv .venv
"$BIN/python" -m pip install --quiet ".[bench]"

# One key and one set of settings for every server, as in production.
export DATABASE_URL="$PG/thidua_load" DEBUG=false SECRET_KEY=bench-only-"$RANDOM$RANDOM$RANDOM"
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false
export CSRF_COOKIE_SECURE=false SECURE_HSTS_SECONDS=0 CONN_MAX_AGE=60 LOG_LEVEL=WARNING
WORK=$(mktemp -d -t thidua-load-XXXX)
export MEDIA_ROOT="$WORK/media"  # the store every server shares

psql "$PG/postgres" -q -c "DROP DATABASE IF EXISTS thidua_load" -c "CREATE DATABASE thidua_load"
"$BIN/python" manage.py migrate --noinput -v0
DEBUG=true "$BIN/python" manage.py setup_demo >/dev/null
"$BIN/python" manage.py collectstatic --noinput -v0
LOAD_STATE=$("$BIN/python" bench/prepare_load.py)
export LOAD_STATE

PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null || true' EXIT
# Each server writes its own access log: user, the user's request number, method, path, status.
LOG_FORMAT='%({x-load-client}i)s %({x-load-seq}i)s %(m)s %(U)s %(s)s'
LETTERS=(a b c d e f g h)
NAMES=()
BACKENDS=()
for i in $(seq "$SERVERS"); do
  if [ "$SERVERS" = 1 ]; then server_port=$PORT; else server_port=$((PORT + i)); fi
  name=${LETTERS[$((i - 1))]}
  NAMES+=("$name=$WORK/access-$name.log")
  "$BIN/gunicorn" config.wsgi --workers "$WORKERS" --bind "127.0.0.1:$server_port" \
    --access-logfile "$WORK/access-$name.log" --access-logformat "$LOG_FORMAT" \
    --error-logfile "$WORK/gunicorn-$name.log" &
  PIDS+=($!)
  BACKENDS+=("127.0.0.1:$server_port")
done
if [ "$SERVERS" != 1 ]; then
  "$BIN/python" bench/proxy.py "$PORT" "${BACKENDS[@]}" &
  PIDS+=($!)
fi
for backend in "${BACKENDS[@]}" "127.0.0.1:$PORT"; do
  for _ in $(seq 50); do curl -fs "http://$backend/accounts/login/" >/dev/null && break; sleep 0.2; done
done

run() {
  for log in "$WORK"/access-*.log; do : >"$log"; done
  "$BIN/locust" -f bench/loadtest.py --headless --users "$USERS" --spawn-rate 10 \
    --run-time "$DURATION" --host "http://127.0.0.1:$PORT" --only-summary --loglevel WARNING \
    >"$WORK/locust.log" 2>&1 || true
  grep -E "FIGURES|FILES|FAULTS" "$WORK/locust.log"
  awk '/Error report/,/^ *$/' "$WORK/locust.log" | grep -vE "^-+$" || true
  sleep 2  # requests still under way when locust stopped reach the logs
  if [ "$SERVERS" != 1 ]; then "$BIN/python" bench/per_server.py "${NAMES[@]}"; fi
}

if [ -z "${FAULT_ONLY:-}" ]; then
  echo "== $USERS users, $DURATION, $(nproc) cores, $SERVERS server(s) x $WORKERS worker(s): undisturbed"
  run
fi
if [ "$FAULT" != 0 ]; then
  echo "== $USERS users, $DURATION: PostgreSQL restarted after ${RESTART_AFTER}s"
  (sleep "$RESTART_AFTER" && pg_ctlcluster --skip-systemctl-redirect 15 main restart \
    && echo "   (PostgreSQL restarted ${RESTART_AFTER}s into the run, back at $(date +%T))") &
  RESTARTER=$!
  run
  wait "$RESTARTER"
fi
echo "== after the run: are the rows whole?"
"$BIN/python" bench/check_consistency.py
echo "(logs in $WORK)"
