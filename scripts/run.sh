#!/usr/bin/env bash
# make run: the portal with demo data on http://127.0.0.1:8000.
# Without DATABASE_URL it uses an embedded SQLite file under var/; with REDIS_URL set and
# reachable it also starts a Celery worker and beat, otherwise tasks run in-process.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
VENV="${VENV:-.venv}"
PY="$VENV/bin/python"
export DJANGO_SETTINGS_MODULE=config.settings.local
export DEMO_MODE=true
export DJANGO_DEBUG="${DJANGO_DEBUG:-false}"
export DEMO_PASSWORD="${DEMO_PASSWORD:-ThiDua@2024}"
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
mkdir -p var

missing=()
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
# PDF reports embed Liberation Serif (Times-metric, every Vietnamese mark).
fc-list 2>/dev/null | grep -q "Liberation Serif" || missing+=(fonts-liberation2)
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"

if [ -n "${REDIS_URL:-}" ]; then
  if ! "$PY" -c "import os, redis; redis.Redis.from_url(os.environ['REDIS_URL'], socket_connect_timeout=2).ping()" 2>/dev/null; then
    say "REDIS_URL is set but Redis does not answer: tasks will run in-process"
    unset REDIS_URL
  fi
fi

say "database: ${DATABASE_URL:-embedded SQLite file var/thidua.sqlite3}"
"$PY" manage.py compilemessages --ignore=.venv -v0
"$PY" manage.py migrate --no-input -v0
"$PY" manage.py collectstatic --no-input -v0
"$PY" manage.py load_demo

pids=()
cleanup() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

if [ -n "${REDIS_URL:-}" ]; then
  say "starting a Celery worker and beat (Redis: $REDIS_URL)"
  "$VENV/bin/celery" -A config worker -l info -Q celery,reports --concurrency 2 & pids+=($!)
  "$VENV/bin/celery" -A config beat -l info & pids+=($!)
else
  say "no Redis: background tasks run in-process"
fi

cat <<MSG

  Thi Đua is running on http://$HOST:$PORT  (Ctrl-C stops everything)
  Demo password for every account listed above: $DEMO_PASSWORD

MSG
# In the foreground: Ctrl-C reaches gunicorn and this script together; the trap then stops
# the Celery processes started above.
"$VENV/bin/gunicorn" config.wsgi:application --bind "$HOST:$PORT" --workers 2 \
  --access-logfile - --graceful-timeout 5
