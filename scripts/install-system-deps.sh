#!/usr/bin/env bash
# Installs the Debian packages the embedded stack needs (redis-server, ffmpeg)
# and the browser the web app's tests drive (chromium, at /usr/bin/chromium)
# when they are missing. `--no-browser` (npm start) skips chromium.
# Needs root (or sudo) and apt-get.
set -euo pipefail
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
{ command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1; } || missing+=(ffmpeg)
if [ "${1:-}" != "--no-browser" ] && [ -z "${CHROMIUM_PATH:-}" ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing: ${missing[*]}. Install them with your package manager (macOS: brew install redis ffmpeg; for the browser tests set CHROMIUM_PATH to a Chromium or Chrome binary)." >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "Missing: ${missing[*]}. Run as root: apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
fi
echo "Installing ${missing[*]} (Debian packages)..."
# The package index may be stale or absent on a fresh machine: refresh it when the install fails.
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
}
