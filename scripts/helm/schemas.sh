#!/usr/bin/env bash
# Produces, offline after one download each, the kubeconform schemas for every kind the chart renders,
# under $THOTH_CACHE/kubeconform-schemas/<source>-<version>/ (scripts/helm/schemas.mjs converts them):
#   kubernetes   built-in kinds from the PyPI wheel kubernetes-validate (data only; `pip download`, not installed)
#   argo         WorkflowTemplate, CronWorkflow, … from the full CRDs of the argo-workflows Go module
#                (`go mod download`; if the module proxy refuses it, ARGO_SRC=<source tree of the tag>,
#                the same variable scripts/argo/install-cli.sh takes)
#   argo-events  EventSource, Sensor from the argo-events Go module's api/jsonschema/schema.json
#                (its CRDs carry no schema: x-kubernetes-preserve-unknown-fields)
#   prometheus   ServiceMonitor from the prometheus-operator Go module's example/prometheus-operator-crd-full
#   strimzi      KafkaTopic, generated from Strimzi's Maven Central jars by Strimzi's own CrdGenerator,
#                as Strimzi's build does (no registry ships the CRD YAML itself)
# Each directory gets a `.complete` stamp; a stamped directory is kept. Prints nothing on stdout.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=common.sh
source "$here/common.sh"

ARGO_EVENTS_VERSION="v1.9.6"       # the argo-events module argo-workflows v3.6.19 itself requires
PROMETHEUS_OPERATOR_VERSION="v0.85.0"
STRIMZI_VERSION="0.45.0"           # KafkaTopic v1beta2; the last release that still runs ZooKeeper-era clusters too
PROMETHEUS_SCHEMA_DIR="$SCHEMA_ROOT/prometheus-operator-$PROMETHEUS_OPERATOR_VERSION"
ARGO_EVENTS_SCHEMA_DIR="$SCHEMA_ROOT/argo-events-$ARGO_EVENTS_VERSION"
STRIMZI_SCHEMA_DIR="$SCHEMA_ROOT/strimzi-$STRIMZI_VERSION"
downloads="$THOTH_CACHE/downloads"
convert() { node "$here/schemas.mjs" "$@" >/dev/null; }
done_already() { [ -f "$1/.complete" ]; }
stamp() { touch "$1/.complete"; echo "schemas: $(find "$1" -name '*.json' | wc -l) schemas in $1" >&2; }

# go_module_dir <module@version>: the extracted module directory (downloads it through the proxy once).
go_module_dir() {
  local json
  json="$(go mod download -json "$1" 2>/dev/null || true)"
  node -e 'const m = JSON.parse(process.argv[1] || "{}"); if (m.Dir) console.log(m.Dir); else process.exit(1)' "$json"
}

kubernetes_schemas() {
  done_already "$K8S_SCHEMA_DIR" && return 0
  local wheel_dir="$downloads/kubernetes-validate-$KUBERNETES_VALIDATE_VERSION"
  if [ ! -d "$wheel_dir/kubernetes_validate" ]; then
    mkdir -p "$wheel_dir"
    python3 -m pip download --quiet --no-deps --dest "$wheel_dir" "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION"
    (cd "$wheel_dir" && python3 -m zipfile -e kubernetes_validate-*.whl .)
  fi
  rm -rf "$K8S_SCHEMA_DIR" && mkdir -p "$K8S_SCHEMA_DIR"
  convert kubernetes "$K8S_SCHEMA_DIR" "$wheel_dir/kubernetes_validate/kubernetes-json-schema/v$K8S_SCHEMA_MINOR.0-local-strict"
  stamp "$K8S_SCHEMA_DIR"
}

argo_schemas() {
  done_already "$ARGO_SCHEMA_DIR" && return 0
  local src
  if [ -n "${ARGO_SRC:-}" ]; then
    src="$ARGO_SRC"
  elif ! src="$(go_module_dir "github.com/argoproj/argo-workflows/v3@$ARGO_WORKFLOWS_VERSION")"; then
    echo "schemas: the Go module proxy refused github.com/argoproj/argo-workflows/v3@$ARGO_WORKFLOWS_VERSION;" >&2
    echo "schemas: give a source tree of that tag: ARGO_SRC=<dir> bash scripts/helm/install.sh schemas" >&2
    return 1
  fi
  local crds="$src/manifests/base/crds/full"
  [ -f "$crds/argoproj.io_workflowtemplates.yaml" ] || { echo "schemas: no full CRDs in $crds" >&2; return 1; }
  rm -rf "$ARGO_SCHEMA_DIR" && mkdir -p "$ARGO_SCHEMA_DIR"
  convert crd "$ARGO_SCHEMA_DIR" "$crds"/argoproj.io_*.yaml
  stamp "$ARGO_SCHEMA_DIR"
}

