#!/usr/bin/env bash
# Runs the whole test suite: formatting, vet, every package's tests (domain,
# SQLite, Fyne test driver, ICS interop with Mozilla's ical.js, notifications
# and the tray on a private desktop bus), a build of the binary and a start of
# the real window under Xvfb. Installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
# xvfb: the start-up check; Node.js: the ICS interop tests run ical.js; the
# rest are the real servers and tools the tests talk to: Radicale (CalDAV,
# with bcrypt passwords) and rclone (WebDAV), a private desktop bus with a
# keyring, poppler's pdftotext for the emergency sheet; dunst (notifications)
# and a StatusNotifierWatcher on that bus for the desktop presence test,
# desktop-file-validate for the desktop entries.
apt_install "${FYNE_PACKAGES[@]}" xvfb "${TEST_PACKAGES[@]}"
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
