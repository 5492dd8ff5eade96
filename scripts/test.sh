#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs npm dependencies, the Python oracle environment
# (packaging, packse, pip) and the real services (PostgreSQL, Kafka, MinIO), starts them, then runs
# type checks, lint, unit tests and integration tests. Caches live under $THOTH_CACHE (default
# ~/.cache/thoth) so a warm run only starts things. In CI (CI=true) a service that cannot start fails
# the run; nothing is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
export THOTH_CACHE="${THOTH_CACHE:-$HOME/.cache/thoth}"
mkdir -p "$THOTH_CACHE"
started=$(date +%s)
stage() { printf '\n== %s (%ss)\n' "$1" "$(($(date +%s) - started))"; }

stage "npm dependencies"
export npm_config_cache="$THOTH_CACHE/npm"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --prefer-offline
fi

stage "generate, typecheck, lint"
npm run --silent typecheck
npm run --silent lint

stage "python oracle environment"
bash scripts/python-env.sh
export THOTH_PYTHON="$THOTH_CACHE/venv/bin/python"

stage "services"
# shellcheck source=/dev/null
source scripts/services/env.sh
bash scripts/services/up.sh

stage "unit tests"
npx vitest run --project unit
stage "integration tests"
npx vitest run --project integration --no-file-parallelism

stage "done"
