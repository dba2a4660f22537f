#!/usr/bin/env bash
# Measures the performance targets of the design: the Go benchmarks of the
# domain code (overlap, rota, ICS export, search), then the GUI's start-up time
# (launch to first window) and memory (RSS after start) with a large data set,
# against an empty Fyne window on the same machine.
# Usage: bash scripts/bench.sh [RUNS] [--startup-only]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
apt_install "${FYNE_PACKAGES[@]}" xvfb x11-utils
ensure_go
export LANG=en_US.UTF-8
runs=${1:-5}
startup_only=${2:-}

tmp=$(mktemp -d)
trap 'kill ${xvfb:-} 2>/dev/null || true; rm -rf "$tmp"' EXIT
echo "== the large data set: 200 members, 10 rotations over two years, 10,000 log entries"
go run ./bench/gendata -db "$tmp/big.db"

if [[ $startup_only != --startup-only ]]; then
  echo "== go test -bench"
  REMOTECTO_BIG_DB="$tmp/big.db" go test -run='^$' -bench=. -benchmem ./...
fi

echo "== start-up with the large data set ($runs runs each)"
mkdir -p bin
go build -o bin/remotecto .
go build -o bin/emptywindow ./bench/emptywindow
disp=":$((200 + RANDOM % 300))"
Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
sleep 1
export DISPLAY=$disp LIBGL_ALWAYS_SOFTWARE=1

# measure CMD...: prints "SECONDS RSS_KB" for one launch.
measure() {
  local start shown pid rss
  start=$(date +%s.%N)
  "$@" >"$tmp/run.log" 2>&1 &
  pid=$!
  for _ in $(seq 1200); do
    if xwininfo -root -children 2>/dev/null | grep -qE '^ +0x[0-9a-f]+ "[^"]+"'; then break; fi
    sleep 0.01
  done
  shown=$(date +%s.%N)
  sleep 1.5
  if ! rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status 2>/dev/null); then
    echo "run of $1 ended by itself; its output:" >&2
    tail -5 "$tmp/run.log" >&2
    return 0
  fi
  kill $pid; wait $pid 2>/dev/null || true
  while xwininfo -root -children 2>/dev/null | grep -qE '^ +0x[0-9a-f]+ "[^"]+"'; do sleep 0.05; done
  echo "$(echo "$shown - $start" | bc) $rss"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

for i in $(seq "$runs"); do
  measure bin/emptywindow >>"$tmp/empty.txt"
  measure bin/remotecto --db "$tmp/big.db" >>"$tmp/app.txt"
done
et=$(cut -d' ' -f1 "$tmp/empty.txt" | median); er=$(cut -d' ' -f2 "$tmp/empty.txt" | median)
at=$(cut -d' ' -f1 "$tmp/app.txt" | median); ar=$(cut -d' ' -f2 "$tmp/app.txt" | median)
printf 'empty Fyne window: %.3f s to first window, %d MB RSS (median of %d)\n' "$et" $((er / 1024)) "$runs"
printf 'remotecto, large data: %.3f s to first window, %d MB RSS (median of %d)\n' "$at" $((ar / 1024)) "$runs"
printf 'ratio: start-up %.2fx, memory %.2fx (target: within 1.3x)\n' "$(echo "$at / $et" | bc -l)" "$(echo "$ar / $er" | bc -l)"
