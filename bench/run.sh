#!/usr/bin/env bash
# Runs the nested-pair benchmarks without and with the agent, and Guava's CycleDetectingLockFactory on
# the same pair, with 0, 4 and 16 locks already held, on 1 and 2 threads, on each JDK given (default:
# the java on PATH and Temurin 25), FORKS forks each (default 2), and prints a Markdown table for
# BENCHMARKS.md.
# Usage: [FORKS=n] bench/run.sh [JAVA_HOME...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
agent="$root/agent/target/jlockdep-agent.jar"
jar="$root/bench/target/benchmarks.jar"
forks="${FORKS:-2}"
# Always built together: the benchmark jar carries the core classes too, and they come first on the
# class path, so an agent jar from another build would run with them.
(cd "$root" && mvn -q -B -DskipTests install)
jdks=("$@")
[ ${#jdks[@]} -gt 0 ] || jdks=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")" /usr/lib/jvm/temurin-25-jdk-amd64)
out="$(mktemp -d)"
echo "| JDK | benchmark | threads | held | without agent (ns/op) | with agent (ns/op) | with / without | Guava (ns/op) | Guava / without |"
echo "|---|---|---|---|---|---|---|---|---|"
for jdk in "${jdks[@]}"; do
  version="$("$jdk/bin/java" -version 2>&1 | head -1 | sed 's/.*version "\([^"]*\)".*/\1/')"
  for threads in 1 2; do
    run() { "$jdk/bin/java" -jar "$jar" "$1" -f "$forks" -t "$threads" -rf csv -rff "$2" "${@:3}" >/dev/null 2>&1; }
    run 'bench\.NestedPair\.' "$out/base.csv"
    run 'bench\.NestedPair\.' "$out/agent.csv" -jvmArgsAppend "-javaagent:$agent=exclude=org.openjdk.jmh.*"
    run 'GuavaNestedPair\.(reentrantLock|readWriteLock)' "$out/guava.csv"
    python3 - "$out" "$version" "$threads" <<'PY'
import csv, sys
def load(name):
    rows = csv.DictReader(open(f"{sys.argv[1]}/{name}.csv"))
    return {(r["Benchmark"].rsplit(".", 1)[1], int(r["Param: held"])): (float(r["Score"]), float(r["Score Error (99.9%)"])) for r in rows}
base, agent, guava = load("base"), load("agent"), load("guava")
for key in sorted(base):
    (b, be), (a, ae) = base[key], agent[key]
    g = f"{guava[key][0]:.1f} ± {guava[key][1]:.1f} | {guava[key][0] / b:.2f}x" if key in guava else "- | -"
    print(f"| {sys.argv[2]} | {key[0]} | {sys.argv[3]} | {key[1]} | {b:.1f} ± {be:.1f} | {a:.1f} ± {ae:.1f} | {a / b:.2f}x | {g} |")
PY
  done
done
