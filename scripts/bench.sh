#!/usr/bin/env bash
# Measures the performance targets of the design on a ladder of data sizes
# (bench/ladder): for each rung — members, 1:1 and update log entries, years
# of rota, made by bench/gendata with one hostile 127 KB entry of one word —
# the start to the first drawn frame (judged by the window's pixels) and the
# memory after start against an empty Fyne window, each tab's first opening
# with the longest UI-thread stall meanwhile (a frame-time probe inside the
# real window), search as you type, and the command line's overlap, on-call
# now, export ics --all and log search. Each figure has its growth from the
# rung before next to it, to read against the growth of the data. Then,
# unless --no-go-bench, the Go benchmarks of the domain code.
#
# Usage: bash scripts/bench.sh [--rungs LIST] [--runs N] [--quick] [--no-go-bench]
#   --rungs  MEMBERS:ENTRIES:YEARS,... (default: the whole ladder,
#            50:10k:1,200:10k:2,1000:100k:2,2000:200k:2,2000:200k:5)
#   --quick  the 200-member and 2,000-member rungs only, 3 runs each
#   --runs   launches and command runs per rung (default 5); medians shown
# The whole ladder takes about 15 minutes on 2 cores; --quick about 5.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh

rungs="50:10k:1,200:10k:2,1000:100k:2,2000:200k:2,2000:200k:5"
runs=5
go_bench=yes
while (($#)); do
  case $1 in
    --rungs) rungs=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --quick) rungs="200:10k:2,2000:200k:2"; runs=3; shift ;;
    --no-go-bench) go_bench=no; shift ;;
    *) echo "usage: bash scripts/bench.sh [--rungs LIST] [--runs N] [--quick] [--no-go-bench]" >&2; exit 2 ;;
  esac
done

apt_install "${FYNE_PACKAGES[@]}" xvfb x11-utils x11-apps
ensure_go
export LANG=en_US.UTF-8

tmp=$(mktemp -d)
trap 'kill ${xvfb:-} 2>/dev/null || true; rm -rf "$tmp"' EXIT

echo "== building"
mkdir -p bin
go build -o bin/remotecto .
for b in emptywindow gendata firstframe uiprobe searchtime ladder; do
  go build -o "$tmp/$b" "./bench/$b"
done
cp bin/remotecto "$tmp/remotecto"

# A black root window (-br) and nothing else on the screen: firstframe
# judges a frame drawn when the window's pixels are no longer black.
disp=":$((200 + RANDOM % 300))"
Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp -br >/dev/null 2>&1 &
xvfb=$!
sleep 1
export DISPLAY=$disp LIBGL_ALWAYS_SOFTWARE=1

echo "== the ladder: $rungs ($runs runs each; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
"$tmp/ladder" -bin "$tmp" -work "$tmp" -rungs "$rungs" -runs "$runs"

if [[ $go_bench == yes ]]; then
  echo "== go test -bench (the 200-member and 2,000-member data sets)"
  "$tmp/gendata" -db "$tmp/big200.db" -members 200 -entries 10000 -years 2 -hostile
  "$tmp/gendata" -db "$tmp/big2000.db" -members 2000 -entries 200000 -years 2 -hostile
  for db in big200 big2000; do
    echo "-- $db"
    REMOTECTO_BIG_DB="$tmp/$db.db" go test -run='^$' -bench='Big|ExportAll|TabBuild|TabShow' -benchtime=5x ./store ./cli ./app
  done
  go test -run='^$' -bench=. -benchmem ./timezone ./oncall ./calendar ./worklog
fi
