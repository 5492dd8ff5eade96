# Shared settings for scripts/argo/*: the pinned Argo version and the Go cache layout under
# $THOTH_CACHE, so every script agrees on where the module and the CLI live. Sourced, not run.
ARGO_VERSION="v3.6.19" # must match the Argo server the chart targets; a v3.6 lint rejects v4-only fields
ARGO_MODULE="github.com/argoproj/argo-workflows/v3"
THOTH_CACHE="${THOTH_CACHE:-$HOME/.cache/thoth}"
GO_CACHE_ROOT="$THOTH_CACHE/go"
export GOPATH="$GO_CACHE_ROOT"
export GOMODCACHE="$GO_CACHE_ROOT/pkg/mod"
export GOCACHE="$GO_CACHE_ROOT/cache"
export GOTOOLCHAIN=local
export GOFLAGS=-mod=mod
# The CLI is installed per version so a version bump never reuses an old binary.
ARGO_BIN_DIR="$GO_CACHE_ROOT/argo-$ARGO_VERSION/bin"
ARGO_BIN="${ARGO_BIN:-$ARGO_BIN_DIR/argo}"
ARGO_INSTALL_HINT="bash scripts/argo/install-cli.sh   (go install $ARGO_MODULE/cmd/argo@$ARGO_VERSION; or ARGO_SRC=<checkout of tag $ARGO_VERSION> bash scripts/argo/install-cli.sh)"
