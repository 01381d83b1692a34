#!/usr/bin/env bash
# Back up the portal into one folder: the database (pg_dump, custom format) and the uploaded files.
#   DATABASE_URL=postgres://user:password@host:5432/icm_portal MEDIA_ROOT=/srv/icm/media \
#     bash scripts/backup.sh /backups/2026-12-01
# The database is dumped first, then the files: every attachment row in the dump has its file in
# the archive (files are only ever added after their row). pg_dump must be as new as the server.
set -euo pipefail
target=${1:?usage: DATABASE_URL=postgres://… MEDIA_ROOT=… bash scripts/backup.sh BACKUP_FOLDER}
: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database to back up}"
media=${MEDIA_ROOT:-"$(cd "$(dirname "$0")/.." && pwd)/media"}

mkdir -p "$target"
pg_dump --format=custom --no-owner --no-privileges --file="$target/database.dump" --dbname="$DATABASE_URL"
mkdir -p "$media"
tar -C "$media" -czf "$target/media.tar.gz" .
echo "Backed up to $target: database.dump ($(du -h "$target/database.dump" | cut -f1)), media.tar.gz ($(du -h "$target/media.tar.gz" | cut -f1))"
