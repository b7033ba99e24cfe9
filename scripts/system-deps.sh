#!/usr/bin/env bash
# Debian packages the platform needs: Pango and fonts for WeasyPrint's PDFs. With
# `--tests`, also Chromium for the browser tests, poppler for turning PDFs into text and
# pictures, a Java runtime for the Nu HTML Checker (npm's vnu-jar), Caddy for the production-topology test's TLS proxy, Compose to check
# docker-compose.yml, and PostgreSQL and Redis for the suite when the machine has neither
# installed nor answering. Installs only what is missing, so it costs nothing once a
# machine has them.
set -euo pipefail

packages=(
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
  fonts-dejavu-core fonts-liberation
)
if [ "${1:-}" = "--tests" ]; then
  packages+=(chromium poppler-utils caddy)
  # Any Java 11 or later runs the checker; Debian's default only when there is none.
  command -v java >/dev/null || packages+=(default-jre-headless)
  # Compose checks docker-compose.yml without a Docker engine; Debian has Compose 1, used
  # only where the docker client has no Compose plugin of its own.
  docker compose version >/dev/null 2>&1 || packages+=(docker-compose)
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if [ "${1:-}" = "--tests" ]; then
  # A server already answering (installed some other way, or on another machine
  # reached through the same port) is left alone.
  if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null && ! command -v pg_ctlcluster >/dev/null; then
    missing+=(postgresql)
  fi
  if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && ! command -v redis-server >/dev/null; then
    missing+=(redis-server)
  fi
fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
