#!/usr/bin/env bash
# Stops the servers setup.sh started (by the pids it recorded) and removes their data.
set -u
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/ports.sh"
[ -d "$root" ] || exit 0
for pidfile in "$root"/*/pid; do
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  fi
  rm -f "$pidfile"
done
rm -rf "$root"
printf 'clickhouse stop: servers under %s stopped\n' "$root" >&2
