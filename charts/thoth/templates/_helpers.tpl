{{/*
Common named templates: names, labels, images. Every name is `thoth.<component>.<thing>`.
*/}}

{{/* thoth.name: the chart name, truncated to 63 characters (a DNS-1123 label) because some
Kubernetes name fields are limited to that. */}}
{{- define "thoth.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* thoth.fullname: release-qualified name, truncated to 63 characters; the release name alone
when it already contains the chart name (avoids "thoth-thoth"). */}}
{{- define "thoth.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* thoth.namespace: where every resource goes; Argo's controller and the investigator watch it. */}}
{{- define "thoth.namespace" -}}
{{- default .Release.Namespace .Values.namespaceOverride -}}
{{- end -}}

{{/* thoth.chart: chart name and version for the helm.sh/chart label ("+" is not allowed in labels). */}}
{{- define "thoth.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* thoth.labels: the standard labels of every resource, plus commonLabels.
Call with (dict "root" $ "component" "investigator"). */}}
{{- define "thoth.labels" -}}
helm.sh/chart: {{ include "thoth.chart" .root }}
{{ include "thoth.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: thoth
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* thoth.selectorLabels: the immutable subset used in selectors (never add a version to it:
a Deployment's selector cannot change on upgrade). */}}
{{- define "thoth.selectorLabels" -}}
app.kubernetes.io/name: {{ include "thoth.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- with .component }}
app.kubernetes.io/component: {{ . }}
{{- end }}
{{- end -}}

{{/* thoth.image: `<registry>/<repository>:<tag>` or `@<digest>` of the Thoth image; the tag defaults
to the chart's appVersion so chart and image versions move together. */}}
{{- define "thoth.image" -}}
{{- $image := .Values.image -}}
{{- if $image.digest -}}
{{- printf "%s/%s@%s" $image.registry $image.repository $image.digest -}}
{{- else -}}
{{- printf "%s/%s:%s" $image.registry $image.repository (default .Chart.AppVersion $image.tag) -}}
{{- end -}}
{{- end -}}

{{/* thoth.solver.image: the solver image for the Python version the workflow runs with. The
`{{inputs.parameters.python_version}}` part is Argo's, substituted per run: it is a string literal
here, so Helm does not evaluate it. */}}
{{- define "thoth.solver.image" -}}
{{- $image := .Values.solver.image -}}
{{- printf "%s/%s:%s-py{{inputs.parameters.python_version}}" $image.registry $image.repository (default .Chart.AppVersion $image.tag) -}}
{{- end -}}

{{/* thoth.imagePullSecrets: the pod-spec list of pull Secrets (empty when none). */}}
{{- define "thoth.imagePullSecrets" -}}
{{- range .Values.image.pullSecrets }}
- name: {{ . }}
{{- end }}
{{- end -}}

{{/* thoth.investigator.fullname: name of the investigator's Deployment, Service, PDB. */}}
{{- define "thoth.investigator.fullname" -}}
{{- printf "%s-investigator" (include "thoth.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* thoth.investigator.serviceAccountName: the investigator's ServiceAccount. */}}
{{- define "thoth.investigator.serviceAccountName" -}}
{{- default (include "thoth.investigator.fullname" .) .Values.investigator.serviceAccount.name -}}
{{- end -}}

{{/* thoth.investigator.consumerGroup: Kafka consumer group, `<deployment>.investigator` by default
(the same prefix as the topics, so ACLs can be granted per deployment). */}}
{{- define "thoth.investigator.consumerGroup" -}}
{{- default (printf "%s.investigator" .Values.deployment) .Values.investigator.consumerGroup -}}
{{- end -}}

{{/* thoth.investigator.environments: the solver environments as the JSON list the investigator reads
(THOTH_INVESTIGATOR_ENVIRONMENTS), one per solver Python. The ids are free: the investigator passes
each environment to thoth-solve's `environment` parameter, so verdicts are recorded under its id
(rhel-9-pyXY here; linux-x86_64 is solved as manylinux_2_34, the solver images' glibc). */}}
{{- define "thoth.investigator.environments" -}}
{{- $list := list -}}
{{- range .Values.solver.pythonVersions -}}
{{- $list = append $list (dict "id" (printf "rhel-9-py%s" (replace "." "" .)) "os_name" "rhel" "os_version" "9" "python_version" . "platform" "linux-x86_64") -}}
{{- end -}}
{{- toJson $list -}}
{{- end -}}

{{/* thoth.workflows.serviceAccountName: the ServiceAccount workflow pods run as. */}}
{{- define "thoth.workflows.serviceAccountName" -}}
{{- .Values.workflows.serviceAccount.name -}}
{{- end -}}

{{/* thoth.workflows.configName: the ConfigMap every step reads with envFrom. The name is fixed by
workflows/thoth-step-library.yaml, which is the contract; the chart does not rename it. */}}
{{- define "thoth.workflows.configName" -}}thoth-step-config{{- end -}}

{{/* thoth.workflows.semaphoreConfigName: the ConfigMap of workflow semaphores, fixed by workflows/. */}}
{{- define "thoth.workflows.semaphoreConfigName" -}}thoth-workflow-semaphores{{- end -}}

{{/* thoth.workflows.credentialsSecretName: the Secret the workflow files read with envFrom. The
chart does not create it (it holds credentials); it replaces that reference by secretKeyRefs to
the existing Secrets named in values (thoth.credentials.env). */}}
{{- define "thoth.workflows.credentialsSecretName" -}}thoth-step-credentials{{- end -}}

{{/* thoth.workflows.artifactPrefix: `<s3.prefix>/<deployment>`, the default `artifact_prefix`
parameter of every pipeline (documents live under `<prefix>/<deployment>/<type>/<id>`). */}}
{{- define "thoth.workflows.artifactPrefix" -}}
{{- printf "%s/%s" .Values.s3.prefix .Values.deployment | trimPrefix "/" -}}
{{- end -}}

{{/* thoth.network.egressLabel: the pod label that puts workflow pods under the package-index
egress NetworkPolicy; the chart sets it on the step templates that reach indexes. */}}
{{- define "thoth.network.egressLabel" -}}thoth.io/egress{{- end -}}

{{/* thoth.kafka.topic: `<deployment>.<kebab-type>` (lib/messaging/topics.ts topicName).
Call with (dict "root" $ "type" "solved-package"). */}}
{{- define "thoth.kafka.topic" -}}
{{- printf "%s.%s" .root.Values.deployment .type -}}
{{- end -}}
