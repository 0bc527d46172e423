#!/usr/bin/env bash
# The test network for Meta (Facebook Pages and Instagram professional
# accounts): the stateful fake Graph API (fake-meta/fake_meta.js) on 127.0.0.1,
# which checks every request against Meta's own spec files (tests/specs/facebook).
#   meta-network.sh start DIR   → DIR/graph_url  the fake: Graph API, the login dialog,
#                                                 and its /_fake control API
#                                 DIR/fake.pid, DIR/fake.log
#   meta-network.sh stop DIR      (keeps the log)
set -euo pipefail
action=${1:?start|stop}
dir=${2:?directory}
here=$(cd "$(dirname "$0")" && pwd)

stop() {
  if [ -f "$dir/fake.pid" ]; then kill "$(cat "$dir/fake.pid")" 2>/dev/null || true; fi
  rm -f "$dir/fake.pid" "$dir/graph_url" "$dir/graph_url.tmp"
}

case "$action" in
start)
  stop
  mkdir -p "$dir"
  # The fake picks a free port itself and writes its URL when it listens.
  node "$here/fake-meta/fake_meta.js" --url-file "$dir/graph_url.tmp" >"$dir/fake.log" 2>&1 &
  echo $! >"$dir/fake.pid"
  for _ in $(seq 100); do
    [ -s "$dir/graph_url.tmp" ] && break
    kill -0 "$(cat "$dir/fake.pid")" 2>/dev/null || break
    sleep 0.1
  done
  if ! [ -s "$dir/graph_url.tmp" ] || ! curl -sf -o /dev/null "$(cat "$dir/graph_url.tmp")/_fake/health"; then
    echo "meta-network: the fake did not start (see $dir/fake.log)" >&2; stop; exit 1
  fi
  mv "$dir/graph_url.tmp" "$dir/graph_url"
  echo "meta-network: fake Graph API on $(cat "$dir/graph_url")"
  ;;
stop)
  stop
  ;;
*)
  echo "usage: $0 start|stop DIR" >&2; exit 2
  ;;
esac
