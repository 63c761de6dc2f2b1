#!/usr/bin/env bash
# Installs what the benchmarks use from Debian when missing: wrk (load) and mitmproxy (the peer proxy),
# plus what the tests need (Radicale).
set -euo pipefail
bash "$(dirname "$0")/../setup/install-deps.sh"
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v mitmdump >/dev/null || need+=(mitmproxy)
[ ${#need[@]} -eq 0 ] && exit 0
echo "bench dependencies: installing ${need[*]} with apt-get"
SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
