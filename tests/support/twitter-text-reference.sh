#!/usr/bin/env bash
# The official twitter-text JavaScript library, the reference that
# tests/services/text/twitter_differential_test compares kanal::text with.
# Installed from the npm registry into the build tree, once.
#   twitter-text-reference.sh install DIR   → DIR/node_modules/twitter-text
set -euo pipefail
action=${1:?install}
dir=${2:?directory}
# twemoji-parser decides what parseTweet counts as one emoji; twitter-text
# 3.1.0 takes any 11.x, so it is pinned too.
packages=(twitter-text@3.1.0 twemoji-parser@11.0.2)

case "$action" in
install)
  installed() {
    node -e 'const [dir, ...want] = process.argv.slice(1);
      for (const p of want) {
        const [name, version] = p.split("@");
        if (require(require("path").resolve(dir, "node_modules", name, "package.json")).version !== version) process.exit(1);
      }' "$dir" "${packages[@]}" 2>/dev/null
  }
  if installed; then
    echo "twitter-text reference: ${packages[*]} already in $dir"
    exit 0
  fi
  command -v npm >/dev/null || { echo "twitter-text reference: npm is missing (scripts/install-deps)" >&2; exit 1; }
  mkdir -p "$dir"
  npm install --silent --no-audit --no-fund --no-save --prefix "$dir" "${packages[@]}" >"$dir/install.log" 2>&1 ||
    { echo "twitter-text reference: npm install failed (see $dir/install.log)" >&2; exit 1; }
  installed || { echo "twitter-text reference: wrong versions installed (see $dir/install.log)" >&2; exit 1; }
  echo "twitter-text reference: installed ${packages[*]} in $dir"
  ;;
*)
  echo "usage: $0 install DIR" >&2
  exit 2
  ;;
esac
