#!/usr/bin/env bash
# Starts the ClickHouse servers the ClickHouse tests and benchmark run against, on loopback only:
#   single  http 127.0.0.1:18123  tcp 19000   one server
#   shard1  http 127.0.0.1:18124  tcp 19001   shard 1 of the cluster `usage_aggregator_cluster`,
#                                             and the server that holds the Distributed tables
#   shard2  http 127.0.0.1:18125  tcp 19002   shard 2
# Installs clickhouse-server and clickhouse-client from Debian when they are missing.
# Data, logs and pid files live under $CLICKHOUSE_TEST_DIR (default ${TMPDIR:-/tmp}/usage-aggregator-clickhouse).
#
# Progress goes to stderr; stdout carries only the `export` lines the tests read, so CI does
#   eval "$(bash .ci/clickhouse/setup.sh)"
# and stops the servers afterwards with `bash .ci/clickhouse/stop.sh`.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=${CLICKHOUSE_TEST_DIR:-${TMPDIR:-/tmp}/usage-aggregator-clickhouse}
server=/usr/sbin/clickhouse-server
cluster=usage_aggregator_cluster

log() { printf 'clickhouse setup: %s\n' "$*" >&2; }

if [ ! -x "$server" ] || ! command -v clickhouse-client >/dev/null 2>&1; then
  log "installing clickhouse-server and clickhouse-client"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >&2
  apt-get install -y clickhouse-server clickhouse-client >&2
fi

# A previous run may have left servers on these ports.
CLICKHOUSE_TEST_DIR=$root bash "$here/stop.sh" >&2 || true
mkdir -p "$root"

start() { # name http_port tcp_port
  local name=$1 http=$2 tcp=$3 dir=$root/$1
  mkdir -p "$dir/tmp" "$dir/user_files" "$dir/format_schemas"
  # The server resolves users.xml next to the config file; the per-server values override server.xml.
  (cd "$dir" && exec setsid "$server" --config-file="$here/server.xml" -- \
    --http_port="$http" --tcp_port="$tcp" \
    --path="$dir/" --tmp_path="$dir/tmp/" --user_files_path="$dir/user_files/" \
    --format_schema_path="$dir/format_schemas/" \
    --logger.log="$dir/server.log" --logger.errorlog="$dir/server.err.log" \
    >"$dir/stdout.log" 2>&1 </dev/null) &
  echo $! >"$dir/pid"
  log "started $name (pid $(cat "$dir/pid"), http $http, tcp $tcp)"
}

wait_ready() { # name http_port
  local name=$1 http=$2 i
  for i in $(seq 1 120); do
    if [ "$(curl -fsS --max-time 2 "http://127.0.0.1:$http/ping" 2>/dev/null)" = "Ok." ]; then
      log "$name is ready"
      return 0
    fi
    if ! kill -0 "$(cat "$root/$name/pid")" 2>/dev/null; then
      log "$name exited; its logs:"; tail -n 30 "$root/$name/stdout.log" "$root/$name/server.err.log" >&2 2>/dev/null || true
      return 1
    fi
    sleep 0.5
  done
  log "$name did not answer on port $http within 60 s"
  return 1
}

query() { # http_port sql
  curl -fsS --max-time 20 "http://127.0.0.1:$1/" --data-binary "$2"
}

start single 18123 19000
start shard1 18124 19001
start shard2 18125 19002
wait_ready single 18123
wait_ready shard1 18124
wait_ready shard2 18125

# Prove the cluster answers through a Distributed table: one row on each shard, two through shard1.
for port in 18124 18125; do
  query $port 'DROP TABLE IF EXISTS default.setup_probe_local' >/dev/null
  query $port 'CREATE TABLE default.setup_probe_local (n UInt8) ENGINE = Memory' >/dev/null
  query $port 'INSERT INTO default.setup_probe_local VALUES (1)' >/dev/null
done
query 18124 'DROP TABLE IF EXISTS default.setup_probe' >/dev/null
query 18124 "CREATE TABLE default.setup_probe AS default.setup_probe_local ENGINE = Distributed($cluster, default, setup_probe_local)" >/dev/null
rows=$(query 18124 'SELECT count() FROM default.setup_probe')
if [ "$rows" != 2 ]; then log "the Distributed probe table saw $rows rows, expected 2"; exit 1; fi
log "cluster $cluster answers through a Distributed table on shard1 ($(query 18123 'SELECT version()'))"

cat <<ENV
export CLICKHOUSE_URL=http://127.0.0.1:18123
export CLICKHOUSE_CLUSTER_URL=http://127.0.0.1:18124
export CLICKHOUSE_SHARD_URLS=http://127.0.0.1:18124,http://127.0.0.1:18125
export CLICKHOUSE_CLUSTER=$cluster
ENV
