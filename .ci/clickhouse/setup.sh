#!/usr/bin/env bash
# Starts the ClickHouse servers the ClickHouse tests and benchmark run against, on loopback only:
#   single  http 127.0.0.1:18123  tcp 19000   one server (ports as with CLICKHOUSE_PORT_OFFSET=0)
#   shard1  http 127.0.0.1:18124  tcp 19001   shard 1 of the cluster `usage_aggregator_cluster`,
#                                             and the server that holds the Distributed tables
#   shard2  http 127.0.0.1:18125  tcp 19002   shard 2
# Installs clickhouse-server and clickhouse-client from Debian when they are missing.
# Data, logs and pid files live under $CLICKHOUSE_TEST_DIR (default ${TMPDIR:-/tmp}/usage-aggregator-clickhouse).
# CLICKHOUSE_PORT_OFFSET=N adds N to every port (and to the default directory's name), so a second
# set of servers can run beside the first on a shared machine; server.xml is the template.
#
# Progress goes to stderr; stdout carries only the `export` lines the tests read, so CI does
#   eval "$(bash .ci/clickhouse/setup.sh)"
# and stops the servers afterwards with `bash .ci/clickhouse/stop.sh`.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/ports.sh"
server=/usr/sbin/clickhouse-server
cluster=usage_aggregator_cluster

log() { printf 'clickhouse setup: %s\n' "$*" >&2; }

if [ ! -x "$server" ] || ! command -v clickhouse-client >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1; then
  log "installing clickhouse-server, clickhouse-client and curl"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >&2
  apt-get install -y clickhouse-server clickhouse-client curl >&2
fi

# A previous run may have left servers on these ports.
CLICKHOUSE_TEST_DIR=$root bash "$here/stop.sh" >&2 || true
mkdir -p "$root"
# The servers' config: server.xml with this run's ports; users.xml beside it.
sed -e "s/18123/$HTTP_SINGLE/g; s/18124/$HTTP_SHARD1/g; s/18125/$HTTP_SHARD2/g" \
    -e "s/19000/$TCP_SINGLE/g; s/19001/$TCP_SHARD1/g; s/19002/$TCP_SHARD2/g" "$here/server.xml" >"$root/server.xml"
cp "$here/users.xml" "$root/users.xml"

start() { # name http_port tcp_port
  local name=$1 http=$2 tcp=$3 dir=$root/$1
  mkdir -p "$dir/tmp" "$dir/user_files" "$dir/format_schemas"
  # The server resolves users.xml next to the config file; the per-server values override server.xml.
  (cd "$dir" && exec setsid "$server" --config-file="$root/server.xml" -- \
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
    # Ours must be alive: another server on the same port would answer the ping too.
    if ! kill -0 "$(cat "$root/$name/pid")" 2>/dev/null; then
      log "$name exited (is port $http taken? see CLICKHOUSE_PORT_OFFSET); its logs:"
      tail -n 30 "$root/$name/stdout.log" "$root/$name/server.err.log" >&2 2>/dev/null || true
      return 1
    fi
    if [ "$(curl -fsS --max-time 2 "http://127.0.0.1:$http/ping" 2>/dev/null)" = "Ok." ]; then
      log "$name is ready"
      return 0
    fi
    sleep 0.5
  done
  log "$name did not answer on port $http within 60 s"
  return 1
}

query() { # http_port sql
  curl -fsS --max-time 20 "http://127.0.0.1:$1/" --data-binary "$2"
}

start single "$HTTP_SINGLE" "$TCP_SINGLE"
start shard1 "$HTTP_SHARD1" "$TCP_SHARD1"
start shard2 "$HTTP_SHARD2" "$TCP_SHARD2"
wait_ready single "$HTTP_SINGLE"
wait_ready shard1 "$HTTP_SHARD1"
wait_ready shard2 "$HTTP_SHARD2"

# Prove the cluster answers through a Distributed table: one row on each shard, two through shard1.
for port in "$HTTP_SHARD1" "$HTTP_SHARD2"; do
  query $port 'DROP TABLE IF EXISTS default.setup_probe_local' >/dev/null
  query $port 'CREATE TABLE default.setup_probe_local (n UInt8) ENGINE = Memory' >/dev/null
  query $port 'INSERT INTO default.setup_probe_local VALUES (1)' >/dev/null
done
query "$HTTP_SHARD1" 'DROP TABLE IF EXISTS default.setup_probe' >/dev/null
query "$HTTP_SHARD1" "CREATE TABLE default.setup_probe AS default.setup_probe_local ENGINE = Distributed($cluster, default, setup_probe_local)" >/dev/null
rows=$(query "$HTTP_SHARD1" 'SELECT count() FROM default.setup_probe')
if [ "$rows" != 2 ]; then log "the Distributed probe table saw $rows rows, expected 2"; exit 1; fi
log "cluster $cluster answers through a Distributed table on shard1 ($(query "$HTTP_SINGLE" 'SELECT version()'))"

cat <<ENV
export CLICKHOUSE_URL=http://127.0.0.1:$HTTP_SINGLE
export CLICKHOUSE_CLUSTER_URL=http://127.0.0.1:$HTTP_SHARD1
export CLICKHOUSE_SHARD_URLS=http://127.0.0.1:$HTTP_SHARD1,http://127.0.0.1:$HTTP_SHARD2
export CLICKHOUSE_CLUSTER=$cluster
ENV
