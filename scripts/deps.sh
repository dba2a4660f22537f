# Shared by run.sh and test.sh: installs what building remotecto needs on a
# Debian or Ubuntu machine when it is missing. Source it; don't run it.

# The C toolchain and the X11/OpenGL headers Fyne's GLFW driver builds against.
FYNE_PACKAGES=(gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev
  libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev)

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

# ensure_go puts a Go toolchain on PATH. An older Go fetches the version
# go.mod asks for through the module proxy (GOTOOLCHAIN=auto).
ensure_go() {
  if ! command -v go >/dev/null; then
    for d in /usr/local/go/bin /usr/lib/go/bin "$HOME/go/bin"; do
      [[ -x $d/go ]] && export PATH="$d:$PATH" && break
    done
  fi
  command -v go >/dev/null || apt_install golang-go ca-certificates
  export GOTOOLCHAIN="${GOTOOLCHAIN:-auto}"
  export PATH="$(go env GOPATH)/bin:$PATH"
}

# ensure_node installs Node.js and npm from Debian when the commands are
# missing (a Node.js that ships its own npm is used as it is).
ensure_node() {
  command -v node >/dev/null && command -v npm >/dev/null && return 0
  apt_install nodejs npm
}
