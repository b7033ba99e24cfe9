#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into a NEW database on the server of
# DATABASE_URL. It never writes over an existing database: restore beside the live one,
# check it, then point DATABASE_URL at it.
#   scripts/restore.sh FILE DATABASE
set -euo pipefail

: "${DATABASE_URL:?Set DATABASE_URL to a database on the server to restore to}"
file="${1:?Name the backup file to restore}"
target="${2:?Name the new database to restore into}"
[[ -f "$file" ]] || { echo "No backup file $file" >&2; exit 1; }
[[ "$target" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || { echo "Use letters, digits and _ in $target" >&2; exit 1; }

server="${DATABASE_URL%/*}"
query=""
[[ "$DATABASE_URL" == *\?* ]] && query="?${DATABASE_URL#*\?}"
exists=$(psql --dbname="$DATABASE_URL" --tuples-only --no-align \
  --command="SELECT 1 FROM pg_database WHERE datname = '$target'")
if [[ "$exists" == "1" ]]; then
  echo "Database $target already exists; choose a new name" >&2
  exit 1
fi
psql --dbname="$DATABASE_URL" --quiet --command="CREATE DATABASE \"$target\""
pg_restore --no-owner --exit-on-error --dbname="${server}/${target}${query}" "$file"
echo "Restored $file into $target"
