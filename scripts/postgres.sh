#!/usr/bin/env bash
# Makes a local PostgreSQL available for the tests and prints the settings to export:
#   eval "$(scripts/postgres.sh)"
# Installs Debian's postgresql package when it is missing (needs root), starts the cluster and
# creates the role and database "hub_test". Prints nothing (and exits 0) when that is not possible,
# so the PostgreSQL tests are skipped on a developer machine without it (CI requires them).
set -euo pipefail

log() { echo "postgres.sh: $*" >&2; }

if ! command -v pg_lsclusters >/dev/null 2>&1; then
    if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
        log "PostgreSQL is not installed and cannot be installed here; its tests will be skipped"
        exit 0
    fi
    log "installing PostgreSQL from Debian's packages"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

read -r version cluster port status _ < <(pg_lsclusters --no-header | head -n 1)
if [ "$status" != "online" ]; then
    log "starting cluster $version/$cluster"
    pg_ctlcluster "$version" "$cluster" start >&2
fi

as_postgres() { if [ "$(id -u)" = "0" ]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi; }
as_postgres "psql -p $port -tAc \"SELECT 1 FROM pg_roles WHERE rolname = 'hub'\"" | grep -q 1 \
    || as_postgres "psql -p $port -qc \"CREATE ROLE hub LOGIN PASSWORD 'hub-test'\"" >&2
as_postgres "psql -p $port -tAc \"SELECT 1 FROM pg_database WHERE datname = 'hub_test'\"" | grep -q 1 \
    || as_postgres "createdb -p $port -O hub hub_test" >&2

echo "export HUB_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:$port/hub_test"
echo "export HUB_TEST_POSTGRES_USER=hub"
echo "export HUB_TEST_POSTGRES_PASSWORD=hub-test"
