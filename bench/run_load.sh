#!/usr/bin/env bash
# Load and fault test: gunicorn + PostgreSQL, 200 simulated users for 4 minutes (all signed in
# within the first minute), twice: once undisturbed, once with PostgreSQL restarted in the
# middle. Not part of the test suite. Each run also prints the server's CPU per request for the
# most requested pages (bench/gunicorn_load.py, bench/cpu_report.py) and the machine's load.
#
#   bash bench/run_load.sh                      # one gunicorn, 2 workers
#   USERS=50 DURATION=60s bash bench/run_load.sh
#   SERVERS=2 WORKERS=1 FAULT=0 bash bench/run_load.sh
#       # two gunicorn instances (1 worker each) on one database and one shared MEDIA_ROOT,
#       # behind bench/proxy.py on one address; each user's requests alternate servers;
#       # FAULT=0 skips the PostgreSQL restart (a cluster other people use stays up)
#
# Needs a local PostgreSQL 15 cluster "main" (Debian). Uses a throwaway database ($LOAD_DB,
# default thidua_load,
# dropped and made again) and a temporary folder for MEDIA_ROOT and the logs.
set -euo pipefail
cd "$(dirname "$0")/.."

USERS=${USERS:-200}
DURATION=${DURATION:-4m}
# Every user signed in within the first minute (LOAD_WARMUP), after which p95 is read.
SPAWN_RATE=${SPAWN_RATE:-$(( (USERS + 49) / 50 ))}
export LOAD_WARMUP=${LOAD_WARMUP:-60}
RESTART_AFTER=${RESTART_AFTER:-90}
PORT=${PORT:-8765}
SERVERS=${SERVERS:-1}
WORKERS=${WORKERS:-2}
FAULT=${FAULT:-1}
PG=${PG:-postgres://postgres@127.0.0.1:5432}
BIN=.venv/bin

[ -x "$BIN/python" ] || python3 -m venv .venv
"$BIN/python" -c "import locust, gunicorn" 2>/dev/null || "$BIN/python" -m pip install --quiet ".[bench]"

# One key and one set of settings for every server, as in production.
LOAD_DB=${LOAD_DB:-thidua_load}
export DATABASE_URL="$PG/$LOAD_DB" DEBUG=false SECRET_KEY=bench-only-"$RANDOM$RANDOM$RANDOM"
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false
export CSRF_COOKIE_SECURE=false SECURE_HSTS_SECONDS=0 CONN_MAX_AGE=60 LOG_LEVEL=WARNING
export EMAIL_URL=dummymail://  # the dossiers' mails are built, not printed into the output
WORK=$(mktemp -d -t thidua-load-XXXX)
export MEDIA_ROOT="$WORK/media"  # the store every server shares
export LOAD_CPU_LOG="$WORK/cpu.log"  # each request's CPU (bench/gunicorn_load.py)

psql "$PG/postgres" -q -c "DROP DATABASE IF EXISTS $LOAD_DB" -c "CREATE DATABASE $LOAD_DB"
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
  "$BIN/gunicorn" config.wsgi -c bench/gunicorn_load.py --workers "$WORKERS" \
    --bind "127.0.0.1:$server_port" \
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
  for log in "$WORK"/access-*.log "$LOAD_CPU_LOG"; do : >"$log"; done
  "$BIN/python" bench/cpu_report.py --snapshot >"$WORK/machine-before.json"
  "$BIN/locust" -f bench/loadtest.py --headless --users "$USERS" --spawn-rate "$SPAWN_RATE" \
    --run-time "$DURATION" --host "http://127.0.0.1:$PORT" --only-summary --loglevel WARNING \
    >"$WORK/locust.log" 2>&1 || true
  "$BIN/python" bench/cpu_report.py --snapshot >"$WORK/machine-after.json"
  awk '/^(FIGURES|FILES|FAILURES|FAULTS|AFTER|LOCUST)/ {shown = 1; print; next}
       shown && /^  / {print; next} {shown = 0}' "$WORK/locust.log"
  awk '/Error report/,/^ *$/' "$WORK/locust.log" | grep -vE "^-+$" || true
  # Requests locust sent before it stopped are still queued at the server: let them finish
  # before counting, and before the rows are checked (a half-done upload is not a lost one).
  size=-1
  while [ "$size" != "$(stat -c %s "$LOAD_CPU_LOG")" ]; do size=$(stat -c %s "$LOAD_CPU_LOG"); sleep 3; done
  if [ "$SERVERS" != 1 ]; then "$BIN/python" bench/per_server.py "${NAMES[@]}"; fi
  "$BIN/python" bench/cpu_report.py "$LOAD_CPU_LOG"
  "$BIN/python" bench/cpu_report.py --machine "$WORK/machine-before.json" "$WORK/machine-after.json"
  cp "$LOAD_CPU_LOG" "$WORK/cpu-$(date +%H%M%S).log"
}

if [ -z "${FAULT_ONLY:-}" ]; then
  echo "== $USERS users (spawn $SPAWN_RATE/s), $DURATION, $(nproc) cores, $SERVERS server(s) x $WORKERS worker(s): undisturbed"
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
