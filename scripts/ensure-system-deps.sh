#!/usr/bin/env bash
# Debian packages the end-to-end tests need: chromium (driven by playwright-core), firefox-esr
# (driven by puppeteer-core over WebDriver BiDi), redis-server (two-node scenario) and iptables
# (iptables-legacy: the packet-loss faults inside the matrix's own network namespace, see
# scripts/in-netns.sh). Installs only what is missing; works as root with no stdin (CI) or via sudo.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
[ -x /usr/bin/redis-server ] || missing+=(redis-server)
[ -x /usr/sbin/iptables-legacy ] || missing+=(iptables)
if [ ${#missing[@]} -eq 0 ]; then
  echo "system deps present: chromium, firefox-esr, redis-server, iptables"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "need root or sudo to apt-get install ${missing[*]}" >&2; exit 1; }
  SUDO="sudo -n"
fi
echo "installing ${missing[*]} from Debian…"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
# The package starts a redis service on install; the tests start their own on another port.
if command -v systemctl >/dev/null 2>&1; then $SUDO systemctl stop redis-server >/dev/null 2>&1 || true; fi
