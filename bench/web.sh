#!/bin/sh
# Web benchmark (issue 12): the hub jar (JVM options of scripts/run.sh) with 10,000 extensions; 100 Server-Sent Events
# clients on GET /api/events while a status client sets 1,000 changes/s for 10 s (latency p50/p99/max, target
# p99 <= 50 ms, events lost, hub CPU), then the board data: GET /api/users first page and all pages, median/max of 20.
# Usage: bench/web.sh [--clients=100] [--seconds=10] [--rate=1000] [--runs=20] [--page=200] [--hub-jvm-args=…]
set -e
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
exec java -cp target/test-classes:target/presence-hub.jar io.presencehub.bench.WebBenchmark "$@"
