#!/bin/sh
# Teams sync benchmark (issue 4): 10,000 users against the fake Graph. Builds, then runs
# io.presencehub.bench.TeamsBenchmark from the test classes on top of the runnable jar.
set -e
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
exec java -Dhub.log.level=WARN -cp target/test-classes:target/presence-hub.jar io.presencehub.bench.TeamsBenchmark "$@"
