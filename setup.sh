#!/usr/bin/env bash
# One-shot set-up: Python packages (pinned), the map's browser assets (pinned, verified) and,
# with --dev, the test tools plus Debian's Chromium and Arabic fonts for the browser tests.
# Safe to run again: every step is skipped when already satisfied.
set -euo pipefail
cd "$(dirname "$0")"

dev=0
[ "${1:-}" = "--dev" ] && dev=1

say() { printf '[setup] %s\n' "$*"; }

if [ $dev = 1 ]; then
  say "Python packages (runtime + test tools)"
  python3 -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
else
  say "Python packages (runtime)"
  python3 -m pip install --quiet --disable-pip-version-check -r requirements.txt
fi

# Leaflet comes from the npm registry at the exact version in assets/package-lock.json; `npm ci`
# checks the registry's integrity hash, and we check our own sha256 list before serving the files.
vendor=static/vendor/leaflet
if ! (cd "$vendor" 2>/dev/null && sha256sum --quiet -c ../../../assets/leaflet.sha256 >/dev/null 2>&1); then
  say "Leaflet 1.9.4 from the npm registry"
  (cd assets && npm ci --no-audit --no-fund --silent)
  rm -rf "$vendor"
  mkdir -p "$vendor/images"
  cp assets/node_modules/leaflet/dist/leaflet.js assets/node_modules/leaflet/dist/leaflet.css "$vendor/"
  cp assets/node_modules/leaflet/dist/images/*.png "$vendor/images/"
  (cd "$vendor" && sha256sum --quiet -c ../../../assets/leaflet.sha256) || {
    say "Leaflet files do not match assets/leaflet.sha256: refusing to serve them"; exit 1; }
fi

# The Arabic interface: gettext catalogs compiled (.po -> .mo; the app reads a missing or stale
# .mo's .po directly, so this only saves work at start-up).
say "Interface translations (geo/locale/*.po -> .mo)"
python3 -m babel.messages.frontend compile --domain atlas --directory geo/locale --statistics

if [ $dev = 1 ]; then
  # axe-core for the accessibility checks of the browser tests: from the npm registry at the
  # exact version of tests/browser/axe/package-lock.json (integrity-checked by npm ci), injected
  # into pages by the tests only; git ignores node_modules/.
  if [ ! -f tests/browser/axe/node_modules/axe-core/axe.min.js ]; then
    say "axe-core (test tool) from the npm registry"
    (cd tests/browser/axe && npm ci --no-audit --no-fund --silent)
  fi
  need=()
  [ -x /usr/bin/chromium ] || need+=(chromium)
  fc-list 2>/dev/null | grep -q "Noto Sans Arabic" || need+=(fonts-noto-core)
  if [ ${#need[@]} -gt 0 ]; then
    say "Debian packages: ${need[*]}"
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    else
      sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    fi
  fi
fi
say "done"
