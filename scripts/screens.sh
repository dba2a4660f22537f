#!/usr/bin/env bash
# Writes screenshots of every tab and the main dialogs of the real window,
# at 800x600, 1280x800 and 1920x1080, in the light and the dark theme, under
# a private Xvfb, with the sample team and a few log entries.
#
# Usage: bash scripts/screens.sh [OUTDIR] [--docs]
#   OUTDIR defaults to screens/ (not kept in git). --docs also copies the
#   800x600 shots to docs/, where the README shows them.
#   SIZES="800x600" or THEMES="dark" limit what is taken.
#
# The app opens on a given tab, view or dialog through environment variables
# (see the README): REMOTECTO_TAB, REMOTECTO_OPEN, REMOTECTO_THEME and
# REMOTECTO_SIZE. No window manager runs under Xvfb, so there is no title bar.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh

out=screens docs=""
for a in "$@"; do
  case $a in
    --docs) docs=1 ;;
    *) out=$a ;;
  esac
done
sizes=${SIZES:-"800x600 1280x800 1920x1080"}
themes=${THEMES:-"light dark"}

apt_install "${FYNE_PACKAGES[@]}" xvfb x11-utils imagemagick
ensure_go
export LANG=en_US.UTF-8
# ImageMagick's own import (another convert or import may come first on PATH).
grab=/usr/bin/import
[[ -x $grab ]] || grab=import

