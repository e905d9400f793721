#!/bin/sh
# `prisma generate` only asks the schema engine for its version; the real binary would be downloaded
# from a host this machine cannot reach. Migrations are authored with @prisma/schema-engine-wasm instead
# (prisma/tools/new-migration.ts) and applied by our own runner (lib/platform/db/migrate.ts).
echo "schema-engine-cli 0edf323efd1d98336f3f0a68684b56f689b900d3"
