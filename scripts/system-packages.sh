#!/usr/bin/env bash
# Debian packages the tests need besides the services' own (scripts/services/ installs PostgreSQL):
# cloc, which the si-cloc step runs. Idempotent: installs only what is missing.
set -euo pipefail
missing=()
command -v cloc >/dev/null || missing+=(cloc)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "system-packages: need root to install ${missing[*]} (apt-get install -y ${missing[*]})" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
echo "system-packages: cloc $(cloc --version)"
