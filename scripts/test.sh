#!/usr/bin/env bash
# make test: system packages, services, lint, migration check, then pytest (unit, integration,
# browser) against the real PostgreSQL and Redis on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
. scripts/services.sh
VENV="${VENV:-.venv}"
PY="$VENV/bin/python"
export DJANGO_SETTINGS_MODULE=config.settings.test

missing=()
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
if [ "${1:-}" != "--lint-only" ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
  fc-list 2>/dev/null | grep -q "Liberation Serif" || missing+=(fonts-liberation2)
  command -v pg_isready >/dev/null 2>&1 || missing+=(postgresql-client)
  command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools)
fi
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"

say "ruff"
"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .
say "import contracts"
"$VENV/bin/lint-imports"
say "translations"
"$PY" manage.py compilemessages --ignore=.venv -v0

if [ "${1:-}" = "--lint-only" ]; then
  DJANGO_SETTINGS_MODULE=config.settings.local "$PY" manage.py makemigrations --check --dry-run
  exit 0
fi

ensure_postgres
ensure_redis
say "migrations are up to date"
"$PY" manage.py makemigrations --check --dry-run

say "pytest"
# shellcheck disable=SC2086 -- PYTEST_ARGS is a word list on purpose
"$PY" -m pytest ${PYTEST_ARGS:-}
