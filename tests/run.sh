#!/usr/bin/env bash
# The whole test suite, on both database providers: SQLite, then PostgreSQL. The tests of several bot
# instances always use PostgreSQL. Uses the server in RELEASEBOT_TEST_POSTGRES, else starts a throw-away one.
set -euo pipefail
cd "$(dirname "$0")/.."

npm ci --prefix tests/card-conformance --no-audit --no-fund
npm ci --prefix manifest --no-audit --no-fund
npm ci --prefix tests/browser --no-audit --no-fund

# A server this run starts is stopped at its end; one that was running already is left running.
if [ -z "${RELEASEBOT_TEST_POSTGRES:-}" ]; then
  if ! RELEASEBOT_TEST_POSTGRES=$(tests/postgres.sh running); then
    RELEASEBOT_TEST_POSTGRES=$(tests/postgres.sh start)
    trap 'tests/postgres.sh stop' EXIT
  fi
fi
export RELEASEBOT_TEST_POSTGRES

dotnet build ReleaseBot.sln
# The tests of several instances (ScaleOut) are on PostgreSQL whatever the provider: they run in the second pass only.
RELEASEBOT_TEST_PROVIDER=Sqlite dotnet test ReleaseBot.sln --no-build --filter "FullyQualifiedName!~ReleaseBot.Tests.ScaleOut"
RELEASEBOT_TEST_PROVIDER=Postgres dotnet test ReleaseBot.sln --no-build
