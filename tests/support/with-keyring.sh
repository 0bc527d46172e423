#!/usr/bin/env bash
# Runs a command with a real OS keyring: a private D-Bus session with GNOME
# Keyring's Secret Service, unlocked, in a throwaway home. Exits 77 (CTest's
# "skipped") when gnome-keyring or dbus-run-session is not installed.
#   with-keyring.sh COMMAND [ARGS...]
set -euo pipefail
command -v gnome-keyring-daemon >/dev/null && command -v dbus-run-session >/dev/null || {
  echo "with-keyring: gnome-keyring or dbus-run-session is not installed" >&2
  exit 77
}
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME="$home/home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_RUNTIME_DIR="$home/run"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# The daemon asks for the password of the login keyring it creates on stdin.
exec dbus-run-session -- bash -c '
  eval "$(printf kanal-test | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null
  exec "$@"' with-keyring "$@"
