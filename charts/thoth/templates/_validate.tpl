{{/*
Checks of values that values.schema.json cannot express (a Secret required only when a feature is on,
a value that must be one of a list found in workflows/, …). Each thoth.validateValues.<rule> prints
zero or more problems, one per line, each naming the value; thoth.validateValues gathers every
problem and fails once with all of them, so one `helm install` shows everything to fix. The schema
runs first (before any template), so type, enum and minimum errors are reported by Helm itself.
*/}}

{{/* thoth.validateValues.postgresql: where the graph is and the Secret with its password. */}}
{{- define "thoth.validateValues.postgresql" -}}
{{- if not .Values.postgresql.host }}
postgresql.host: the PostgreSQL host is required (an existing server; the chart does not install one)
{{- end }}
{{- if not .Values.postgresql.auth.existingSecret }}
postgresql.auth.existingSecret: name an existing Secret holding the password of postgresql.auth.username (key postgresql.auth.secretKeys.passwordKey)
{{- end }}
{{- end -}}

{{/* thoth.validateValues.kafka: brokers, SASL Secret, Strimzi cluster name. */}}
{{- define "thoth.validateValues.kafka" -}}
{{- if not .Values.kafka.brokers }}
kafka.brokers: at least one bootstrap broker (host:port) is required
{{- end }}
{{- if and .Values.kafka.sasl.enabled (not .Values.kafka.sasl.existingSecret) }}
kafka.sasl.existingSecret: kafka.sasl.enabled is true, so name an existing Secret holding the SASL user name and password
{{- end }}
{{- if and .Values.kafka.topics.strimzi.enabled (not .Values.kafka.topics.strimzi.clusterName) }}
kafka.topics.strimzi.clusterName: kafka.topics.strimzi.enabled is true, so name the Strimzi Kafka cluster that owns the topics
{{- end }}
{{- end -}}

{{/* thoth.validateValues.s3: bucket and the Secret with its key pair. */}}
{{- define "thoth.validateValues.s3" -}}
{{- if not .Values.s3.bucket }}
s3.bucket: the bucket of documents and artifacts is required
{{- end }}
{{- if not .Values.s3.existingSecret }}
s3.existingSecret: name an existing Secret holding the S3 access key id and secret access key
{{- end }}
{{- end -}}

{{/* thoth.validateValues.investigator: replicas (repeated from the schema for values passed with
--set-string or by a parent chart that skips the schema). */}}
{{- define "thoth.validateValues.investigator" -}}
{{- if lt (int .Values.investigator.replicaCount) 0 }}
investigator.replicaCount: must be 0 or more (got {{ .Values.investigator.replicaCount }})
{{- end }}
{{- end -}}

{{/* thoth.validateValues.solver: the default Python version must be one that has a solver image. */}}
{{- define "thoth.validateValues.solver" -}}
{{- if not (has .Values.solver.defaultPythonVersion .Values.solver.pythonVersions) }}
solver.defaultPythonVersion: "{{ .Values.solver.defaultPythonVersion }}" is not one of solver.pythonVersions ({{ join ", " .Values.solver.pythonVersions }})
{{- end }}
{{- end -}}

{{/* thoth.validateValues.adviser: the recommendation type must be one thoth-advise offers (its enum
in workflows/thoth-advise.yaml is the authority; the schema repeats it for editors). */}}
{{- define "thoth.validateValues.adviser" -}}
{{- $path := "workflows/thoth-advise.yaml" -}}
{{- if .Files.Get $path -}}
{{- $enum := include "thoth.workflows.parameterEnum" (dict "root" . "path" $path "name" "recommendation_type") | fromJsonArray -}}
{{- if and $enum (not (has .Values.adviser.recommendationType $enum)) }}
adviser.recommendationType: "{{ .Values.adviser.recommendationType }}" is not one of {{ join ", " $enum }} ({{ $path }})
{{- end }}
{{- end -}}
{{- end -}}

{{/* thoth.validateValues.workflows: a concurrency limit for every semaphore the workflow files use. */}}
{{- define "thoth.validateValues.workflows" -}}
{{- if .Values.workflows.enabled -}}
{{- $keys := include "thoth.workflows.semaphoreKeys" . | fromJson -}}
{{- range $key := keys $keys | sortAlpha -}}
{{- if not (hasKey $.Values.workflows.concurrency $key) }}
workflows.concurrency.{{ $key }}: {{ get $keys $key }} waits on semaphore "{{ $key }}"; give it a limit
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* thoth.validateValues.events: triggers name known message types and WorkflowTemplates, and the
Sensor has an identity allowed to create workflows. */}}
{{- define "thoth.validateValues.events" -}}
{{- if .Values.events.enabled -}}
{{- range $i, $t := .Values.events.triggers -}}
{{- if not (has $t.messageType $.Values.kafka.topics.messageTypes) }}
events.triggers[{{ $i }}].messageType: "{{ $t.messageType }}" is not in kafka.topics.messageTypes
{{- end -}}
{{- if not ($.Files.Get (printf "workflows/%s.yaml" $t.workflowTemplate)) }}
events.triggers[{{ $i }}].workflowTemplate: "{{ $t.workflowTemplate }}" is not a file in workflows/
{{- end -}}
{{- end -}}
{{- if and (not .Values.events.serviceAccountName) (not (and .Values.investigator.enabled .Values.investigator.serviceAccount.create)) }}
events.serviceAccountName: the Sensor needs a ServiceAccount that may create workflows (the investigator's is not created)
{{- end -}}
{{- end -}}
{{- end -}}

{{/* thoth.validateValues: run every rule and fail once, listing every problem. */}}
{{- define "thoth.validateValues" -}}
{{- $problems := list -}}
{{- range $rule := list "postgresql" "kafka" "s3" "investigator" "solver" "adviser" "workflows" "events" -}}
{{- range $line := include (printf "thoth.validateValues.%s" $rule) $ | trim | splitList "\n" -}}
{{- if $line }}{{ $problems = append $problems $line }}{{ end -}}
{{- end -}}
{{- end -}}
{{- if $problems -}}
{{- fail (printf "\n\nVALUES VALIDATION (%d problems):\n  - %s\n" (len $problems) (join "\n  - " $problems)) -}}
{{- end -}}
{{- end -}}
