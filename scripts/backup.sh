#!/usr/bin/env bash
# Back up the PostgreSQL database at DATABASE_URL to one file in pg_dump's custom format,
# which pg_restore can restore whole or table by table, and the local media folder (the
# uploaded receipts and library files) to a tar archive beside it. Runs the same on a host
# (`make backup`) and in the image (`docker compose run --rm backup`), where only the
# backups volume is writable.
#   scripts/backup.sh [FILE]
# FILE defaults to $BACKUP_DIR/<database>-<UTC time>.dump (BACKUP_DIR: backups); the media
# archive is FILE with .media.tar.gz for .dump. Media kept in an S3 bucket
# (MEDIA_STORAGE=s3) is not copied: the bucket's own versioning or replication is its backup.
set -euo pipefail
# Both files hold people's personal data: readable by their owner only.
umask 077

: "${DATABASE_URL:?Set DATABASE_URL to the PostgreSQL database to back up}"
case "$DATABASE_URL" in
  postgres://* | postgresql://*) ;;
  *) echo "DATABASE_URL is not a PostgreSQL database; back up SQLite by copying its file" >&2; exit 1 ;;
esac

database="${DATABASE_URL##*/}"
database="${database%%\?*}"
file="${1:-${BACKUP_DIR:-backups}/${database}-$(date -u +%Y%m%dT%H%M%SZ).dump}"
media_archive="${file%.dump}.media.tar.gz"
mkdir -p "$(dirname "$file")"

# A backup that stopped halfway is no backup: leave nothing that could be mistaken for one.
finished=""
trap '[[ -n "$finished" ]] || rm -f "$file" "$media_archive"' EXIT

# --no-owner: the restore belongs to whoever restores it, on any server.
pg_dump --format=custom --no-owner --dbname="$DATABASE_URL" --file="$file"
chmod 600 "$file"
echo "Backed up $database to $file"

# The media after the database: every file the dump names was stored before it was taken.
if [[ "${MEDIA_STORAGE:-local}" == "s3" ]]; then
  echo "Media is in the bucket ${AWS_STORAGE_BUCKET_NAME:-}; its versioning or replication is its backup"
else
  media="${MEDIA_ROOT:-media}"
  mkdir -p "$media"
  tar --create --gzip --file="$media_archive" --directory="$media" .
  chmod 600 "$media_archive"
  echo "Backed up the media folder $media to $media_archive"
fi
finished=yes
