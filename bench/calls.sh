#!/bin/sh
# Call state benchmark (issue 11), end to end through FakeAsterisk and the fake Graph: 1,000 desk phones with 100 call
# starts and 100 ends per second (DeviceStateChange -> setPresence/clearPresence), and 100 Teams meetings (the read
# that shows one -> Setvar DEVICE_STATE INUSE/NOT_INUSE). Builds, then runs io.presencehub.bench.CallStateBenchmark
# from the test classes.
set -e
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
exec java -Dhub.log.level=WARN -cp target/test-classes:target/presence-hub.jar io.presencehub.bench.CallStateBenchmark "$@"
