#!/usr/bin/env bash
# The test network for X: the stateful fake X API (fake-x/fake_x.js) on
# 127.0.0.1, and Prism in front of it as a proxy that checks every request
# and every answer against X's OpenAPI description (tests/specs/x).
#   x-network.sh start DIR   → DIR/api_url   Prism: the /2 API, validated both ways
#                              DIR/fake_url  the fake itself: OAuth 2.0 and /_fake control
#                              DIR/*.pid, DIR/fake.log, DIR/prism.log
#   x-network.sh stop DIR      (keeps the logs)
# Prism is installed as tests/support/prism.sh installs it, into the same
# DIR/../prism-tools, so it is installed once for both.
set -euo pipefail
action=${1:?start|stop}
dir=${2:?directory}
here=$(cd "$(dirname "$0")" && pwd)
spec="$here/../specs/x/openapi.json"

stop() {
  for p in prism fake; do
    if [ -f "$dir/$p.pid" ]; then kill "$(cat "$dir/$p.pid")" 2>/dev/null || true; fi
    rm -f "$dir/$p.pid"
  done
  rm -f "$dir/api_url" "$dir/fake_url" "$dir/fake_url.tmp"  # a start cut short leaves the .tmp
}

case "$action" in
start)
  tools="$dir/../prism-tools"
  if [ ! -x "$tools/node_modules/.bin/prism" ]; then
    mkdir -p "$tools"
    npm install --silent --no-audit --no-fund --prefix "$tools" @stoplight/prism-cli@5.14.2 >"$tools/install.log" 2>&1 ||
      { echo "x-network: npm install failed (see $tools/install.log)" >&2; exit 1; }
  fi
  stop
  mkdir -p "$dir"

  # The fake picks a free port itself and writes its URL when it listens.
  node "$here/fake-x/fake_x.js" --url-file "$dir/fake_url.tmp" >"$dir/fake.log" 2>&1 &
  echo $! >"$dir/fake.pid"
  for _ in $(seq 100); do
    [ -s "$dir/fake_url.tmp" ] && break
    kill -0 "$(cat "$dir/fake.pid")" 2>/dev/null || break
    sleep 0.1
  done
  if ! [ -s "$dir/fake_url.tmp" ] || ! curl -sf -o /dev/null "$(cat "$dir/fake_url.tmp")/_fake/health"; then
    echo "x-network: the fake did not start (see $dir/fake.log)" >&2; stop; exit 1
  fi
  mv "$dir/fake_url.tmp" "$dir/fake_url"
  fake_url=$(cat "$dir/fake_url")

  # --errors: a request or an answer that breaks the spec becomes Prism's own
  # error answer (422 for a request, 500 for an answer), so tests see it.
  # Port 0: Prism takes a free port and says which in its log.
  "$tools/node_modules/.bin/prism" proxy -h 127.0.0.1 -p 0 --errors "$spec" "$fake_url" >"$dir/prism.log" 2>&1 &
  echo $! >"$dir/prism.pid"
  api_url=
  for _ in $(seq 1200); do  # the spec is large: Prism needs 3-5 s to load it, more on a busy machine
    api_url=$(sed -n 's/.*Prism is listening on \(http:\/\/127\.0\.0\.1:[0-9]*\).*/\1/p' "$dir/prism.log" | head -n 1)
    [ -n "$api_url" ] && break
    kill -0 "$(cat "$dir/prism.pid")" 2>/dev/null || break
    sleep 0.1
  done
  # Without a token Prism answers 401 itself: it is up, and the fake's state is untouched.
  if [ -z "$api_url" ] || [ "$(curl -s -o /dev/null -w '%{http_code}' "$api_url/2/users/me")" != 401 ]; then
    echo "x-network: Prism did not start (see $dir/prism.log)" >&2; stop; exit 1
  fi
  echo "$api_url" >"$dir/api_url"
  echo "x-network: fake X on $fake_url, Prism validating it on $api_url"
  ;;
stop)
  stop
  ;;
*)
  echo "usage: $0 start|stop DIR" >&2; exit 2
  ;;
esac
