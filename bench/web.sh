#!/bin/sh
# Web benchmark (issue 12): the hub jar (JVM options of scripts/run.sh) with 10,000 extensions; 100 Server-Sent Events
# clients on GET /api/events while a status client sets 1,000 changes/s for 10 s (latency p50/p99/max, target
# p99 <= 50 ms, events lost, hub CPU), then the board data: GET /api/users first page and all pages, median/max of 20,
# and the board's load time in headless Chromium (Debian's, as the browser tests use it; scripts/chromium.sh).
# Usage: bench/web.sh [--clients=100] [--seconds=10] [--rate=1000] [--runs=20] [--page=200] [--hub-jvm-args=…]
set -e
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
# the benchmark's own JVM needs the test classpath (Selenium for the browser); the hub runs from the jar
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" io.presencehub.bench.WebBenchmark "$@"
