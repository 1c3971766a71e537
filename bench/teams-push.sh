#!/bin/sh
# Teams push benchmark (issue 13): 10,000 users, 100 Teams changes per second through change notifications for 60 s.
# Prints change -> status-client event latency (target p99 <= 1 s; the 10 s poll: up to 10 s) and the Graph requests
# and deliveries per minute. Builds, then runs io.presencehub.bench.TeamsPushBenchmark from the test classes on top of
# the runnable jar (about 1.5 minutes after the build). Arguments key=value are hub settings to try, e.g.
# hub.teams.push-coalesce=50ms.
set -e
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
exec java -Dhub.log.level=WARN -cp target/test-classes:target/presence-hub.jar io.presencehub.bench.TeamsPushBenchmark "$@"
