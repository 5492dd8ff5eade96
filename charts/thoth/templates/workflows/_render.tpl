{{/*
Rendering of workflows/*.yaml. The chart reads those files as data (.Files through the
charts/thoth/workflows symlink), parses them with fromYaml, sets what depends on values, and prints
them with toYaml. Because the files are data, never templates, Argo's own `{{inputs.parameters.x}}`
and `{{workflow.name}}` pass through untouched and need no escaping. What the chart changes:
  - metadata: namespace, the chart's labels (the files' own labels are kept);
  - arguments: defaults of artifact_prefix, python_version (and its enum), index_url, recommendation_type;
  - serviceAccountName and imagePullSecrets of every workflow;
  - every step container: the image (the solver image for `solve`), pull policy, and the credentials
    (the files' envFrom of Secret thoth-step-credentials becomes secretKeyRefs to the existing Secrets);
  - step templates that reach package indexes get the egress label of the NetworkPolicy;
  - CronWorkflows: schedule overrides and suspend.
Nothing else changes: DAGs, retries, deadlines, semaphores and metrics are the files' own.
*/}}

{{/* thoth.workflows.files: the workflow files, sorted, as a JSON list of paths. */}}
{{- define "thoth.workflows.files" -}}
{{- $paths := list -}}
{{- range $path, $_ := .Files.Glob "workflows/*.yaml" }}{{ $paths = append $paths $path }}{{ end -}}
{{- toJson (sortAlpha $paths) -}}
{{- end -}}

{{/* thoth.workflows.load: one workflow file parsed; fails naming the file if it is not YAML.
Call with (dict "root" $ "path" "workflows/thoth-solve.yaml"); returns JSON. */}}
{{- define "thoth.workflows.load" -}}
{{- $doc := .root.Files.Get .path | fromYaml -}}
{{- if hasKey $doc "Error" -}}
{{- fail (printf "%s is not valid YAML: %s" .path $doc.Error) -}}
{{- end -}}
{{- toJson $doc -}}
{{- end -}}

{{/* thoth.workflows.egressTemplates: the step templates whose pods reach package indexes (the solver
and the security-indicator steps); they get the NetworkPolicy's egress label. */}}
{{- define "thoth.workflows.egressTemplates" -}}solve si-download si-bandit si-cloc si-aggregate{{- end -}}

