#!/usr/bin/env bash
# Create the virtualenv (Python 3.11) and install the locked dependencies into it.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
VENV="${1:-.venv}"

find_python() {
  for candidate in "${PYTHON:-}" python3.11 python3 /usr/bin/python3.11; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 \
      && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}

if [ ! -x "$VENV/bin/python" ]; then
  PY=$(find_python) || { apt_install python3.11 python3.11-venv; PY=$(find_python) || die "Python 3.11 not found"; }
  say "creating $VENV with $PY"
  if ! "$PY" -m venv "$VENV" 2>/dev/null; then
    rm -rf "$VENV"
    apt_install python3.11-venv
    "$PY" -m venv "$VENV"
  fi
fi
say "installing Python packages (requirements.lock)"
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q -c requirements.lock -r <("$VENV/bin/python" - <<'PY'
import tomllib
data = tomllib.load(open("pyproject.toml", "rb"))
print("\n".join(data["project"]["dependencies"] + data["project"]["optional-dependencies"]["test"]))
PY
)
