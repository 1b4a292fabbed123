#!/usr/bin/env bash
# Runs one library workload without or with the agent; prints one line:
#   APP MODE rc=N ops/s=N rss=MB reports=N dump=FILE    (rss: the JVM's peak resident set, from /usr/bin/time)
# usage, from the project root:  bench/workload.sh APP SECONDS plain|agent [java options...]
#   APP: a folder of bench/workloads (pom.xml lists the libraries, src/ holds the driver, which prints ops/s=N last),
#        or the path of any folder laid out the same way (e.g. ../shared/realcode/jetty)
#   AGENT (default agent/target/jlockdep-agent.jar), AGENTOPTS (more agent options), WORK (default /tmp/jlockdep-workloads)
set -u
[ $# -ge 3 ] || { echo "usage: bench/workload.sh APP SECONDS plain|agent [java options...]" >&2; exit 2; }
app=$1 secs=$2 mode=$3; shift 3
src=$app; [ -d "$src" ] || src=$(dirname "$0")/workloads/$app
[ -f "$src/pom.xml" ] || { echo "no workload at $app" >&2; exit 2; }
case $mode in plain|agent) ;; *) echo "mode must be plain or agent: $mode" >&2; exit 2;; esac
src=$(cd "$src" && pwd); name=$(basename "$src")
agent=${AGENT:-$PWD/agent/target/jlockdep-agent.jar}
dir=${WORK:-/tmp/jlockdep-workloads}/$name
mkdir -p "$dir"
if [ ! -f "$dir/lib/.ok" ]; then
  cp "$src/pom.xml" "$dir/pom.xml"
  (cd "$dir" && mvn -q -B dependency:copy-dependencies -DoutputDirectory=lib -DincludeScope=runtime) >&2 && touch "$dir/lib/.ok" || exit 2
fi
rm -rf "$dir/classes" && mkdir -p "$dir/classes"
javac -nowarn -cp "$dir/lib/*" -d "$dir/classes" "$src"/src/*.java >&2 || exit 2
main=$(basename "$(ls "$src"/src/*.java | head -1)" .java)
cp="$dir/classes:$dir/lib/*"; [ -d "$src/conf" ] && cp="$src/conf:$cp"
run=$dir/run-$mode; rm -rf "$run"; mkdir -p "$run"
opts=("-DWORK_DIR=$run" "$@")
if [ "$mode" = agent ]; then
  [ -f "$agent" ] || { echo "no agent jar at $agent (build first)" >&2; exit 2; }
  opts=("-javaagent:$agent=dump=$run/dump-%p.json${AGENTOPTS:+,$AGENTOPTS}" "${opts[@]}")
fi
(cd "$run" && WORK_DIR=$run timeout $((secs * 4 + 120)) /usr/bin/time -o rss -f %M java "${opts[@]}" -cp "$cp" "$main" "$secs" >stdout 2>stderr)
rc=$?
rss=$(( $(tail -1 "$run/rss" 2>/dev/null | grep -o '^[0-9]*' || echo 0) / 1024 ))
ops=$(tail -1 "$run/stdout" | grep -o 'ops/s=[0-9]*' | cut -d= -f2)
reports=$(grep -c '^WARNING: possible\|^WARNING: bad unlock\|^BUG:' "$run/stderr")
echo "$name $mode rc=$rc ops/s=${ops:-?} rss=$rss reports=$reports dump=$(ls "$run"/dump-*.json 2>/dev/null | head -1)"
