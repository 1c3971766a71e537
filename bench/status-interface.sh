#!/usr/bin/env bash
# Status-interface benchmark: builds the hub jar and the benchmark, then runs it against the jar
# (as a child process on free loopback ports). Options are passed on, e.g. --clients=200 --seconds=10.
# Run from anywhere; works in the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q package -DskipTests   # also compiles src/test into target/test-classes

exec java -cp target/test-classes:target/presence-hub.jar io.presencehub.bench.StatusInterfaceBenchmark "$@"
