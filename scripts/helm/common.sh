# Shared settings for scripts/helm/*: pinned versions of helm and kubeconform, the Go cache layout
# under $THOTH_CACHE (the same one scripts/argo uses, so the module cache is shared), the Kubernetes
# version the chart is checked against, and where the generated schemas live. Sourced, not run.
HELM_VERSION="v3.21.4"          # v3 built by `go install` lacks the ldflags that set the Kubernetes version: always pass --kube-version
KUBECONFORM_VERSION="v0.7.0"
KUBE_VERSION="1.33.0"           # the Kubernetes version manifests are rendered for and validated against
K8S_SCHEMA_MINOR="1.33"         # kubernetes-validate ships one schema set per minor version
KUBERNETES_VALIDATE_VERSION="1.37.0" # PyPI package whose bundled OpenAPI schemas give the built-in kinds
ARGO_WORKFLOWS_VERSION="v3.6.19" # the CRDs the Argo kinds are checked against; matches scripts/argo/common.sh
THOTH_CACHE="${THOTH_CACHE:-$HOME/.cache/thoth}"
GO_CACHE_ROOT="$THOTH_CACHE/go"
export GOPATH="$GO_CACHE_ROOT"
export GOMODCACHE="$GO_CACHE_ROOT/pkg/mod"
export GOCACHE="$GO_CACHE_ROOT/cache"
export GOTOOLCHAIN=local
# Each tool is installed per version, so a version bump never reuses an old binary.
HELM_BIN="${HELM_BIN:-$GO_CACHE_ROOT/helm-$HELM_VERSION/bin/helm}"
KUBECONFORM_BIN="${KUBECONFORM_BIN:-$GO_CACHE_ROOT/kubeconform-$KUBECONFORM_VERSION/bin/kubeconform}"
# Generated kubeconform schemas (one directory per source and version; never committed).
SCHEMA_ROOT="$THOTH_CACHE/kubeconform-schemas"
K8S_SCHEMA_DIR="$SCHEMA_ROOT/kubernetes-v$KUBE_VERSION"
ARGO_SCHEMA_DIR="$SCHEMA_ROOT/argo-workflows-$ARGO_WORKFLOWS_VERSION"
HELM_INSTALL_HINT="bash scripts/helm/install.sh   (go install helm.sh/helm/v3/cmd/helm@$HELM_VERSION and github.com/yannh/kubeconform/cmd/kubeconform@$KUBECONFORM_VERSION, then the offline schemas)"
