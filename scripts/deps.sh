# Shared by run.sh and test.sh: installs what building remotecto needs on a
# Debian or Ubuntu machine when it is missing. Source it; don't run it.

# The C toolchain and the X11/OpenGL headers Fyne's GLFW driver builds against.
FYNE_PACKAGES=(gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev
  libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev)

# The servers and tools the test suite starts or reads with.
TEST_PACKAGES=(radicale rclone python3-passlib python3-bcrypt dbus gnome-keyring poppler-utils
  dbus-x11 dunst haskell-status-notifier-item-utils desktop-file-utils)

# apt_install PKG...: installs the packages that are not installed yet (with
# sudo when not root). Prints nothing when all are there.
apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  if ! command -v apt-get >/dev/null; then
    echo "remotecto: please install these packages: ${missing[*]}" >&2
    return 1
  fi
  local sudo=""
  if [[ $(id -u) != 0 ]]; then
    command -v sudo >/dev/null || { echo "remotecto: need root or sudo to install: ${missing[*]}" >&2; return 1; }
    sudo=sudo
  fi
  echo "remotecto: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# ensure_go puts a Go toolchain of the version go.mod asks for on PATH. Go
# 1.21 or newer fetches that version by itself (GOTOOLCHAIN=auto). An older Go,
# such as Debian 12's, downloads it as the golang.org/toolchain module through
# the module proxy, the way newer Go does, into the user's cache.
ensure_go() {
  if ! command -v go >/dev/null; then
    for d in /usr/local/go/bin "$HOME/go/bin" /usr/lib/go/bin; do
      [[ -x $d/go ]] && export PATH="$d:$PATH" && break
    done
  fi
  command -v go >/dev/null || apt_install golang-go ca-certificates
  export GOTOOLCHAIN="${GOTOOLCHAIN:-auto}"
  local have minor
  have=$(go env GOVERSION 2>/dev/null || go version | awk '{print $3}')
  minor=$(echo "$have" | sed -E 's/^go1\.([0-9]+).*/\1/')
  if [[ $minor =~ ^[0-9]+$ ]] && ((minor < 21)); then
    local want arch mod dir dest
    want=$(awk '$1 == "go" {print $2; exit}' go.mod)
    arch=$(go env GOARCH)
    dest="${XDG_CACHE_HOME:-$HOME/.cache}/remotecto/go$want"
    if [[ ! -x $dest/bin/go ]]; then
      mod="golang.org/toolchain@v0.0.1-go$want.linux-$arch"
      echo "remotecto: $have is too old; fetching go$want through the module proxy" >&2
      dir=$(cd "$(mktemp -d)" && GOFLAGS=-mod=mod go mod download -json "$mod" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
      [[ -n $dir ]] || { echo "remotecto: could not fetch $mod" >&2; return 1; }
      mkdir -p "$(dirname "$dest")" && rm -rf "$dest" && cp -r "$dir" "$dest"
      chmod -R u+w "$dest" && chmod +x "$dest"/bin/* "$dest"/pkg/tool/*/*
    fi
    export PATH="$dest/bin:$PATH"
  fi
  export PATH="$(go env GOPATH)/bin:$PATH"
}

# ensure_node installs Node.js and npm from Debian when the commands are
# missing (a Node.js that ships its own npm is used as it is).
ensure_node() {
  command -v node >/dev/null && command -v npm >/dev/null && return 0
  apt_install nodejs npm
}
