#!/usr/bin/env bash
# What running a service under the agent costs on top of the agent itself: H2 over JDBC
# (JdbcWorkload, 4 client threads) with the agent alone, with dumpEvery=1 (a dump rewritten every
# second), and with a Flight Recorder recording (the agent's events on; beside it the same recording
# without the agent, for JFR's own share). FORKS forks each (default 3). Prints a Markdown table.
# Usage: [FORKS=n] bench/service.sh [JAVA_HOME]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
agent="$root/agent/target/jlockdep-agent.jar"
jar="$root/bench/target/benchmarks.jar"
[ -f "$agent" ] && [ -f "$jar" ] || (cd "$root" && mvn -q -B -DskipTests install)
java="${1:+$1/bin/}java"
forks="${FORKS:-3}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
opts="exclude=org.openjdk.jmh.*"
run() {
  "$java" -jar "$jar" JdbcWorkload -f "$forks" -t 4 -rf csv -rff "$out/$1.csv" ${2:+-jvmArgsAppend "$2"} >/dev/null 2>&1
  python3 - "$out/$1.csv" "$3" <<'PY'
import csv, sys
row = next(csv.DictReader(open(sys.argv[1])))
print(f"| {sys.argv[2]} | {float(row['Score']):.1f} ± {float(row['Score Error (99.9%)']):.1f} |")
PY
}
echo "| $("$java" -version 2>&1 | head -1) | transactions/ms |"
echo "|---|---|"
run plain "" "without the agent"
run agent "-javaagent:$agent=$opts" "agent"
run dumps "-javaagent:$agent=$opts,dump=$out/d-%p.json,dumpEvery=1" "agent, dumpEvery=1"
run jfr "-javaagent:$agent=$opts -XX:StartFlightRecording:filename=$out/r-%p.jfr" "agent, JFR recording (default settings)"
run jfronly "-XX:StartFlightRecording:filename=$out/p-%p.jfr" "JFR recording, without the agent"
