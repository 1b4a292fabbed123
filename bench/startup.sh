#!/usr/bin/env bash
# The agent's start-up cost: wall time of a JVM running dev.jlockdep.bench.Startup (take a lock, exit),
# RUNS times (default 20) without and with the agent, on the java given (default: the one on PATH).
# Usage: [RUNS=n] bench/startup.sh [JAVA_HOME]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
agent="$root/agent/target/jlockdep-agent.jar"
jar="$root/bench/target/benchmarks.jar"
[ -f "$agent" ] && [ -f "$jar" ] || (cd "$root" && mvn -q -B -DskipTests install)
java="${1:+$1/bin/}java"
runs="${RUNS:-20}"
time_runs() {
  python3 - "$runs" "$@" <<'PY'
import statistics, subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
subprocess.run(cmd, check=True, capture_output=True)  # a first run warms the file cache
times = []
for _ in range(runs):
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    times.append((time.perf_counter() - start) * 1000)
print(f"{statistics.median(times):.0f} ms median, {min(times):.0f}-{max(times):.0f} ms")
PY
}
echo "without agent: $(time_runs "$java" -cp "$jar" dev.jlockdep.bench.Startup)"
echo "with agent:    $(time_runs "$java" "-javaagent:$agent" -cp "$jar" dev.jlockdep.bench.Startup)"
