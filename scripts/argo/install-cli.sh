#!/usr/bin/env bash
# Installs the Argo CLI, pinned to $ARGO_VERSION (common.sh), into $THOTH_CACHE/go/argo-<version>/bin.
# Idempotent: a binary that already reports the pinned version is kept. Two ways to build it:
#   1. default: `go install <module>/cmd/argo@<version>` through the Go module proxy (6–10 min cold,
#      about 3 GB of RAM; 3.6.x has no `replace` directives and a committed UI stub, so this works);
#   2. ARGO_SRC=<dir>: `go build ./cmd/argo` inside an existing source tree of that tag, for a proxy
#      that refuses the module (seen here: it answers 403 for argo-workflows) or an offline mirror.
# Prints the binary's path on stdout.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=common.sh
source "$here/common.sh"

# The stamp records which version the binary was built from: `argo version` reports
# v0.0.0-unknown unless the build sets ldflags, so it cannot be trusted for this check.
stamp="$ARGO_BIN.version"
if [ -x "$ARGO_BIN" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$ARGO_VERSION" ]; then
  echo "$ARGO_BIN"
  exit 0
fi
command -v go >/dev/null || { echo "install-cli: go is not installed; it is needed to build argo $ARGO_VERSION" >&2; exit 1; }
mkdir -p "$ARGO_BIN_DIR"
started=$(date +%s)
if [ -n "${ARGO_SRC:-}" ]; then
  [ -f "$ARGO_SRC/cmd/argo/main.go" ] || { echo "install-cli: ARGO_SRC=$ARGO_SRC has no cmd/argo/main.go" >&2; exit 1; }
  echo "install-cli: building argo from $ARGO_SRC" >&2
  (cd "$ARGO_SRC" && go build -ldflags "-X $ARGO_MODULE.version=$ARGO_VERSION" -o "$ARGO_BIN.tmp" ./cmd/argo)
else
  echo "install-cli: go install $ARGO_MODULE/cmd/argo@$ARGO_VERSION (cold: about 10 minutes)" >&2
  if ! GOBIN="$ARGO_BIN_DIR" go install -ldflags "-X $ARGO_MODULE.version=$ARGO_VERSION" "$ARGO_MODULE/cmd/argo@$ARGO_VERSION"; then
    echo "install-cli: go install failed; if the module proxy refuses $ARGO_MODULE, build from a source" >&2
    echo "install-cli: tree of tag $ARGO_VERSION: ARGO_SRC=<dir> bash scripts/argo/install-cli.sh" >&2
    exit 1
  fi
  mv "$ARGO_BIN_DIR/argo" "$ARGO_BIN.tmp"
fi
mv "$ARGO_BIN.tmp" "$ARGO_BIN"
echo "$ARGO_VERSION" > "$stamp"
echo "install-cli: argo ready in $(($(date +%s) - started)) s" >&2
echo "$ARGO_BIN"
