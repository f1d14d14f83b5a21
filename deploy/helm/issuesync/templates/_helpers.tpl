{{/* Chart name, truncated to the 63 characters a label value allows. */}}
{{- define "issuesync.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Fully qualified app name: the release name, plus the chart name unless the release already contains it. */}}
{{- define "issuesync.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "issuesync.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "issuesync.labels" -}}
helm.sh/chart: {{ include "issuesync.chart" . }}
{{ include "issuesync.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "issuesync.selectorLabels" -}}
app.kubernetes.io/name: {{ include "issuesync.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "issuesync.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "issuesync.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* True (non-empty) when state and Hangfire live in PostgreSQL rather than SQLite on the data volume. */}}
{{- define "issuesync.usesPostgres" -}}
{{- if .Values.postgresql.existingSecret }}true{{ end }}
{{- end }}

{{/* Claim of the SQLite data volume. */}}
{{- define "issuesync.claimName" -}}
{{- default (printf "%s-data" (include "issuesync.fullname" .)) .Values.persistence.existingClaim }}
{{- end }}

{{/*
The IssueSync configuration section: .Values.config, plus Kind/ApiUrl of each entry of .Values.trackers (a
tracker's Limits may come from config.Trackers), plus Storage:SqlitePath on the data volume when SQLite is used.
Tokens are never part of it: they come from the Secret as environment variables.
*/}}
{{- define "issuesync.configSection" -}}
{{- $section := deepCopy (.Values.config | default dict) }}
{{- $trackers := deepCopy (get $section "Trackers" | default dict) }}
{{- range .Values.trackers }}
{{- $tracker := get $trackers .name | default dict }}
{{- $_ := set $tracker "Kind" .kind }}
{{- $_ := set $tracker "ApiUrl" .apiUrl }}
{{- $_ := set $trackers .name $tracker }}
{{- end }}
{{- if $trackers }}
{{- $_ := set $section "Trackers" $trackers }}
{{- end }}
{{- if not (include "issuesync.usesPostgres" .) }}
{{- $_ := set $section "Storage" (dict "SqlitePath" (printf "%s/issuesync.db" (trimSuffix "/" .Values.persistence.mountPath))) }}
{{- end }}
{{- dict "IssueSync" $section | toPrettyJson }}
{{- end }}

{{/* Environment variables read from Secrets: tracker tokens, dashboard users, webhook secrets, the connection string. */}}
{{- define "issuesync.secretEnv" -}}
{{- $secret := .Values.secrets.existingSecret }}
{{- range .Values.trackers }}
- name: IssueSync__Trackers__{{ .name }}__Token
  valueFrom:
    secretKeyRef:
      name: {{ $secret | quote }}
      key: {{ .tokenKey | quote }}
{{- end }}
{{- range $i, $user := .Values.secrets.dashboardUsers }}
- name: IssueSync__Dashboard__Users__{{ $i }}__Name
  valueFrom:
    secretKeyRef:
      name: {{ $secret | quote }}
      key: {{ $user.nameKey | quote }}
- name: IssueSync__Dashboard__Users__{{ $i }}__PasswordHash
  valueFrom:
    secretKeyRef:
      name: {{ $secret | quote }}
      key: {{ $user.passwordHashKey | quote }}
{{- end }}
{{- with .Values.secrets.webhooks.gitlabSecretKey }}
- name: IssueSync__Webhooks__GitLabSecret
  valueFrom:
    secretKeyRef:
      name: {{ $secret | quote }}
      key: {{ . | quote }}
{{- end }}
{{- with .Values.secrets.webhooks.githubSecretKey }}
- name: IssueSync__Webhooks__GitHubSecret
  valueFrom:
    secretKeyRef:
      name: {{ $secret | quote }}
      key: {{ . | quote }}
{{- end }}
{{- if include "issuesync.usesPostgres" . }}
- name: ConnectionStrings__IssueSync
  valueFrom:
    secretKeyRef:
      name: {{ .Values.postgresql.existingSecret | quote }}
      key: {{ .Values.postgresql.connectionStringKey | quote }}
{{- end }}
{{- end }}
