#!/usr/bin/env bash
# Installs what the chart checks need, into $THOTH_CACHE (default ~/.cache/thoth), idempotently:
#   helm (go install, pinned), kubeconform (go install, pinned), the argo CLI (scripts/argo/install-cli.sh),
#   and the offline kubeconform schemas (scripts/helm/schemas.sh).
# A binary is kept when its stamp file names the pinned version (a `go install` build reports no
# reliable version of its own). Cold cost on 2 cores: helm about 3-6 min, kubeconform under 1 min.
# Usage: bash scripts/helm/install.sh [helm|kubeconform|argo|schemas]...   (no argument: all of them)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=common.sh
source "$here/common.sh"

# go_install <binary path> <version> <package@version>: builds into the binary's directory.
go_install() {
  local bin="$1" version="$2" pkg="$3"
  local stamp="$bin.version"
  if [ -x "$bin" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$version" ]; then
    echo "install: $(basename "$bin") $version already at $bin" >&2
    return 0
  fi
  command -v go >/dev/null || { echo "install: go is not installed; it is needed to build $pkg" >&2; return 1; }
  local dir started
  dir="$(dirname "$bin")"
  mkdir -p "$dir"
  started=$(date +%s)
  echo "install: go install $pkg" >&2
  GOBIN="$dir" go install "$pkg"
  echo "$version" > "$stamp"
  echo "install: $(basename "$bin") $version ready in $(($(date +%s) - started)) s at $bin" >&2
}

install_helm() {
  # The v3 Makefile sets the Kubernetes version through ldflags; `go install` cannot, so .Capabilities
  # falls back to v1.20 and every helm call in scripts/helm passes --kube-version $KUBE_VERSION.
  go_install "$HELM_BIN" "$HELM_VERSION" "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
}
install_kubeconform() {
  go_install "$KUBECONFORM_BIN" "$KUBECONFORM_VERSION" "github.com/yannh/kubeconform/cmd/kubeconform@$KUBECONFORM_VERSION"
}
install_argo() { bash "$root/scripts/argo/install-cli.sh" >/dev/null; }
install_schemas() { bash "$here/schemas.sh"; }

targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(helm kubeconform argo schemas)
for t in "${targets[@]}"; do
  case "$t" in
    helm) install_helm ;;
    kubeconform) install_kubeconform ;;
    argo) install_argo ;;
    schemas) install_schemas ;;
    *) echo "install: unknown target '$t' (helm|kubeconform|argo|schemas)" >&2; exit 2 ;;
  esac
done
