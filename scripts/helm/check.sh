#!/usr/bin/env bash
# Checks the chart with every scenario in charts/thoth/ci/*-values.yaml:
#   1. helm lint --strict;
#   2. helm template (--kube-version always: a `go install`ed helm v3 would otherwise assume v1.20);
#   3. kubeconform -strict against the offline schemas of scripts/helm/schemas.sh (no kind skipped);
#   4. argo lint --offline --strict on the rendered WorkflowTemplates and CronWorkflows, one file per
#      document so an error names the document (with one multi-document file, a document that fails to
#      decode is dropped and argo only says "found nothing to lint");
# the values documentation (scripts/helm/values-table.mjs --check),
# and then the negative scenarios in test/chart/__fixtures__/invalid-*.yaml: each must fail at
# template time with every message its `# expect: <text>` lines give.
# Rendered manifests go to $THOTH_CHART_OUT (default: a temporary directory, removed on success).
# Exit codes: 0 all passed, 1 a check failed, 2 a tool or schema set is missing (with the install command).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=common.sh
source "$here/common.sh"
# shellcheck source=../argo/common.sh
source "$root/scripts/argo/common.sh"
chart="$root/charts/thoth"
invalid_dir="$root/test/chart/__fixtures__"

missing=()
[ -x "$HELM_BIN" ] || missing+=("helm $HELM_VERSION ($HELM_BIN)")
[ -x "$KUBECONFORM_BIN" ] || missing+=("kubeconform $KUBECONFORM_VERSION ($KUBECONFORM_BIN)")
[ -x "$ARGO_BIN" ] || missing+=("argo $ARGO_VERSION ($ARGO_BIN)")
schema_dirs=()
for dir in "$SCHEMA_ROOT"/*/; do [ -f "$dir/.complete" ] && schema_dirs+=("${dir%/}"); done
[ "${#schema_dirs[@]}" -ge 5 ] || missing+=("kubeconform schemas under $SCHEMA_ROOT")
if [ "${#missing[@]}" -gt 0 ]; then
  printf 'check: missing: %s\n' "${missing[@]}" >&2
  echo "check: install them with: $HELM_INSTALL_HINT" >&2
  exit 2
fi
schema_args=()
for dir in "${schema_dirs[@]}"; do schema_args+=(-schema-location "$dir/{{ .ResourceKind }}{{ .KindSuffix }}.json"); done

out="${THOTH_CHART_OUT:-$(mktemp -d)}"
mkdir -p "$out"
failed=0
fail() { echo "FAIL $*" >&2; failed=1; }

# helm prints a notice for the workflows symlink on every call ("found symbolic link in path"): expected.
helm_quiet() { "$HELM_BIN" "$@" 2> >(grep -v 'found symbolic link in path' >&2); }

# Every value has a @param line and a schema property, and the README's table is current.
if node "$here/values-table.mjs" --check; then
  echo "ok   values.yaml: every value documented (@param) and in values.schema.json; README table current"
else
  fail "values.yaml / README.md values table"
fi

for values in "$chart"/ci/*-values.yaml; do
  scenario="$(basename "$values" -values.yaml)"
  rendered="$out/$scenario.yaml"
  if ! helm_quiet lint "$chart" --strict --kube-version "$KUBE_VERSION" -f "$values" >"$out/$scenario.lint.txt"; then
    cat "$out/$scenario.lint.txt" >&2
    fail "$scenario: helm lint --strict"
    continue
  fi
  if ! helm_quiet template thoth "$chart" --namespace thoth --kube-version "$KUBE_VERSION" -f "$values" >"$rendered"; then
    fail "$scenario: helm template"
    continue
  fi
  echo "ok   $scenario: helm lint --strict, helm template ($(grep -c '^kind: ' "$rendered") resources)"
  if summary="$("$KUBECONFORM_BIN" -strict -summary -kubernetes-version "$KUBE_VERSION" "${schema_args[@]}" "$rendered")"; then
    echo "ok   $scenario: kubeconform -strict: ${summary#Summary: }"
    case "$summary" in *"Skipped: 0"*) ;; *) fail "$scenario: kubeconform skipped resources" ;; esac
  else
    echo "$summary" >&2
    fail "$scenario: kubeconform -strict"
  fi
  split="$out/$scenario.argo"
  rm -rf "$split" && mkdir -p "$split"
  # One file per document; only Argo kinds are kept (argo lint ignores the others anyway).
  awk -v dir="$split" 'BEGIN { n = 0 } /^---$/ { n++; next } { print > sprintf("%s/%03d.yaml", dir, n) }' "$rendered"
  grep -L -E '^kind: (WorkflowTemplate|CronWorkflow)$' "$split"/*.yaml | xargs -r rm -f
  count="$(find "$split" -name '*.yaml' | wc -l)"
  if lint="$("$ARGO_BIN" lint --offline --strict=true -o simple \
    --kinds=workflows,workflowtemplates,cronworkflows,clusterworkflowtemplates "$split"/*.yaml 2>&1)"; then
    echo "ok   $scenario: argo lint --offline --strict ($count WorkflowTemplates and CronWorkflows)"
  else
    echo "$lint" >&2
    fail "$scenario: argo lint --offline"
  fi
done

for values in "$invalid_dir"/invalid-*.yaml; do
  [ -f "$values" ] || continue
  name="$(basename "$values" .yaml)"
  if helm_quiet template thoth "$chart" --kube-version "$KUBE_VERSION" -f "$values" >/dev/null 2>"$out/$name.err"; then
    fail "$name: rendered, but these values are invalid"
    continue
  fi
  ok=1
  while IFS= read -r expected; do
    grep -qF -- "$expected" "$out/$name.err" || { fail "$name: the error does not say: $expected"; ok=0; }
  done < <(sed -n 's/^# expect: //p' "$values")
  [ "$ok" = 1 ] && echo "ok   $name: refused at template time, naming the values"
  [ "$ok" = 1 ] || cat "$out/$name.err" >&2
done

if [ "$failed" != 0 ]; then
  echo "check: FAILED; rendered manifests kept in $out" >&2
  exit 1
fi
[ -n "${THOTH_CHART_OUT:-}" ] || rm -rf "$out"
echo "check: all passed"
