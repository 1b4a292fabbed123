#!/usr/bin/env bash
# The performance issue's measure: each workload run RUNS times without and RUNS times with the agent,
# alternating (so that a host's drift falls on both), SECONDS each; then, per workload, the median
# ops/s of each mode, their ratio (agent / plain) and the peak RSS ranges.
# usage, from the project root:  bench/ratio.sh [-n RUNS] [-s SECONDS] [APP...]
#   APP as for bench/workload.sh (default: the four of ../shared/realcode, then netty and caffeine);
#   AGENT and AGENTOPTS are passed on to bench/workload.sh. Each run's line goes to stderr as it ends.
set -u
runs=5 secs=20
while getopts "n:s:" o; do
  case $o in
    n) runs=$OPTARG ;;
    s) secs=$OPTARG ;;
    *) echo "usage: bench/ratio.sh [-n RUNS] [-s SECONDS] [APP...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
case "$runs$secs" in *[!0-9]*|'') echo "RUNS and SECONDS must be whole numbers" >&2; exit 2 ;; esac
[ "$runs" -gt 0 ] && [ "$secs" -gt 0 ] || { echo "RUNS and SECONDS must be at least 1" >&2; exit 2; }
[ $# -gt 0 ] || set -- ../shared/realcode/derby ../shared/realcode/jetty ../shared/realcode/h2hikari \
  ../shared/realcode/logback netty caffeine
here=$(dirname "$0")
for app in "$@"; do
  [ -f "$app/pom.xml" ] || [ -f "$here/workloads/$app/pom.xml" ] || { echo "no workload at $app" >&2; exit 2; }
done

# The median of whole numbers, one per line (the lower middle one for an even count).
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }

printf '%-10s %12s %12s %6s %14s %14s\n' workload "plain ops/s" "agent ops/s" ratio "plain RSS MB" "agent RSS MB"
for app in "$@"; do
  out=$(mktemp)
  for r in $(seq 1 "$runs"); do
    for mode in plain agent; do
      line=$("$here/workload.sh" "$app" "$secs" "$mode") || { echo "$line" >&2; rm -f "$out"; exit 2; }
      echo "$line" >&2
      echo "$mode $(echo "$line" | grep -o 'ops/s=[0-9]*' | cut -d= -f2) $(echo "$line" | grep -o 'rss=[0-9]*' | cut -d= -f2)" >>"$out"
    done
  done
  p=$(awk '$1 == "plain" && $2 != "" { print $2 }' "$out" | median)
  a=$(awk '$1 == "agent" && $2 != "" { print $2 }' "$out" | median)
  prss=$(awk '$1 == "plain" { print $3 }' "$out" | sort -n | sed -n '1p;$p' | paste -sd-)
  arss=$(awk '$1 == "agent" { print $3 }' "$out" | sort -n | sed -n '1p;$p' | paste -sd-)
  ratio=$(awk -v p="${p:-0}" -v a="${a:-0}" 'BEGIN { if (p > 0) printf "%.2f", a / p; else print "?" }')
  printf '%-10s %12s %12s %6s %14s %14s\n' "$(basename "$app")" "${p:-?}" "${a:-?}" "$ratio" "$prss" "$arss"
  rm -f "$out"
done
