#!/usr/bin/env bash
# A demo of the emergency kit in one command: a temporary database with the
# sample team and three critical links, a local chat webhook that prints
# every message it receives, and the app. Press Ctrl+E for the Emergency view,
# then Alert…: the message arrives on the local webhook, the email draft goes
# to your mail client, and the alert is recorded in the log (listed when the
# app closes). With --cli, the same alert goes out from the command line
# instead of the window. Everything is deleted at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
mode=${1:-gui}
if [[ $mode != --cli ]]; then apt_install "${FYNE_PACKAGES[@]}"; fi
command -v python3 >/dev/null || apt_install python3
ensure_go
mkdir -p bin
echo "remotecto: building" >&2
if [[ $mode == --cli ]]; then CGO_ENABLED=0 go build -tags ci -o bin/remotecto-cli .; app=bin/remotecto-cli
else go build -o bin/remotecto .; app=bin/remotecto; fi

dir=$(mktemp -d)
hook=""
trap '[[ -n $hook ]] && kill "$hook" 2>/dev/null; rm -rf "$dir"' EXIT
db=$dir/demo.db
rc() { "$app" --db "$db" "$@"; }

rc team import assets/sample-team.json
rc me Dana >/dev/null 2>&1 || true # who raises alerts, where the command exists
rc protocol link add "Incident runbook" https://wiki.example.com/runbooks/incident >/dev/null
rc protocol link add "Status page" https://status.example.com/admin >/dev/null
rc protocol link add "Production credentials" "op://Ops/Production (1Password)" >/dev/null

# The local webhook: answers 200 to every POST and prints the message's text.
python3 - "$dir/port" <<'PY' &
import http.server, json, sys
class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        try:
            text = json.loads(body).get("text", "")
        except ValueError:
            text = body.decode(errors="replace")
        print("\n--- the local webhook received:\n" + text + "\n---", flush=True)
        self.send_response(200)
        self.end_headers()
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Hook)
open(sys.argv[1], "w").write(str(server.server_address[1]))
server.serve_forever()
PY
hook=$!
for _ in $(seq 50); do [[ -s $dir/port ]] && break; sleep 0.1; done
printf 'http://127.0.0.1:%s/hooks/demo-incident-room\n' "$(cat "$dir/port")" | rc alert webhook add demo --service slack --url-stdin

if [[ $mode == --cli ]]; then
  rc alert --to chain --text "Checkout is down (HTTP 500 on /pay). Join #incident." --dry-run | sed -n 1,10p
  echo
  rc alert --to chain --text "Checkout is down (HTTP 500 on /pay). Join #incident." --from Dana
else
  echo "remotecto: press Ctrl+E, then Alert… (choose Dana under Raised by if it is empty)" >&2
  rc
fi
sleep 0.3
echo
echo "The log's blocker updates:"
rc log list --kind blocker