mkdir -p bin "$out"
go build -o bin/remotecto .
tmp=$(mktemp -d)
xvfb=""
cleanup() {
  [[ -n ${app:-} ]] && kill "$app" 2>/dev/null || true
  [[ -n $xvfb ]] && kill "$xvfb" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# The data: the sample team, a 1:1 cadence, two 1:1s and a few updates.
db=$tmp/screens.db
bin/remotecto --db "$db" team import assets/sample-team.json >/dev/null
day() { date -u -d "$1" +%Y-%m-%dT%H:%M:%SZ; }
bin/remotecto --db "$db" log one-on-one --member Ana --at "$(day '-15 days 10:00')" --every 2w \
  --notes $'Talked about the **on-call load** and the hiring plan.\n\n- wants fewer night pages\n- happy with the new runbook' \
  --action "Draft the hiring plan @$(date -u -d '+3 days' +%Y-%m-%d)" --action "Dana: review the pager budget" >/dev/null
bin/remotecto --db "$db" log one-on-one --member Priya --at "$(day '-3 days 06:30')" --every 1w \
  --notes "Data pipeline migration is on track; pairing with Sagar on the backfill." >/dev/null
bin/remotecto --db "$db" log update --author Greta --kind decision --text $'We move the **primary** rotation to 12 h shifts from next month.\n\nWhy: fewer night pages for Europe.' --tags oncall,process --at "$(day '-2 days 14:00')" >/dev/null
bin/remotecto --db "$db" log update --author Jack --kind blocker --text "CI runners in APAC are down; builds queue for an hour." --tags ci --at "$(day '-1 days 02:00')" >/dev/null
bin/remotecto --db "$db" log update --author Lucas --kind win --text "The new onboarding flow shipped." --at "$(day '-5 hours')" >/dev/null

# What to take: NAME TAB OPEN (OPEN may be empty).
shots=(
  "team team -"
  "overlap overlap -"
  "overlap-suggest overlap overlap-suggest"
  "overlap-rotation overlap overlap-rotation"
  "oncall oncall oncall-now"
  "oncall-timeline oncall oncall-timeline"
  "oncall-rotations oncall oncall-rotations"
  "log log log-1on1s"
  "log-updates log log-updates"
  "dialog-add-member team add-member"
  "dialog-time-off team time-off"
  "dialog-new-rotation oncall new-rotation"
  "dialog-shift-details oncall shift-details"
  "dialog-new-1on1 log new-1on1"
  "dialog-show-1on1 log show-1on1"
  "dialog-export-markdown log export-markdown"
  "oncall-emergency oncall oncall-emergency"
  "oncall-escalation oncall oncall-escalation"
  "log-search log log-search:hiring"
  "dialog-settings team settings"
  "dialog-publishing team publishing"
  "dialog-follow-team team follow-team"
)

# start_xvfb SIZE: a private X server on a free display of the size asked.
start_xvfb() {
  local n
  for _ in $(seq 50); do
    n=$((100 + RANDOM % 800))
    [[ -e /tmp/.X$n-lock || -e /tmp/.X11-unix/X$n ]] || break
  done
  Xvfb ":$n" -screen 0 "${1}x24" -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
  disp=":$n"
  for _ in $(seq 100); do DISPLAY=$disp xwininfo -root >/dev/null 2>&1 && return 0; sleep 0.05; done
  return 1
}

# shoot NAME TAB OPEN THEME SIZE FILE: one screenshot; fails when no window
# showed.
shoot() {
  local name=$1 tab=$2 open=$3 theme=$4 size=$5 file=$6 shown=""
  XDG_CONFIG_HOME=$tmp/config DISPLAY=$disp LIBGL_ALWAYS_SOFTWARE=1 \
    REMOTECTO_TAB=$tab REMOTECTO_OPEN=$open REMOTECTO_THEME=$theme REMOTECTO_SIZE=$size \
    bin/remotecto --db "$db" >"$tmp/app.log" 2>&1 &
  app=$!
  for _ in $(seq 300); do
    if DISPLAY=$disp xwininfo -root -children 2>/dev/null | grep -qE '^ +0x[0-9a-f]+ "[^"]+"'; then shown=1; break; fi
    kill -0 "$app" 2>/dev/null || break
    sleep 0.05
  done
  if [[ -n $shown ]]; then
    sleep 2.5
    DISPLAY=$disp $grab -window root "$file"
  fi
  # What the app said while it ran; what it says while being ended is
  # checked apart (Fyne's own shutdown can race with a signal).
  cp "$tmp/app.log" "$tmp/running.log"
  kill "$app" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$app" 2>/dev/null || break; sleep 0.05; done
  if kill -0 "$app" 2>/dev/null; then
    # It did not quit: keep its goroutines for whoever looks into it.
    kill -QUIT "$app" 2>/dev/null || true
    sleep 1
    cp "$tmp/app.log" "$out/$name-$theme-$size.hung.log"
    echo "screens: $name ($theme, $size) did not quit; its goroutines are in $out/$name-$theme-$size.hung.log" >&2
    kill -KILL "$app" 2>/dev/null || true
  fi
  wait "$app" 2>/dev/null || true
  app=""
  [[ -n $shown ]]
}

for size in $sizes; do
  start_xvfb "$size"
  for theme in $themes; do
    for shot in "${shots[@]}"; do
      read -r name tab open <<<"$shot"
      [[ $open == - ]] && open=""
      file="$out/$name-$theme-$size.png"
      # The display is ours alone, but another program on the machine may
      # still end it: start a new one and try again once.
      if ! shoot "$name" "$tab" "$open" "$theme" "$size" "$file"; then
        kill "$xvfb" 2>/dev/null || true
        start_xvfb "$size"
        if ! shoot "$name" "$tab" "$open" "$theme" "$size" "$file"; then
          echo "screens: $name ($theme, $size): no window; the app said:" >&2
          cat "$tmp/app.log" >&2
          exit 1
        fi
      fi
      if grep -qiE 'panic|fatal' "$tmp/running.log"; then
        echo "screens: $name ($theme, $size): the app logged an error:" >&2
        cat "$tmp/running.log" >&2
        exit 1
      fi
      if grep -qiE 'panic|fatal' "$tmp/app.log"; then
        cp "$tmp/app.log" "$out/$name-$theme-$size.exit.log"
        echo "screens: note: $name ($theme, $size) logged an error while being ended; see $out/$name-$theme-$size.exit.log" >&2
      fi
      echo "$file"
    done
  done
  kill "$xvfb" 2>/dev/null || true
  wait "$xvfb" 2>/dev/null || true
  xvfb=""
done

if [[ -n $docs ]]; then
  rm -f docs/*.png
  for f in "$out"/*-800x600.png; do
    cp "$f" "docs/$(basename "$f" -800x600.png).png"
  done
  echo "copied the 800x600 shots to docs/"
fi
