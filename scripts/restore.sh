#!/usr/bin/env bash
# Restore a folder made by scripts/backup.sh into a database and a media folder (stop web, worker
# and beat first). Tables that exist are replaced; an empty database made with createdb is fine.
#   DATABASE_URL=postgres://user:password@host:5432/icm_portal MEDIA_ROOT=/srv/icm/media \
#     bash scripts/restore.sh /backups/2026-12-01
set -euo pipefail
source=${1:?usage: DATABASE_URL=postgres://… MEDIA_ROOT=… bash scripts/restore.sh BACKUP_FOLDER}
: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database to restore into}"
media=${MEDIA_ROOT:-"$(cd "$(dirname "$0")/.." && pwd)/media"}
for part in database.dump media.tar.gz; do
  [ -f "$source/$part" ] || { echo "$source/$part is missing: not a backup folder" >&2; exit 1; }
done

pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="$DATABASE_URL" "$source/database.dump"
mkdir -p "$media"
tar -C "$media" -xzf "$source/media.tar.gz"
echo "Restored $source into the database and $media"
