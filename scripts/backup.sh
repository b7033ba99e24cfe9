#!/usr/bin/env bash
# Back up the PostgreSQL database at DATABASE_URL to one file in pg_dump's custom format,
# which pg_restore can restore whole or table by table.
#   scripts/backup.sh [FILE]   (default: backups/<database>-<UTC time>.dump)
set -euo pipefail

: "${DATABASE_URL:?Set DATABASE_URL to the PostgreSQL database to back up}"
case "$DATABASE_URL" in
  postgres://* | postgresql://*) ;;
  *) echo "DATABASE_URL is not a PostgreSQL database; back up SQLite by copying its file" >&2; exit 1 ;;
esac

database="${DATABASE_URL##*/}"
database="${database%%\?*}"
file="${1:-backups/${database}-$(date -u +%Y%m%dT%H%M%SZ).dump}"
mkdir -p "$(dirname "$file")"
# --no-owner: the restore belongs to whoever restores it, on any server.
pg_dump --format=custom --no-owner --dbname="$DATABASE_URL" --file="$file"
echo "Backed up $database to $file"
