#!/usr/bin/env bash
# Fails when the entities and the migrations disagree: applies every migration to a scratch
# database, then asks TypeORM whether it would generate another one. Needs `npm run build` first.
set -euo pipefail
cd "$(dirname "$0")/.."
db="kakehashi_schema_check_$$"
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/${db}"
trap 'psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS ${db} WITH (FORCE)" >/dev/null' EXIT
node dist/apps/api/src/cli/main.js migrate >/dev/null
npx typeorm migration:generate --check -d dist/libs/database/src/data-source.js libs/database/src/migrations/Pending
