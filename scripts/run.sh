#!/usr/bin/env bash
# Builds remotecto (installing the system packages Fyne needs when they are
# missing) and opens it. Arguments go to the app: bash scripts/run.sh --db x.db
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
apt_install "${FYNE_PACKAGES[@]}"
ensure_go
mkdir -p bin
echo "remotecto: building (the first build compiles Fyne's C code: a few minutes)" >&2
go build -o bin/remotecto .
exec bin/remotecto "$@"
