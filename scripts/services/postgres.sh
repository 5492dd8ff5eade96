#!/usr/bin/env bash
# PostgreSQL for the integration tests: Debian's server binaries, a private cluster in $THOTH_PG_DATA
# on 127.0.0.1:$THOTH_PG_PORT, with role $THOTH_PG_USER owning database $THOTH_PG_DATABASE.
# Usage: postgres.sh install|start|wait|stop|status
set -euo pipefail
# shellcheck source=scripts/services/lib.sh
source "$(dirname "$0")/lib.sh"

PG_LOG="$THOTH_SERVICES_DIR/postgres.log"

# The newest server under /usr/lib/postgresql (Debian keeps one directory per major version).
pg_bin() {
  if [ -n "${THOTH_PG_BIN:-}" ]; then
    echo "$THOTH_PG_BIN"
    return 0
  fi
  local dir
  dir="$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/postgres' 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$dir" ] && dirname "$dir"
}

# The server refuses to run as root, so as root every server-side command runs as `postgres`.
as_pg() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

postgres_install() {
  if [ -n "$(pg_bin)" ]; then
    say "postgres: server already installed ($(pg_bin))"
    return 0
  fi
  [ "$(id -u)" = 0 ] || die "postgres: no server under /usr/lib/postgresql; install the postgresql package (needs root)"
  say "postgres: installing Debian's postgresql package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  [ -n "$(pg_bin)" ] || die "postgres: apt-get installed no server binaries"
}

pg_running() {
  [ -f "$THOTH_PG_DATA/PG_VERSION" ] && as_pg "$(pg_bin)/pg_ctl" status -D "$THOTH_PG_DATA" >/dev/null 2>&1
}

postgres_start() {
  local bin
  bin="$(pg_bin)"
  [ -n "$bin" ] || die "postgres: not installed (run postgres.sh install)"
  if pg_running; then
    say "postgres: already running ($THOTH_PG_DATA)"
    return 0
  fi
  port_free_or_die "$THOTH_PG_PORT" postgres
  if [ ! -f "$THOTH_PG_DATA/PG_VERSION" ]; then
    mkdir -p "$THOTH_PG_DATA"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$THOTH_PG_DATA"
    chmod 700 "$THOTH_PG_DATA"
    # Unix-socket connections are trusted (only the provisioning step uses them); TCP needs a password,
    # like a real deployment.
    as_pg "$bin/initdb" -D "$THOTH_PG_DATA" -U postgres --no-locale -E UTF8 \
      --auth-local=trust --auth-host=scram-sha-256 >>"$PG_LOG" 2>&1 ||
      die "postgres: initdb failed; see $PG_LOG"
  fi
  # The log file is opened here (possibly by root) and inherited, because `postgres` cannot write
  # under /root. fsync and friends are off: the cluster is throwaway test data.
  as_pg "$bin/pg_ctl" start -D "$THOTH_PG_DATA" -w -t 60 -o "-p $THOTH_PG_PORT \
    -c listen_addresses=127.0.0.1 -c unix_socket_directories=$THOTH_PG_DATA \
    -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    >>"$PG_LOG" 2>&1 || die "postgres: pg_ctl start failed; see $PG_LOG"
  say "postgres: started on 127.0.0.1:$THOTH_PG_PORT"
}

pg_accepting() {
  as_pg "$(pg_bin)/pg_isready" -q -h "$THOTH_PG_DATA" -p "$THOTH_PG_PORT"
}

# Creates the test role and database when missing, then proves a password login over TCP works.
pg_provision() {
  local psql q_user q_pass
  psql="$(pg_bin)/psql"
  q_user="\"$THOTH_PG_USER\""
  q_pass="'${THOTH_PG_PASSWORD//\'/\'\'}'"
  as_pg "$psql" -X -q -v ON_ERROR_STOP=1 -h "$THOTH_PG_DATA" -p "$THOTH_PG_PORT" -U postgres -d postgres <<SQL >>"$PG_LOG" 2>&1
SELECT format('CREATE ROLE %I LOGIN', '$THOTH_PG_USER')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$THOTH_PG_USER') \gexec
ALTER ROLE $q_user WITH LOGIN CREATEDB PASSWORD $q_pass;
SELECT format('CREATE DATABASE %I OWNER %I', '$THOTH_PG_DATABASE', '$THOTH_PG_USER')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$THOTH_PG_DATABASE') \gexec
SQL
  "$psql" -X -q -At -v ON_ERROR_STOP=1 "$THOTH_PG_URL" -c 'SELECT 1' >/dev/null
}

postgres_wait() {
  [ -n "$(pg_bin)" ] || die "postgres: not installed (run postgres.sh install)"
  wait_until 60 "postgres on 127.0.0.1:$THOTH_PG_PORT" pg_accepting || die "postgres: not ready; see $PG_LOG"
  pg_provision || die "postgres: could not provision $THOTH_PG_DATABASE; see $PG_LOG"
  say "postgres: ready at 127.0.0.1:$THOTH_PG_PORT/$THOTH_PG_DATABASE"
}

postgres_stop() {
  if ! pg_running; then
    say "postgres: not running"
    return 0
  fi
  as_pg "$(pg_bin)/pg_ctl" stop -D "$THOTH_PG_DATA" -m fast -w >>"$PG_LOG" 2>&1
  say "postgres: stopped"
}

postgres_status() {
  if pg_running; then
    echo "postgres: running ($THOTH_PG_DATA) at 127.0.0.1:$THOTH_PG_PORT"
  else
    echo "postgres: stopped"
    return 3
  fi
}

dispatch postgres "${1:-}"
