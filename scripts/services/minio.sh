#!/usr/bin/env bash
# MinIO (S3) for the integration tests: built with `go install` at a pinned pseudo-version (MinIO ships
# source only now), cached under $THOTH_CACHE/go, served on 127.0.0.1:$THOTH_S3_PORT.
# Usage: minio.sh install|start|wait|stop|status
set -euo pipefail
# shellcheck source=scripts/services/lib.sh
source "$(dirname "$0")/lib.sh"

GO_ROOT="$THOTH_CACHE/go"
MINIO_BIN="$GO_ROOT/bin/minio"
# The stamp records which version the cached binary was built from, so changing the pin rebuilds it.
MINIO_STAMP="$GO_ROOT/bin/minio.version"
MINIO_DIR="$THOTH_SERVICES_DIR/minio"
MINIO_PID="$THOTH_SERVICES_DIR/minio.pid"
MINIO_LOG="$THOTH_SERVICES_DIR/minio.log"
MINIO_PORT_FILE="$THOTH_SERVICES_DIR/minio.port"

go_env() {
  # GOTOOLCHAIN=local: fail fast instead of downloading another toolchain. Stable GOMODCACHE/GOCACHE
  # paths let a reused machine skip the ~10 min cold build.
  env GOTOOLCHAIN=local GOFLAGS="-mod=mod -buildvcs=false" GOPATH="$GO_ROOT" \
    GOMODCACHE="$GO_ROOT/pkg/mod" GOCACHE="$GO_ROOT/cache" GOBIN="$GO_ROOT/bin" "$@"
}

minio_install() {
  if [ -x "$MINIO_BIN" ] && [ "$(cat "$MINIO_STAMP" 2>/dev/null)" = "$THOTH_MINIO_VERSION" ]; then
    say "minio: $THOTH_MINIO_VERSION already installed"
    return 0
  fi
  command -v go >/dev/null || die "minio: the go command is needed to build MinIO"
  mkdir -p "$GO_ROOT"
  say "minio: building github.com/minio/minio@$THOTH_MINIO_VERSION (cold: about 10 min)"
  if ! go_env go install "github.com/minio/minio@$THOTH_MINIO_VERSION"; then
    # Some module proxies do not serve the checksum database; the module hashes still come from go.sum.
    say "minio: go install failed; retrying with GOSUMDB=off"
    go_env GOSUMDB=off go install "github.com/minio/minio@$THOTH_MINIO_VERSION"
  fi
  echo "$THOTH_MINIO_VERSION" >"$MINIO_STAMP"
}

minio_start() {
  if pid_alive "$MINIO_PID"; then
    same_port_or_die minio "$MINIO_PORT_FILE" "$THOTH_S3_PORT"
    say "minio: already running (pid $(cat "$MINIO_PID"))"
    return 0
  fi
  [ -x "$MINIO_BIN" ] || die "minio: not installed (run minio.sh install)"
  port_free_or_die "$THOTH_S3_PORT" minio
  # Throwaway like Kafka's log directory: up.sh starts MinIO empty (THOTH_MINIO_FRESH=1), so objects
  # that every test run writes under its own prefix do not pile up in the machine's cache across runs
  # (the tests create their bucket). A plain `minio.sh start` keeps the data.
  if [ "${THOTH_MINIO_FRESH:-0}" = 1 ]; then rm -rf "$MINIO_DIR/data"; fi
  mkdir -p "$MINIO_DIR/data"
  start_daemon "$MINIO_PID" "$MINIO_LOG" env \
    MINIO_ROOT_USER="$THOTH_S3_ACCESS_KEY" MINIO_ROOT_PASSWORD="$THOTH_S3_SECRET_KEY" \
    MINIO_BROWSER=off MINIO_UPDATE=off \
    "$MINIO_BIN" server "$MINIO_DIR/data" \
    --address "127.0.0.1:$THOTH_S3_PORT" --console-address "127.0.0.1:$THOTH_S3_CONSOLE_PORT" --quiet
  echo "$THOTH_S3_PORT" >"$MINIO_PORT_FILE"
  say "minio: started (pid $(cat "$MINIO_PID"))"
}

minio_live() {
  pid_alive "$MINIO_PID" || die "minio: process exited; see $MINIO_LOG"
  curl -fsS -o /dev/null "http://127.0.0.1:$THOTH_S3_PORT/minio/health/live" 2>/dev/null
}

minio_wait() {
  pid_alive "$MINIO_PID" && same_port_or_die minio "$MINIO_PORT_FILE" "$THOTH_S3_PORT"
  wait_until 60 "minio on 127.0.0.1:$THOTH_S3_PORT" minio_live || die "minio: not ready; see $MINIO_LOG"
  say "minio: ready at $THOTH_S3_ENDPOINT"
}

minio_stop() {
  stop_pidfile "$MINIO_PID" minio
  rm -f "$MINIO_PORT_FILE"
}

minio_status() {
  if pid_alive "$MINIO_PID"; then
    echo "minio: running (pid $(cat "$MINIO_PID")) at $THOTH_S3_ENDPOINT"
  else
    echo "minio: stopped"
    return 3
  fi
}

dispatch minio "${1:-}"
