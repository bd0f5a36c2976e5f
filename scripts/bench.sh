#!/usr/bin/env bash
# make bench: run the benchmarks under bench/ and append the results to bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
. scripts/services.sh
ensure_postgres
{
  echo
  echo "## $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(uname -m)"
  echo
  .venv/bin/python bench/pages.py
} | tee -a bench/RESULTS.md
# Appends its own section to bench/RESULTS.md.
.venv/bin/python bench/province_report.py
