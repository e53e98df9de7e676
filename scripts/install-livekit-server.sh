#!/usr/bin/env bash
# Builds livekit-server from the Go module proxy into .cache/ (git-ignored).
# Skips the build when the binary is already there. Never downloads a binary.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION="${LIVEKIT_SERVER_VERSION:-v1.13.5}"
BIN_DIR="$PWD/.cache/livekit-server/$VERSION"
if [ -x "$BIN_DIR/server" ]; then
  echo "livekit-server $VERSION already built: $BIN_DIR/server"
  exit 0
fi
mkdir -p "$BIN_DIR" "$PWD/.cache/go"
echo "building livekit-server $VERSION (go install, a few minutes the first time)…"
GOBIN="$BIN_DIR" GOPATH="${GOPATH:-$PWD/.cache/go}" GOFLAGS="${GOFLAGS:--modcacherw}" CGO_ENABLED=0 \
  go install "github.com/livekit/livekit-server/cmd/server@$VERSION"
echo "built: $BIN_DIR/server"
