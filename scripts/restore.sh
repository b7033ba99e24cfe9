#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into a NEW database on the server of
# DATABASE_URL, and its media archive into a NEW folder. It never writes over an existing
# database or a folder with files in it: restore beside the live ones, check them, then
# point DATABASE_URL and MEDIA_ROOT at them. A restore that fails removes what it made,
# so the next attempt can use the same names.
#   scripts/restore.sh FILE DATABASE [MEDIA_FOLDER]
set -euo pipefail
umask 077

: "${DATABASE_URL:?Set DATABASE_URL to a database on the server to restore to}"
file="${1:?Name the backup file to restore}"
target="${2:?Name the new database to restore into}"
media_folder="${3:-}"
media_archive="${file%.dump}.media.tar.gz"
[[ -f "$file" ]] || { echo "No backup file $file" >&2; exit 1; }
[[ "$target" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || { echo "Use letters, digits and _ in $target" >&2; exit 1; }
if [[ -n "$media_folder" ]]; then
  [[ -f "$media_archive" ]] || { echo "No media archive $media_archive beside $file" >&2; exit 1; }
  if [[ -e "$media_folder" && -n "$(ls -A "$media_folder")" ]]; then
    echo "The folder $media_folder has files in it; choose a new one" >&2
    exit 1
  fi
fi

server="${DATABASE_URL%/*}"
query=""
[[ "$DATABASE_URL" == *\?* ]] && query="?${DATABASE_URL#*\?}"
exists=$(psql --dbname="$DATABASE_URL" --tuples-only --no-align \
  --command="SELECT 1 FROM pg_database WHERE datname = '$target'")
if [[ "$exists" == "1" ]]; then
  echo "Database $target already exists; choose a new name" >&2
  exit 1
fi

created_database=""
created_folder=""
finished=""
undo() {
  [[ -z "$finished" ]] || return 0
  if [[ -n "$created_database" ]]; then
    echo "The restore failed; removing the unfinished database $target" >&2
    psql --dbname="$DATABASE_URL" --quiet --command="DROP DATABASE IF EXISTS \"$target\" WITH (FORCE)"
  fi
  if [[ -n "$created_folder" ]]; then
    rm -rf "$media_folder"
  fi
}
trap undo EXIT

psql --dbname="$DATABASE_URL" --quiet --command="CREATE DATABASE \"$target\""
created_database=yes
pg_restore --no-owner --exit-on-error --single-transaction --dbname="${server}/${target}${query}" "$file"
echo "Restored $file into $target"

if [[ -n "$media_folder" ]]; then
  [[ -e "$media_folder" ]] || created_folder=yes
  mkdir -p "$media_folder"
  tar --extract --gzip --no-same-owner --file="$media_archive" --directory="$media_folder"
  echo "Restored $media_archive into $media_folder"
fi
finished=yes