argo_events_schemas() {
  done_already "$ARGO_EVENTS_SCHEMA_DIR" && return 0
  local src
  src="$(go_module_dir "github.com/argoproj/argo-events@$ARGO_EVENTS_VERSION")" ||
    { echo "schemas: go mod download github.com/argoproj/argo-events@$ARGO_EVENTS_VERSION failed" >&2; return 1; }
  rm -rf "$ARGO_EVENTS_SCHEMA_DIR" && mkdir -p "$ARGO_EVENTS_SCHEMA_DIR"
  convert jsonschema "$ARGO_EVENTS_SCHEMA_DIR" "$src/api/jsonschema/schema.json"
  stamp "$ARGO_EVENTS_SCHEMA_DIR"
}

prometheus_schemas() {
  done_already "$PROMETHEUS_SCHEMA_DIR" && return 0
  local src
  src="$(go_module_dir "github.com/prometheus-operator/prometheus-operator@$PROMETHEUS_OPERATOR_VERSION")" ||
    { echo "schemas: go mod download of prometheus-operator $PROMETHEUS_OPERATOR_VERSION failed" >&2; return 1; }
  rm -rf "$PROMETHEUS_SCHEMA_DIR" && mkdir -p "$PROMETHEUS_SCHEMA_DIR"
  convert crd "$PROMETHEUS_SCHEMA_DIR" "$src/example/prometheus-operator-crd-full/monitoring.coreos.com_servicemonitors.yaml"
  stamp "$PROMETHEUS_SCHEMA_DIR"
}

strimzi_schemas() {
  done_already "$STRIMZI_SCHEMA_DIR" && return 0
  command -v mvn >/dev/null && command -v java >/dev/null ||
    { echo "schemas: Maven and Java 17 are needed to generate Strimzi's KafkaTopic CRD" >&2; return 1; }
  local work="$downloads/strimzi-crd-generator-$STRIMZI_VERSION"
  mkdir -p "$work"
  if [ ! -f "$work/lib/crd-generator-$STRIMZI_VERSION.jar" ]; then
    cat > "$work/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.thoth</groupId><artifactId>strimzi-crd</artifactId><version>0</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>io.strimzi</groupId><artifactId>api</artifactId><version>$STRIMZI_VERSION</version></dependency>
    <dependency><groupId>io.strimzi</groupId><artifactId>crd-generator</artifactId><version>$STRIMZI_VERSION</version></dependency>
  </dependencies>
</project>
EOF
    (cd "$work" && mvn -B -q -Dstyle.color=never -Dmaven.repo.local="$THOTH_CACHE/m2/repository" \
      org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory=lib)
  fi
  # The same arguments as Strimzi's api/pom.xml (generate-crd-co-install-v1-eo); the output path must be absolute.
  java -cp "$work/lib/*" io.strimzi.crdgenerator.CrdGenerator --target-kube 1.16+ --crd-api-version v1 \
    --api-versions v1alpha1,v1beta1,v1beta2 --storage-version v1beta2 \
    --yaml "io.strimzi.api.kafka.model.topic.KafkaTopic=$work/kafkatopic.yaml" 2> >(grep -v '^SLF4J' >&2)
  rm -rf "$STRIMZI_SCHEMA_DIR" && mkdir -p "$STRIMZI_SCHEMA_DIR"
  convert crd "$STRIMZI_SCHEMA_DIR" "$work/kafkatopic.yaml"
  stamp "$STRIMZI_SCHEMA_DIR"
}

command -v node >/dev/null || { echo "schemas: node is needed" >&2; exit 1; }
started=$(date +%s)
kubernetes_schemas
argo_schemas
argo_events_schemas
prometheus_schemas
strimzi_schemas
echo "schemas: ready in $(($(date +%s) - started)) s under $SCHEMA_ROOT" >&2
