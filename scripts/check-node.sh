#!/usr/bin/env bash
# The stylesheet build (sass, via npm) needs Node.js 20.19 or later: older versions cannot
# load the ES modules it ships and stop with ERR_REQUIRE_ESM. Debian 12's own package is
# Node 18, so say so plainly, and how to get Node 22 LTS, before npm fails obscurely.
set -euo pipefail

required_major=20
required_minor=19
how="Install Node.js 22 LTS from NodeSource (https://github.com/nodesource/distributions: \
curl -fsSL https://deb.nodesource.com/setup_22.x | sudo bash - && sudo apt-get install -y nodejs) \
or with nvm (nvm install 22), then run make again."

if ! command -v node >/dev/null 2>&1; then
  echo "Node.js is not installed; the stylesheet build needs ${required_major}.${required_minor} or later." >&2
  echo "$how" >&2
  exit 1
fi
version=$(node --version)
IFS=. read -r major minor _ <<<"${version#v}"
if (( major < required_major || (major == required_major && minor < required_minor) )); then
  echo "Node.js ${version} is too old: the stylesheet build needs ${required_major}.${required_minor} or later" \
    "(older versions stop with ERR_REQUIRE_ESM)." >&2
  echo "$how" >&2
  exit 1
fi