{{/* thoth.workflows.patchParameters: set the defaults that come from values.
Call with (dict "root" $ "spec" <workflow spec>). */}}
{{- define "thoth.workflows.patchParameters" -}}
{{- $v := .root.Values -}}
{{- $args := .spec.arguments | default dict -}}
{{- range $p := $args.parameters | default list -}}
{{- if eq $p.name "artifact_prefix" -}}
{{- $_ := set $p "value" (include "thoth.workflows.artifactPrefix" $.root) -}}
{{- else if eq $p.name "python_version" -}}
{{- $_ := set $p "value" $v.solver.defaultPythonVersion -}}
{{- $_ := set $p "enum" $v.solver.pythonVersions -}}
{{- else if eq $p.name "index_url" -}}
{{- $_ := set $p "value" $v.indexes.default -}}
{{- else if eq $p.name "recommendation_type" -}}
{{- $_ := set $p "value" $v.adviser.recommendationType -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* thoth.workflows.patchContainers: images, pull policy, credentials and egress labels of every
step template. Call with (dict "root" $ "spec" <workflow spec>). */}}
{{- define "thoth.workflows.patchContainers" -}}
{{- $root := .root -}}
{{- $credentials := include "thoth.credentials.envList" $root | fromJsonArray -}}
{{- $egress := splitList " " (include "thoth.workflows.egressTemplates" $root) -}}
{{- range $t := .spec.templates | default list -}}
{{- with $t.container -}}
{{- $c := . -}}
{{- $image := ternary (include "thoth.solver.image" $root) (include "thoth.image" $root) (eq $t.name "solve") -}}
{{- $_ := set $c "image" $image -}}
{{- $_ := set $c "imagePullPolicy" $root.Values.image.pullPolicy -}}
{{- $envFrom := list -}}
{{- $usesCredentials := false -}}
{{- range $e := $c.envFrom | default list -}}
{{- if and $e.secretRef (eq $e.secretRef.name (include "thoth.workflows.credentialsSecretName" $root)) -}}
{{- $usesCredentials = true -}}
{{- else -}}
{{- $envFrom = append $envFrom $e -}}
{{- end -}}
{{- end -}}
{{- $_ := set $c "envFrom" $envFrom -}}
{{- if $usesCredentials -}}
{{- $_ := set $c "env" (concat ($c.env | default list) $credentials) -}}
{{- end -}}
{{- if has $t.name $egress -}}
{{- $meta := $t.metadata | default dict -}}
{{- $labels := $meta.labels | default dict -}}
{{- $_ := set $labels (include "thoth.network.egressLabel" $root) "package-indexes" -}}
{{- $_ := set $meta "labels" $labels -}}
{{- $_ := set $t "metadata" $meta -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* thoth.workflows.render: one workflow document with every value-dependent field set, as YAML.
Call with (dict "root" $ "path" <file>). */}}
{{- define "thoth.workflows.render" -}}
{{- $root := .root -}}
{{- $doc := include "thoth.workflows.load" . | fromJson -}}
{{- $isCron := eq $doc.kind "CronWorkflow" -}}
{{- $spec := $doc.spec -}}
{{- if $isCron }}{{ $spec = $doc.spec.workflowSpec }}{{ end -}}
{{- $meta := $doc.metadata -}}
{{- $_ := set $meta "namespace" (include "thoth.namespace" $root) -}}
{{- $labels := merge (include "thoth.labels" (dict "root" $root "component" "workflows") | fromYaml) ($meta.labels | default dict) -}}
{{- $_ := set $meta "labels" $labels -}}
{{- if hasKey $spec "serviceAccountName" -}}
{{- $_ := set $spec "serviceAccountName" (include "thoth.workflows.serviceAccountName" $root) -}}
{{- end -}}
{{- with $root.Values.image.pullSecrets -}}
{{- $secrets := list -}}
{{- range . }}{{ $secrets = append $secrets (dict "name" .) }}{{ end -}}
{{- $_ := set $spec "imagePullSecrets" $secrets -}}
{{- end -}}
{{- include "thoth.workflows.patchParameters" (dict "root" $root "spec" $spec) -}}
{{- include "thoth.workflows.patchContainers" (dict "root" $root "spec" $spec) -}}
{{- if $isCron -}}
{{- with get $root.Values.workflows.cron.schedules $meta.name -}}
{{- $_ := set $doc.spec "schedule" . -}}
{{- end -}}
{{- if $root.Values.workflows.cron.suspend -}}
{{- $_ := set $doc.spec "suspend" true -}}
{{- end -}}
{{- end -}}
{{- toYaml $doc -}}
{{- end -}}

{{/* thoth.workflows.semaphoreKeys: every key of ConfigMap thoth-workflow-semaphores the workflow
files use, as a JSON object key → file (so a missing limit can name the file that needs it). */}}
{{- define "thoth.workflows.semaphoreKeys" -}}
{{- $root := . -}}
{{- $keys := dict -}}
{{- range $path := include "thoth.workflows.files" $root | fromJsonArray -}}
{{- $doc := include "thoth.workflows.load" (dict "root" $root "path" $path) | fromJson -}}
{{- $spec := $doc.spec -}}
{{- if eq $doc.kind "CronWorkflow" }}{{ $spec = $doc.spec.workflowSpec }}{{ end -}}
{{- $sync := $spec.synchronization | default dict -}}
{{- range $s := $sync.semaphores | default list -}}
{{- if and $s.configMapKeyRef (eq $s.configMapKeyRef.name (include "thoth.workflows.semaphoreConfigName" $root)) -}}
{{- $_ := set $keys $s.configMapKeyRef.key $path -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- toJson $keys -}}
{{- end -}}

{{/* thoth.workflows.parameterEnum: the enum of a parameter of a workflow file, as a JSON list (empty
when the parameter has none). Call with (dict "root" $ "path" <file> "name" <parameter>). */}}
{{- define "thoth.workflows.parameterEnum" -}}
{{- $doc := include "thoth.workflows.load" . | fromJson -}}
{{- $enum := list -}}
{{- $args := $doc.spec.arguments | default dict -}}
{{- range $p := $args.parameters | default list -}}
{{- if eq $p.name $.name }}{{ $enum = $p.enum | default list }}{{ end -}}
{{- end -}}
{{- toJson $enum -}}
{{- end -}}
