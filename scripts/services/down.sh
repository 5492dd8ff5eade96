#!/usr/bin/env bash
# Stops PostgreSQL, Kafka and MinIO started by up.sh (data and caches are kept for the next start).
set -uo pipefail
dir="$(dirname "$0")"
status=0
for svc in minio kafka postgres; do
  bash "$dir/$svc.sh" stop || status=1
done
exit "$status"
