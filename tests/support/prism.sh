#!/usr/bin/env bash
# Prism (Stoplight's OpenAPI mock) on 127.0.0.1, validating requests against
# an official spec. Installed from the npm registry into the build tree.
#   prism.sh start DIR SPEC   → starts it, writes its base URL to DIR/url
#   prism.sh stop DIR
set -euo pipefail
action=${1:?start|stop}
dir=${2:?directory}

case "$action" in
start)
  spec=${3:?spec}
  tools="$dir/../prism-tools"
  if [ ! -x "$tools/node_modules/.bin/prism" ]; then
    mkdir -p "$tools"
    npm install --silent --no-audit --no-fund --prefix "$tools" @stoplight/prism-cli@5.14.2 >"$tools/install.log" 2>&1 ||
      { echo "prism: npm install failed (see $tools/install.log)" >&2; exit 1; }
  fi
  "$0" stop "$dir" >/dev/null 2>&1 || true
  mkdir -p "$dir"
  for port in $(seq 4010 4060); do
    "$tools/node_modules/.bin/prism" mock -h 127.0.0.1 -p "$port" "$spec" >"$dir/prism.log" 2>&1 &
    echo $! >"$dir/pid"
    for _ in $(seq 100); do
      if curl -s -o /dev/null "http://127.0.0.1:$port/api/v2/instance"; then
        echo "http://127.0.0.1:$port" >"$dir/url"
        echo "prism: mocking $(basename "$spec") on 127.0.0.1:$port"
        exit 0
      fi
      kill -0 "$(cat "$dir/pid")" 2>/dev/null || break
      sleep 0.1
    done
    kill "$(cat "$dir/pid")" 2>/dev/null || true
  done
  echo "prism: could not start (see $dir/prism.log)" >&2
  exit 1
  ;;
stop)
  if [ -f "$dir/pid" ]; then kill "$(cat "$dir/pid")" 2>/dev/null || true; fi
  rm -rf "$dir"
  ;;
esac
