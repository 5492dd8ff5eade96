# Connection settings and paths for the local test services (PostgreSQL, Kafka, MinIO).
# Source it (`source scripts/services/env.sh`); every value can be overridden from the environment.
# The tests read the THOTH_PG_URL / THOTH_KAFKA_BROKERS / THOTH_S3_* variables exported here.
# shellcheck shell=bash

# Installs are cached outside the repository so a later run on the same machine only starts things.
export THOTH_CACHE="${THOTH_CACHE:-$HOME/.cache/thoth}"
# Runtime state: data directories, pid files, logs (<service>.log).
export THOTH_SERVICES_DIR="${THOTH_SERVICES_DIR:-$THOTH_CACHE/run}"

# Ports; every server listens on 127.0.0.1 only. Kafka's KRaft controller uses THOTH_KAFKA_PORT + 1,
# the MinIO console (unused, browser off) THOTH_S3_PORT + 1.
export THOTH_PG_PORT="${THOTH_PG_PORT:-55432}"
export THOTH_KAFKA_PORT="${THOTH_KAFKA_PORT:-59092}"
export THOTH_KAFKA_CONTROLLER_PORT="${THOTH_KAFKA_CONTROLLER_PORT:-$((THOTH_KAFKA_PORT + 1))}"
export THOTH_S3_PORT="${THOTH_S3_PORT:-59000}"
export THOTH_S3_CONSOLE_PORT="${THOTH_S3_CONSOLE_PORT:-$((THOTH_S3_PORT + 1))}"

# Pinned versions (see scripts/services/README.md for why these).
export THOTH_KAFKA_VERSION="${THOTH_KAFKA_VERSION:-4.1.1}"
export THOTH_MINIO_VERSION="${THOTH_MINIO_VERSION:-v0.0.0-20260212201848-7aac2a2c5b7c}"

# PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user and its data
# directory cannot live under /root (mode 0700, not traversable by `postgres`).
if [ -z "${THOTH_PG_DATA:-}" ]; then
  if [ "$(id -u)" = 0 ]; then
    THOTH_PG_DATA="/var/lib/postgresql/thoth-$THOTH_PG_PORT"
  else
    THOTH_PG_DATA="$THOTH_SERVICES_DIR/postgres/data"
  fi
fi
export THOTH_PG_DATA

# Test-only credentials for throwaway servers bound to 127.0.0.1.
export THOTH_PG_USER="${THOTH_PG_USER:-thoth}"
export THOTH_PG_PASSWORD="${THOTH_PG_PASSWORD:-thoth}"
export THOTH_PG_DATABASE="${THOTH_PG_DATABASE:-thoth_test}"
export THOTH_PG_URL="${THOTH_PG_URL:-postgres://$THOTH_PG_USER:$THOTH_PG_PASSWORD@127.0.0.1:$THOTH_PG_PORT/$THOTH_PG_DATABASE}"

export THOTH_KAFKA_BROKERS="${THOTH_KAFKA_BROKERS:-127.0.0.1:$THOTH_KAFKA_PORT}"

export THOTH_S3_ENDPOINT="${THOTH_S3_ENDPOINT:-http://127.0.0.1:$THOTH_S3_PORT}"
export THOTH_S3_REGION="${THOTH_S3_REGION:-us-east-1}"
export THOTH_S3_ACCESS_KEY="${THOTH_S3_ACCESS_KEY:-thoth-test}"
export THOTH_S3_SECRET_KEY="${THOTH_S3_SECRET_KEY:-thoth-test-secret}"
export THOTH_S3_BUCKET="${THOTH_S3_BUCKET:-thoth-test}"

# kafkajs prints a warning about its v2 default partitioner on every producer otherwise.
export KAFKAJS_NO_PARTITIONER_WARNING=1
