#!/usr/bin/env bash
# The tests run against a real PostgreSQL and Redis on this machine, as the user
# `postgres` without a password on 127.0.0.1 (see DATABASE_URL in pyproject.toml). Start
# either server if it does not answer, and let that user in when the server refuses it;
# a server that already answers and lets the user in is never touched.
set -euo pipefail

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  echo "Starting PostgreSQL"
  $sudo pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start
fi
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "Starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
fi
for _ in $(seq 1 30); do
  if pg_isready -h 127.0.0.1 -p 5432 -q && redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    break
  fi
  sleep 1
done
if ! pg_isready -h 127.0.0.1 -p 5432 -q || ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "PostgreSQL or Redis did not answer within 30 seconds" >&2
  exit 1
fi

# A fresh Debian cluster asks for a password over TCP; the suite's user has none. Trust
# it from this machine only, ahead of the cluster's own rules, and reload.
if ! psql -h 127.0.0.1 -U postgres -d postgres -Atc "select 1" >/dev/null 2>&1; then
  if [ ! -d /etc/postgresql ]; then
    echo "PostgreSQL refuses the user postgres from 127.0.0.1, and it is not Debian's" \
      "own server to configure here: allow that user in, or set DATABASE_URL." >&2
    exit 1
  fi
  cluster="$(ls /etc/postgresql | sort -V | tail -n 1)"
  hba="/etc/postgresql/${cluster}/main/pg_hba.conf"
  echo "Letting the test user postgres in from 127.0.0.1 ($hba)"
  $sudo sed -i '1i host all postgres 127.0.0.1/32 trust' "$hba"
  $sudo pg_ctlcluster --skip-systemctl-redirect "$cluster" main reload
  for _ in $(seq 1 10); do
    psql -h 127.0.0.1 -U postgres -d postgres -Atc "select 1" >/dev/null 2>&1 && exit 0
    sleep 1
  done
  echo "PostgreSQL still refuses the user postgres from 127.0.0.1; see $hba" >&2
  exit 1
fi
