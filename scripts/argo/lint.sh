#!/usr/bin/env bash
# Strict offline lint of every file in workflows/ with the pinned Argo CLI: `argo lint --offline`
# resolves templateRef only against the files given, so all of them are passed in one call.
# --strict (unknown fields are errors) is Argo's default and is spelled out so nobody turns it off.
# Exits non-zero with the install command when the CLI is missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=common.sh
source "$here/common.sh"
root="$(cd "$here/../.." && pwd)"
dir="${1:-$root/workflows}"

if [ ! -x "$ARGO_BIN" ]; then
  echo "lint: the Argo CLI $ARGO_VERSION is not installed at $ARGO_BIN; install it with: $ARGO_INSTALL_HINT" >&2
  exit 2
fi
mapfile -t files < <(find "$dir" -maxdepth 1 -type f \( -name '*.yaml' -o -name '*.yml' \) | sort)
if [ "${#files[@]}" -eq 0 ]; then
  echo "lint: no workflow files in $dir" >&2
  exit 1
fi
"$ARGO_BIN" lint --offline --strict=true -o simple \
  --kinds=workflows,workflowtemplates,cronworkflows,clusterworkflowtemplates "${files[@]}"
