#!/usr/bin/env bash
# Sets up a Debian 12 host (as root) for vessel-cookbook: Debian packages, npm packages, build.
# Idempotent: installs only what is missing. Usage: harness/setup.sh
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: %s\n' "$*" >&2; exit 3; }

# Node.js 20 or newer (Debian 12's own nodejs is 18, too old for vitest 4 and better-sqlite3 12).
if ! command -v node >/dev/null 2>&1; then
  die "Node.js 20+ is required and not installed (Debian 12's nodejs package is 18); install Node.js 20, then run this again"
fi
major=$(node -p 'process.versions.node.split(".")[0]')
[ "$major" -ge 20 ] || die "Node.js $(node --version) is too old; vessel-cookbook needs Node.js 20 or newer"

# Debian packages.
mapfile -t wanted < <(grep -vE '^\s*(#|$)' harness/debian-packages.txt)
missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || die "installing ${missing[*]} needs root; run: sudo harness/setup.sh"
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Recipes run Postgres inside jails; the package must not create and start a host-wide cluster.
  if printf '%s\n' "${missing[@]}" | grep -qx postgresql; then
    mkdir -p /etc/postgresql-common/createcluster.d
    echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.d/vessel-cookbook.conf
  fi
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  say "Debian packages present"
fi
command -v npm >/dev/null 2>&1 || die "npm is missing; it comes with Node.js 20"

# npm packages (exactly the lockfile), then the build (npm ci runs it through `prepare`).
if [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ] && [ node_modules/.package-lock.json -nt package.json ] \
   && [ -f node_modules/better-sqlite3/build/Release/better_sqlite3.node ]; then
  say "npm packages up to date; building"
  npm run --silent build
else
  say "installing npm packages (better-sqlite3 compiles from source, about a minute)"
  npm ci --no-audit --no-fund
fi
say "ready: npx vessel-cookbook --help"
