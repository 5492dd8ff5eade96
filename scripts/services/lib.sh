# Shared helpers for the service scripts: loads env.sh, pid files, TCP waits, background daemons.
# Sourced by postgres.sh, kafka.sh, minio.sh, up.sh and down.sh; not meant to be run.
# shellcheck shell=bash

SERVICES_SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/services/env.sh
source "$SERVICES_SCRIPT_DIR/env.sh"
mkdir -p "$THOTH_CACHE" "$THOTH_SERVICES_DIR"

say() { printf '%s\n' "$*" >&2; }
die() {
  say "error: $*"
  exit 1
}

# pid_alive <pidfile>: true when the file names a running process.
pid_alive() {
  local pid
  [ -s "$1" ] || return 1
  pid="$(cat "$1")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

# same_port_or_die <service> <port file> <port>: a running server started with other settings must be
# stopped first; otherwise "already running" would hide that nothing listens where the tests look.
same_port_or_die() {
  local was
  was="$(cat "$2" 2>/dev/null || true)"
  if [ -n "$was" ] && [ "$was" != "$3" ]; then
    die "$1: already running on port $was, not $3; stop it first (bash scripts/services/$1.sh stop)"
  fi
}

# tcp_open <port>: true when something accepts connections on 127.0.0.1:<port>.
tcp_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# port_free_or_die <port> <service>: refuse to start over a foreign listener (it would look "ready").
port_free_or_die() {
  if tcp_open "$1"; then
    die "$2: port 127.0.0.1:$1 is already in use by another process (override the THOTH_*_PORT variables)"
  fi
}

# wait_until <seconds> <description> <command...>: polls the command every 0.5 s.
wait_until() {
  local timeout="$1" what="$2" deadline
  shift 2
  deadline=$(($(date +%s) + timeout))
  until "$@"; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      say "timed out after ${timeout}s waiting for $what"
      return 1
    fi
    sleep 0.5
  done
}

# start_daemon <pidfile> <logfile> <command...>: detached from this shell (own session, stdin closed)
# so the server outlives the script that started it.
start_daemon() {
  local pidfile="$1" logfile="$2"
  shift 2
  setsid "$@" >>"$logfile" 2>&1 </dev/null &
  echo $! >"$pidfile"
}

# stop_pidfile <pidfile> <name>: TERM, wait up to 30 s, then KILL.
stop_pidfile() {
  local pidfile="$1" name="$2" pid
  if ! pid_alive "$pidfile"; then
    rm -f "$pidfile"
    say "$name: not running"
    return 0
  fi
  pid="$(cat "$pidfile")"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "$name: still running after 30s, sending KILL"
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
  say "$name: stopped"
}

# dispatch <service> <subcommand>: runs the matching <service>_<subcommand> function.
dispatch() {
  local service="$1" cmd="${2:-}"
  case "$cmd" in
    install | start | wait | stop | status) "${service}_${cmd}" ;;
    *) die "usage: $service.sh install|start|wait|stop|status" ;;
  esac
}
