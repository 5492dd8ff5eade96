#!/usr/bin/env bash
# Regenerate lib/adviser/__fixtures__/packse/scenarios.json from packse's scenarios as published on PyPI:
# the packse sdist carries scenarios/**/*.toml (the wheel does not), so no repository clone is needed.
# The version is the one pinned in scripts/python-requirements.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^packse==\([^ ;]*\).*/\1/p' scripts/python-requirements.txt)
[ -n "$version" ] || { echo "packse is not pinned in scripts/python-requirements.txt" >&2; exit 2; }
cache="${THOTH_CACHE:-$HOME/.cache/thoth}/packse-$version"
if [ ! -d "$cache/packse-$version/scenarios" ]; then
  mkdir -p "$cache"
  python3 -m pip download --quiet --ignore-requires-python --no-binary :all: --no-deps --dest "$cache" "packse==$version"
  tar -xzf "$cache/packse-$version.tar.gz" -C "$cache"
fi
npx tsx lib/adviser/__fixtures__/packse/convert.ts "$cache/packse-$version/scenarios" \
  "packse $version sdist from PyPI, scenarios/"
