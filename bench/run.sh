#!/usr/bin/env bash
# Runs the nested-pair benchmarks without and with the agent, on 1 and 2 threads, on each JDK given
# (default: the java on PATH and Temurin 25), three forks each, and prints a Markdown table for BENCHMARKS.md.
# Usage: bench/run.sh [JAVA_HOME...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
agent="$root/agent/target/jlockdep-agent.jar"
jar="$root/bench/target/benchmarks.jar"
[ -f "$agent" ] && [ -f "$jar" ] || (cd "$root" && mvn -q -B -DskipTests install)
jdks=("$@")
[ ${#jdks[@]} -gt 0 ] || jdks=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")" /usr/lib/jvm/temurin-25-jdk-amd64)
out="$(mktemp -d)"
echo "| JDK | benchmark | threads | without agent (ns/op) | with agent (ns/op) | with / without | added / without |"
echo "|---|---|---|---|---|---|---|"
for jdk in "${jdks[@]}"; do
  version="$("$jdk/bin/java" -version 2>&1 | head -1 | sed 's/.*version "\([^"]*\)".*/\1/')"
  for threads in 1 2; do
    "$jdk/bin/java" -jar "$jar" NestedPair -f 3 -t "$threads" -rf csv -rff "$out/base.csv" >/dev/null 2>&1
    "$jdk/bin/java" -jar "$jar" NestedPair -f 3 -t "$threads" -rf csv -rff "$out/agent.csv" \
      -jvmArgsAppend "-javaagent:$agent=exclude=org.openjdk.jmh.*" >/dev/null 2>&1
    python3 - "$out/base.csv" "$out/agent.csv" "$version" "$threads" <<'PY'
import csv, sys
def load(p):
    return {r["Benchmark"].rsplit(".", 1)[1]: (float(r["Score"]), float(r["Score Error (99.9%)"])) for r in csv.DictReader(open(p))}
base, agent = load(sys.argv[1]), load(sys.argv[2])
for name in sorted(base):
    b, be = base[name]; a, ae = agent[name]
    print(f"| {sys.argv[3]} | {name} | {sys.argv[4]} | {b:.1f} ± {be:.1f} | {a:.1f} ± {ae:.1f} | {a / b:.2f}x | {(a - b) / b:.2f}x |")
PY
  done
done
