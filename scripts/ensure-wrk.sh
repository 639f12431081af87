#!/usr/bin/env bash
# `make bench` loads the app with wrk (Debian's package); it is installed with apt-get if missing.
set -euo pipefail
command -v wrk >/dev/null && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's wrk for the benchmarks..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  command -v wrk >/dev/null && exit 0
fi
cat >&2 <<MSG
The load part of make bench needs wrk, and it is not installed.
Install it as root:   sudo apt-get install wrk
(make bench still prints the in-process table without it.)
MSG
exit 1
