#!/usr/bin/env bash
# Installs (when not cached), starts and waits for PostgreSQL, Kafka and MinIO, one pipeline per service
# in parallel, then prints one line per service with the time each step took. Exits non-zero with the
# failing service, step and log file. Idempotent: services already running are left as they are.
set -euo pipefail
# shellcheck source=scripts/services/lib.sh
source "$(dirname "$0")/lib.sh"

SERVICES=(postgres kafka minio)
# A Kafka or MinIO that is not running starts with empty data (see kafka.sh and minio.sh start).
export THOTH_KAFKA_FRESH="${THOTH_KAFKA_FRESH:-1}"
export THOTH_MINIO_FRESH="${THOTH_MINIO_FRESH:-1}"
STATUS_DIR="$(mktemp -d)"
trap 'rm -rf "$STATUS_DIR"' EXIT

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# run_service <name>: install, start, wait; the outcome and timings go to $STATUS_DIR/<name>.
run_service() {
  local svc="$1" log="$THOTH_SERVICES_DIR/$1.log" t0 t step times=""
  t0="$(now)"
  for step in install start wait; do
    t="$(now)"
    if ! bash "$SERVICES_SCRIPT_DIR/$svc.sh" "$step" >>"$log" 2>&1; then
      echo "fail $step $(since "$t0")" >"$STATUS_DIR/$svc"
      return 0
    fi
    times="$times${times:+, }$step $(since "$t")s"
  done
  echo "ok - $(since "$t0") $times" >"$STATUS_DIR/$svc"
}

for svc in "${SERVICES[@]}"; do
  run_service "$svc" &
done
wait

failed=""
for svc in "${SERVICES[@]}"; do
  log="$THOTH_SERVICES_DIR/$svc.log"
  read -r outcome step total detail <"$STATUS_DIR/$svc" || true
  if [ "$outcome" = ok ]; then
    printf '%-8s ready in %5ss (%s)\n' "$svc" "$total" "$detail"
  else
    reason="$(grep -E '^error: ' "$log" | tail -n 1 | sed 's/^error: //')"
    printf '%-8s FAILED at %s after %ss: %s (log: %s)\n' "$svc" "$step" "$total" "${reason:-see the log}" "$log"
    # CI keeps only the console output, so show the end of the log too.
    tail -n 20 "$log" | sed "s/^/  $svc.log| /" >&2
    failed="$failed $svc"
  fi
done
if [ -n "$failed" ]; then
  echo "services failed to come up:$failed" >&2
  exit 1
fi
