{{/*
The environment of every Thoth process, in one place: thoth.runtime.env (no secrets; it fills the
ConfigMap thoth-step-config and the investigator's and migration Job's env) and thoth.credentials.env
(secretKeyRefs into the existing Secrets). Variable names follow lib/runtime/config.ts
RUNTIME_VARIABLES (THOTH_*), libpq (PG*) and the investigator's THOTH_KAFKA_* / THOTH_INVESTIGATOR_*.
To add a setting, add it here: the steps, the investigator and the migrations all pick it up.
*/}}

{{/* thoth.runtime.envMap: the non-secret settings as a name → value dict (rendered as JSON so the
callers can turn it into ConfigMap data or an env list). The graph URL carries no password: pg reads
PGPASSWORD from the environment, so a password never has to be URL-encoded or stored in a ConfigMap. */}}
{{- define "thoth.runtime.envMap" -}}
{{- $v := .Values -}}
{{- $env := dict
  "THOTH_DEPLOYMENT" $v.deployment
  "THOTH_LOG_LEVEL" $v.logLevel
  "THOTH_GRAPH_URL" (printf "postgres://%s@%s:%d/%s" $v.postgresql.auth.username $v.postgresql.host (int $v.postgresql.port) $v.postgresql.database)
  "PGSSLMODE" $v.postgresql.sslMode
  "THOTH_ARTIFACTS_URL" (printf "s3://%s" $v.s3.bucket)
  "THOTH_S3_REGION" $v.s3.region
  "THOTH_S3_PREFIX" $v.s3.prefix
  "THOTH_KAFKA_BROKERS" (join "," $v.kafka.brokers)
  "THOTH_KAFKA_TLS" (ternary "true" "false" $v.kafka.tls)
  "THOTH_KAFKA_PARTITIONS" (toString $v.kafka.topics.partitions)
  "THOTH_KAFKA_REPLICATION_FACTOR" (toString $v.kafka.topics.replicas)
  "THOTH_INDEX_URL" $v.indexes.default
  "THOTH_EXTRA_INDEX_URLS" (join " " $v.indexes.extra)
  "THOTH_SOLVER_PYTHON_VERSIONS" (join " " $v.solver.pythonVersions)
  "THOTH_ARGO_NAMESPACE" (include "thoth.namespace" .)
  "KAFKAJS_NO_PARTITIONER_WARNING" "1"
-}}
{{- with $v.s3.endpoint }}{{ $_ := set $env "THOTH_S3_ENDPOINT" . }}{{ end -}}
{{- if $v.kafka.sasl.enabled }}{{ $_ := set $env "THOTH_KAFKA_SASL_MECHANISM" $v.kafka.sasl.mechanism }}{{ end -}}
{{- toJson $env -}}
{{- end -}}

{{/* thoth.runtime.env: thoth.runtime.envMap as a container env list (sorted, so renders are stable). */}}
{{- define "thoth.runtime.env" -}}
{{- $env := include "thoth.runtime.envMap" . | fromJson -}}
{{- range $name := keys $env | sortAlpha }}
- name: {{ $name }}
  value: {{ get $env $name | quote }}
{{- end }}
{{- end -}}

{{/* thoth.credentials.envList: every credential as a secretKeyRef env entry, as JSON (a list), so it can
be rendered in a pod spec or appended to a workflow container's env. Only existing Secrets are read. */}}
{{- define "thoth.credentials.envList" -}}
{{- $v := .Values -}}
{{- $list := list
  (dict "name" "PGPASSWORD" "valueFrom" (dict "secretKeyRef" (dict "name" $v.postgresql.auth.existingSecret "key" $v.postgresql.auth.secretKeys.passwordKey)))
  (dict "name" "THOTH_S3_ACCESS_KEY_ID" "valueFrom" (dict "secretKeyRef" (dict "name" $v.s3.existingSecret "key" $v.s3.secretKeys.accessKeyIdKey)))
  (dict "name" "THOTH_S3_SECRET_ACCESS_KEY" "valueFrom" (dict "secretKeyRef" (dict "name" $v.s3.existingSecret "key" $v.s3.secretKeys.secretAccessKeyKey)))
-}}
{{- if $v.kafka.sasl.enabled -}}
{{- $list = append $list (dict "name" "THOTH_KAFKA_SASL_USERNAME" "valueFrom" (dict "secretKeyRef" (dict "name" $v.kafka.sasl.existingSecret "key" $v.kafka.sasl.secretKeys.usernameKey))) -}}
{{- $list = append $list (dict "name" "THOTH_KAFKA_SASL_PASSWORD" "valueFrom" (dict "secretKeyRef" (dict "name" $v.kafka.sasl.existingSecret "key" $v.kafka.sasl.secretKeys.passwordKey))) -}}
{{- end -}}
{{- toJson $list -}}
{{- end -}}

{{/* thoth.credentials.env: thoth.credentials.envList as YAML for a container spec. */}}
{{- define "thoth.credentials.env" -}}
{{- $list := include "thoth.credentials.envList" . | fromJsonArray -}}
{{- toYaml $list -}}
{{- end -}}
