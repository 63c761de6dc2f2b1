#!/usr/bin/env bash
# Installs what the tests need from Debian (real server, real clients, real browser) when missing.
# Run as root (CI and a fresh Debian machine are); otherwise it names what to install.
set -euo pipefail
need=()
command -v radicale >/dev/null || need+=(radicale)
# The second, independently written CalDAV server (interop tests; rules must hold for both).
command -v xandikos >/dev/null || need+=(xandikos)
# The third: DAViCal (PHP), served by the tests with php -S from a private PostgreSQL cluster each
# (test/harness/davical.ts). postgresql is only a Recommends of davical: named here for initdb.
[ -f /usr/share/davical/dba/create-database.sh ] || need+=(davical)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql)
{ command -v php >/dev/null && php -r 'exit(extension_loaded("pgsql") && extension_loaded("xml") ? 0 : 1);'; } || need+=(php-cli php-pgsql php-xml)
/usr/bin/python3 -c 'import caldav' 2>/dev/null || need+=(python3-caldav)
command -v vdirsyncer >/dev/null || need+=(vdirsyncer)
# The README's pytest example is run with Debian's pytest.
/usr/bin/python3 -c 'import pytest' 2>/dev/null || need+=(python3-pytest)
command -v litmus >/dev/null || need+=(litmus)
command -v curl >/dev/null || need+=(curl)
# The browser tests drive Debian's Chromium through playwright-core (never a browser download).
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -eq 0 ]; then
  echo "test dependencies: all present"
  exit 0
fi
echo "test dependencies: installing ${need[*]} with apt-get"
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO=sudo; else
    echo "not root and no sudo: install these Debian packages, then run the tests again: ${need[*]}" >&2
    exit 1
  fi
else SUDO=; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "test dependencies: installed ${need[*]}"
