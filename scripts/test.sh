#!/usr/bin/env bash
# Runs every test: unit and socket tests (surefire), then the runnable jar's integration tests
# (failsafe: kill -9 durability on H2 and PostgreSQL). PostgreSQL is installed and started first, and
# Chromium with chromedriver for the browser tests, when this machine allows it.
set -euo pipefail
cd "$(dirname "$0")/.."

eval "$(scripts/postgres.sh)"
scripts/chromium.sh
exec mvn -B verify "$@"
