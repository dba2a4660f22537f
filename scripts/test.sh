#!/usr/bin/env bash
# Runs the whole test suite: formatting, vet, every package's tests (domain,
# SQLite, Fyne test driver, ICS interop with Mozilla's ical.js, notifications
# and the tray on a private desktop bus), a build of the binary and a start of
# the real window under Xvfb. Installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
# xvfb: the start-up check; Node.js: the ICS interop tests run ical.js.
# dbus, dbus-x11, dunst: the desktop bus test (a private session bus with a
# real notification server); haskell-status-notifier-item-utils: its
# StatusNotifierWatcher, so that test reads the tray menu too;
# desktop-file-utils: desktop-file-validate checks the desktop entries.
apt_install "${FYNE_PACKAGES[@]}" xvfb dbus dbus-x11 dunst desktop-file-utils haskell-status-notifier-item-utils
ensure_node
ensure_go
export LANG=en_US.UTF-8

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [[ -n $unformatted ]]; then echo "gofmt would change: $unformatted" >&2; exit 1; fi

echo "== go vet"
go vet ./...

echo "== go test"
go test -count=1 ./...

echo "== build"
mkdir -p bin
go build -o bin/remotecto .

echo "== start-up under Xvfb"
bash scripts/smoke.sh bin/remotecto
