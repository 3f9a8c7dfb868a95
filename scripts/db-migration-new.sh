#!/usr/bin/env bash
# Authors a migration by schema-to-schema diff (`prisma migrate dev` does not work with the WASM engine on SQLite).
# Usage: npm run db:migration -- <name>   (diffs the committed schema at HEAD against prisma/schema.prisma)
set -euo pipefail
name="${1:?usage: npm run db:migration -- <name>}"
export DATABASE_URL="${DATABASE_URL:-file:./data/lookout.db}"
dir="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_${name}"
prev=$(mktemp --suffix=.prisma)
trap 'rm -f "$prev"' EXIT
if git cat-file -e HEAD:prisma/schema.prisma 2>/dev/null; then
  git show HEAD:prisma/schema.prisma >"$prev"
  from=(--from-schema-datamodel "$prev")
else
  from=(--from-empty)
fi
sql=$(npx prisma migrate diff "${from[@]}" --to-schema-datamodel prisma/schema.prisma --script)
if ! grep -qvE '^(--.*)?$' <<<"$sql"; then echo "no schema change since HEAD: nothing to write"; exit 0; fi
mkdir -p "$dir"
printf '%s\n' "$sql" >"$dir/migration.sql"
echo "wrote $dir/migration.sql; apply with: npm run db:migrate"
