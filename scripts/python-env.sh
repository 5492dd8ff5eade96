#!/usr/bin/env bash
# Creates or updates the Python oracle environment used by the differential tests and benches:
# a venv at $THOTH_CACHE/venv (default ~/.cache/thoth/venv) with the exact pins of
# scripts/python-requirements.txt (packaging, packse, pipenv, pip). Idempotent; a warm run only
# compares a stamp (hash of the requirement list) and exits. pip's cache lives at $THOTH_CACHE/pip.
# Tests find the interpreter through THOTH_PYTHON=$THOTH_CACHE/venv/bin/python (scripts/test.sh).
#
# The base interpreter must be Python >= 3.12 because packse requires it. Set THOTH_BASE_PYTHON to
# choose one; otherwise python3.13, python3.12, pyenv's 3.13/3.12 and python3 are tried in that order.
set -euo pipefail
cd "$(dirname "$0")/.."

cache="${THOTH_CACHE:-$HOME/.cache/thoth}"
venv="$cache/venv"
requirements="scripts/python-requirements.txt"
stamp="$venv/.thoth-requirements.sha256"
mkdir -p "$cache"

want=$(sha256sum "$requirements" | cut -d' ' -f1)
is_warm() { [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; }
if is_warm; then exit 0; fi

# Serialize concurrent runs (two test processes on one machine) on a lock beside the venv.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$cache/venv.lock"
  flock 9
  if is_warm; then exit 0; fi
fi

is_recent() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }
find_base_python() {
  local candidates=()
  [ -n "${THOTH_BASE_PYTHON:-}" ] && candidates+=("$THOTH_BASE_PYTHON")
  candidates+=(python3.13 python3.12)
  local pyenv_root="${PYENV_ROOT:-$HOME/.pyenv}"
  for v in 3.13 3.12; do
    for dir in "$pyenv_root"/versions/"$v".*; do
      [ -x "$dir/bin/python3" ] && candidates+=("$dir/bin/python3")
    done
  done
  candidates+=(python3)
  for c in "${candidates[@]}"; do
    if is_recent "$c"; then
      command -v "$c" 2>/dev/null || echo "$c"
      return 0
    fi
  done
  return 1
}

if ! base=$(find_base_python); then
  echo "python-env: no Python >= 3.12 found (packse needs it); install one or set THOTH_BASE_PYTHON" >&2
  exit 1
fi

# A venv from an older interpreter (or a half-built one) is rebuilt rather than patched.
if [ -x "$venv/bin/python" ] && ! is_recent "$venv/bin/python"; then rm -rf "$venv"; fi
if [ ! -x "$venv/bin/python" ]; then
  echo "python-env: creating $venv with $base ($("$base" --version 2>&1))" >&2
  rm -rf "$venv"
  "$base" -m venv "$venv"
fi

pip=("$venv/bin/python" -m pip --disable-pip-version-check --no-input --cache-dir "$cache/pip")
pip_pin=$(grep -E '^pip==' "$requirements")
"${pip[@]}" install -q "$pip_pin"
"${pip[@]}" install -q -r "$requirements"
"$venv/bin/python" -c 'import packaging, sys; print("python-env: packaging", packaging.__version__, "on Python", sys.version.split()[0], file=sys.stderr)'
echo "$want" >"$stamp"
