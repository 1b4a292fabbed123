#!/usr/bin/env bash
# The agent's start-up cost, without and with the agent, interleaved, RUNS times each (default 20), on the
# java given (default: the one on PATH): wall time and peak RSS of
#  - dev.jlockdep.bench.Startup (take a lock of each kind, exit): the agent's premain, the JDK classes it
#    retransforms, the instrumentation of the few classes loaded;
#  - with LIBS (jars separated by ':', e.g. Guava's and H2's), dev.jlockdep.bench.ClassLoads serial, which
#    loads every class of them: the cost of instrumenting a large class path; then, once each, the bytes
#    its loading thread allocates (ClassLoads serial-allocated), which the agent's rewriting adds to.
# Usage: [RUNS=n] [LIBS=a.jar:b.jar] [AGENT=jar] bench/startup.sh [JAVA_HOME]  (AGENT: another build of the agent)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
agent="${AGENT:-$root/agent/target/jlockdep-agent.jar}"
# The bench's own classes only: benchmarks.jar carries a copy of the agent's core, which would shadow the agent's.
classes="$root/bench/target/classes"
[ -f "$agent" ] && [ -d "$classes" ] || (cd "$root" && mvn -q -B -DskipTests install)
java="${1:+$1/bin/}java"
python3 - "${RUNS:-20}" "$java" "$agent" "$classes" "${LIBS:-}" <<'PY'
import os, statistics, subprocess, sys, time
runs, java, agent, classes, libs = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]

def run(cmd):
    """Wall seconds and peak RSS (MB) of one run."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    if status != 0:
        sys.exit(f"failed: {' '.join(cmd)}")
    return time.perf_counter() - start, usage.ru_maxrss / 1024

def compare(name, program):
    plain, with_agent = [java, "-cp", classes] + program, [java, "-javaagent:" + agent, "-cp", classes] + program
    run(plain), run(with_agent)  # the file cache warmed
    results = {"without agent": [], "with agent": []}
    for _ in range(runs):
        results["without agent"].append(run(plain))
        results["with agent"].append(run(with_agent))
    medians = {}
    for label, rs in results.items():
        wall, rss = [r[0] * 1000 for r in rs], [r[1] for r in rs]
        medians[label] = (statistics.median(wall), statistics.median(rss))
        print(f"{name}, {label}: {medians[label][0]:.0f} ms median ({min(wall):.0f}-{max(wall):.0f}),"
              f" {medians[label][1]:.0f} MB RSS median")
    (w0, r0), (w1, r1) = medians["without agent"], medians["with agent"]
    print(f"{name}, added: {w1 - w0:.0f} ms, {r1 - r0:.0f} MB")

def allocated(jars):
    """What the loading thread allocates, without and with the agent (exact, so one run each): peak RSS
    follows it, as far as the young collections that happen to come before the end allow."""
    program = ["dev.jlockdep.bench.ClassLoads", "serial-allocated"] + jars
    for label, agent_option in (("without agent", []), ("with agent", ["-javaagent:" + agent])):
        out = subprocess.run([java] + agent_option + ["-cp", classes] + program, capture_output=True, text=True,
                             check=True).stdout
        print(f"ClassLoads serial, {label}: " + out.splitlines()[-1])

compare("Startup", ["dev.jlockdep.bench.Startup"])
if libs:
    compare("ClassLoads serial", ["dev.jlockdep.bench.ClassLoads", "serial"] + libs.split(":"))
    allocated(libs.split(":"))
PY
