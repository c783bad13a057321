#!/usr/bin/env bash
# Makes sure a local CUPS scheduler (cupsd) is running, for the printing crate's real-CUPS tests.
# Idempotent: does nothing when `lpstat -r` already says "scheduler is running".
#
#   bash .ci/cups.sh
#
# Needs the Debian/Ubuntu packages cups cups-client cups-bsd (the CI installs them):
#   apt-get install -y -o DPkg::Lock::Timeout=600 cups cups-client cups-bsd
# On a box without systemd (containers, CI runners) cupsd is started directly; it daemonises itself.
# The tests then create and delete their own queues (sb-raw-*, sb-zebra-*) with lpadmin.
set -euo pipefail

if ! command -v cupsd >/dev/null 2>&1; then
  echo "cups.sh: cupsd is not installed (apt-get install -y cups cups-client cups-bsd)" >&2
  exit 1
fi

running() { LC_ALL=C lpstat -r 2>/dev/null | grep -q "is running"; }

if running; then
  echo "cups.sh: scheduler is running"
  exit 0
fi

mkdir -p /run/cups /var/spool/cups /var/cache/cups /var/log/cups 2>/dev/null || true
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  systemctl start cups || cupsd
else
  cupsd
fi

for _ in $(seq 1 60); do
  if running; then
    echo "cups.sh: scheduler is running"
    exit 0
  fi
  sleep 0.5
done
echo "cups.sh: cupsd did not come up within 30 s; see /var/log/cups/error_log" >&2
tail -n 20 /var/log/cups/error_log >&2 2>/dev/null || true
exit 1
