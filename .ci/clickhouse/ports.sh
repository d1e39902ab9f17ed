# Sourced by setup.sh and stop.sh: this run's ports and directory.
# CLICKHOUSE_PORT_OFFSET (default 0) shifts every port; CLICKHOUSE_TEST_DIR overrides the directory.
offset=${CLICKHOUSE_PORT_OFFSET:-0}
case "$offset" in ''|*[!0-9]*) echo "CLICKHOUSE_PORT_OFFSET must be a non-negative integer, got '$offset'" >&2; exit 2 ;; esac
HTTP_SINGLE=$((18123 + offset)); HTTP_SHARD1=$((18124 + offset)); HTTP_SHARD2=$((18125 + offset))
TCP_SINGLE=$((19000 + offset)); TCP_SHARD1=$((19001 + offset)); TCP_SHARD2=$((19002 + offset))
if [ "$offset" = 0 ]; then suffix=''; else suffix="-$offset"; fi
root=${CLICKHOUSE_TEST_DIR:-${TMPDIR:-/tmp}/usage-aggregator-clickhouse$suffix}
