#!/usr/bin/env bash
# Installs the C libraries notegraph links against (libcmark-gfm with its GFM extensions, libxml2, SQLite,
# jemalloc) when they are missing, so a fresh Debian machine with Swift can build without manual steps.
# Idempotent and quiet when everything is already there.
set -euo pipefail

have_all() {
    command -v pkg-config >/dev/null 2>&1 &&
        pkg-config --exists libcmark-gfm libxml-2.0 sqlite3 jemalloc &&
        [ -f /usr/include/cmark-gfm-core-extensions.h ]
}

if have_all; then
    exit 0
fi

packages=(pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libxml2-dev libsqlite3-dev libjemalloc-dev)
echo "notegraph: installing system packages: ${packages[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
    sudo=()
elif command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
else
    echo "notegraph: need root (or sudo) to install: ${packages[*]}" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
have_all || { echo "notegraph: system packages still missing after install" >&2; exit 1; }
