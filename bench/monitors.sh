#!/usr/bin/env bash
# Runs MonitorCalls (a synchronized method, StringBuffer and Vector calls, each inside a synchronized
# block) without the agent and with each agent jar given in AGENTS (default: this build's), on each JDK
# given (default: the java on PATH and Temurin 25), FORKS forks each (default 2), and prints a Markdown
# table for BENCHMARKS.md. The benchmark jar carries the core classes, which come first on the class
# path: an agent jar from an older build runs its own instrumentation over this build's core.
# Usage: [FORKS=n] [AGENTS="old.jar new.jar"] bench/monitors.sh [JAVA_HOME...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/bench/target/benchmarks.jar"
forks="${FORKS:-2}"
(cd "$root" && mvn -q -B -DskipTests install) >&2
read -r -a agents <<< "${AGENTS:-$root/agent/target/jlockdep-agent.jar}"
jdks=("$@")
[ ${#jdks[@]} -gt 0 ] || jdks=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")" /usr/lib/jvm/temurin-25-jdk-amd64)
out="$(mktemp -d)"
header="| JDK | benchmark | held | without agent (ns/op)"
for a in "${agents[@]}"; do header="$header | with $(basename "$(dirname "$(dirname "$a")")")/$(basename "$a") (ns/op)"; done
echo "$header |"
echo "|---|---|---|---$(printf '|---%.0s' "${agents[@]}")|"
for jdk in "${jdks[@]}"; do
  version="$("$jdk/bin/java" -version 2>&1 | head -1 | sed 's/.*version "\([^"]*\)".*/\1/')"
  run() { "$jdk/bin/java" -jar "$jar" 'bench\.MonitorCalls\.' -f "$forks" -rf csv -rff "$1" "${@:2}" >/dev/null 2>&1; }
  run "$out/base.csv"
  i=0
  for a in "${agents[@]}"; do
    run "$out/agent$i.csv" -jvmArgsAppend "-javaagent:$a=exclude=org.openjdk.jmh.*"
    i=$((i + 1))
  done
  python3 - "$out" "$version" "${#agents[@]}" <<'PY'
import csv, sys
def load(name):
    rows = csv.DictReader(open(f"{sys.argv[1]}/{name}.csv"))
    return {(r["Benchmark"].rsplit(".", 1)[1], int(r["Param: held"])): (float(r["Score"]), float(r["Score Error (99.9%)"])) for r in rows}
base = load("base")
agents = [load(f"agent{i}") for i in range(int(sys.argv[3]))]
for key in sorted(base):
    b, be = base[key]
    cells = [f"{a[key][0]:.1f} ± {a[key][1]:.1f} (+{a[key][0] - b:.1f}, {a[key][0] / b:.2f}x)" for a in agents]
    print(f"| {sys.argv[2]} | {key[0]} | {key[1]} | {b:.1f} ± {be:.1f} | " + " | ".join(cells) + " |")
PY
done
