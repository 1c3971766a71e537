#!/usr/bin/env bash
# Runs every test: unit and socket tests (surefire), then the runnable jar's integration tests
# (failsafe: kill -9 durability on H2 and PostgreSQL). PostgreSQL is installed and started first
# when this machine allows it.
set -euo pipefail
cd "$(dirname "$0")/.."

eval "$(scripts/postgres.sh)"
exec mvn -B verify "$@"
