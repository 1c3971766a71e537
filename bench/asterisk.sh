#!/bin/sh
# Asterisk benchmark (issue 3): FakeAsterisk pushes RATE presence changes/s for SECONDS over
# EXTENSIONS extensions to the hub (packaged jar, child process); prints latency p50/p99 and hub CPU.
# Usage: bench/asterisk.sh [rate=30000] [seconds=10] [extensions=1000]
set -e
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package test-compile
CP="target/test-classes:target/presence-hub.jar"
exec java -cp "$CP" io.presencehub.bench.AsteriskBenchmark "$@"
