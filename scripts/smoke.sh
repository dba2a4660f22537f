#!/usr/bin/env bash
# smoke.sh BINARY: starts the GUI under a private Xvfb with the sample team and
# checks that it shows a window and keeps running; then ends it.
set -euo pipefail
bin=$(realpath "$1")
tmp=$(mktemp -d)
trap 'kill ${app:-} ${xvfb:-} 2>/dev/null || true; rm -rf "$tmp"' EXIT
"$bin" --db "$tmp/smoke.db" team import assets/sample-team.json >/dev/null
disp=":$((200 + RANDOM % 300))"
Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
sleep 1
DISPLAY=$disp LIBGL_ALWAYS_SOFTWARE=1 "$bin" --db "$tmp/smoke.db" >"$tmp/app.log" 2>&1 &
app=$!
sleep 4
if ! kill -0 "$app" 2>/dev/null; then
  echo "the app exited during start-up:" >&2
  cat "$tmp/app.log" >&2
  exit 1
fi
if grep -qiE 'panic|fatal' "$tmp/app.log"; then
  echo "the app logged an error during start-up:" >&2
  cat "$tmp/app.log" >&2
  exit 1
fi
echo "smoke: the window started and kept running"
