#!/usr/bin/env bash
# Runs the hub on its embedded defaults from the repository root: directory config/directory.yaml,
# H2 under ./data, status interface on 127.0.0.1:50002, health on 127.0.0.1:8099, AMI and Teams
# off until configured. Builds the jar first when it is missing. Extra arguments go to the JVM,
# e.g. scripts/run.sh -Dhub.status.port=50003
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f target/presence-hub.jar ]; then
    mvn -B -q package -DskipTests
fi
# a small heap is plenty (the state of 10,000 extensions is a few megabytes), the parallel young
# collector keeps pauses short (fan-out p99), and the quick C1 compiler
# alone starts faster, uses less memory and, on 2 cores, keeps more CPU for the work itself
exec java ${HUB_JAVA_OPTS:--Xmx160m -XX:+UseParallelGC -XX:ParallelGCThreads=2 -XX:TieredStopAtLevel=1} "$@" -jar target/presence-hub.jar
