#!/usr/bin/env bash
# Unit and integration tests on the embedded database; then, when TEST_DATABASE_URL names a
# PostgreSQL server, the integration tests again against it.
set -euo pipefail
server_url=${TEST_DATABASE_URL:-}
env -u TEST_DATABASE_URL npx vitest run
if [ -n "$server_url" ]; then
  echo "--- integration tests against PostgreSQL ($server_url) ---"
  TEST_DATABASE_URL="$server_url" npx vitest run tests/integration
fi
