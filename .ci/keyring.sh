#!/usr/bin/env bash
# Runs a command with a real, private keyring on a headless Linux box.
#
#   bash .ci/keyring.sh <command…>             inside a Secret Service session (the default)
#   bash .ci/keyring.sh --secret-service <command…>
#   bash .ci/keyring.sh --keyutils <command…>  inside a fresh kernel session keyring, no session bus
#
# Secret Service: `dbus-run-session` starts a private D-Bus session bus; gnome-keyring-daemon is
# started on it with `--unlock`, reading a password on stdin. On a fresh keyring directory that
# creates the default "login" collection, unlocked, with no prompt. The password must NOT be empty:
# with an empty one gnome-keyring asks the graphical prompter (gcr-prompter), which fails headless and
# leaves no "login" collection ("Object does not exist at path …/collection/login").
# XDG_DATA_HOME points at a temporary directory, so the keyring files (login.keyring) are private to
# this run and the developer's own keyring is never touched. The daemon exits with the bus.
#
# keyutils: `keyctl session -` runs the command in a new anonymous session keyring that its child
# processes inherit (so a second process sees what the first stored). DBUS_SESSION_BUS_ADDRESS is
# removed so Shipbench does not pick the Secret Service. Note: keyring-rs also links each key into the
# user's *persistent* keyring (shared by all sessions of the user, expires after
# /proc/sys/kernel/keys/persistent_keyring_expiry seconds), so tests use their own entry names.
#
# Needs: dbus (dbus-run-session), gnome-keyring, keyutils (keyctl). On Debian/Ubuntu:
#   apt-get install -y dbus dbus-x11 gnome-keyring keyutils libsecret-tools libdbus-1-dev
set -euo pipefail

mode=secret-service
case "${1:-}" in
  --secret-service) mode=secret-service; shift ;;
  --keyutils) mode=keyutils; shift ;;
  -h|--help|"")
    sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
    [ -n "${1:-}" ] && exit 0 || exit 2 ;;
esac

need() {
  command -v "$1" >/dev/null 2>&1 || {
    echo "keyring.sh: '$1' is missing; install: apt-get install -y $2" >&2
    exit 127
  }
}

case "$mode" in
  secret-service)
    need dbus-run-session dbus
    need gnome-keyring-daemon gnome-keyring
    home=$(mktemp -d "${TMPDIR:-/tmp}/shipbench-keyring.XXXXXX")
    trap 'rm -rf "$home"' EXIT
    # Not `exec`: the trap must remove the private keyring directory afterwards.
    XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" \
      SHIPBENCH_KEYRING_PASSWORD="${SHIPBENCH_KEYRING_PASSWORD:-shipbench-ci}" \
      dbus-run-session -- bash -c '
        printf "%s" "$SHIPBENCH_KEYRING_PASSWORD" \
          | gnome-keyring-daemon --unlock --components=secrets >/dev/null
        unset SHIPBENCH_KEYRING_PASSWORD
        exec "$@"' keyring-session "$@"
    ;;
  keyutils)
    need keyctl keyutils
    exec keyctl session - env -u DBUS_SESSION_BUS_ADDRESS "$@"
    ;;
esac
