#!/bin/sh
# Call session benchmark (issue 11): 1,000 users, 100 device-state changes per second, device state -> setPresence
# latency against the fake Graph. Builds, then runs io.presencehub.bench.TeamsCallBenchmark from the test classes.
set -e
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
exec java -Dhub.log.level=WARN -cp target/test-classes:target/presence-hub.jar io.presencehub.bench.TeamsCallBenchmark "$@"
