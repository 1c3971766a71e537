#!/usr/bin/env bash
# Makes Debian's headless Chromium and its driver (/usr/bin/chromium, /usr/bin/chromedriver) available for the
# browser tests. Installs them when missing and this machine allows it (root with apt-get); prints nothing on
# stdout and exits 0 when that is not possible, so the browser tests are skipped on such a developer machine
# (CI is root with apt: there they run).
set -euo pipefail

log() { echo "chromium.sh: $*" >&2; }

if [ -x /usr/bin/chromedriver ] && [ -x /usr/bin/chromium ]; then
    exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    log "Chromium and chromedriver are not installed and cannot be installed here; the browser tests will be skipped"
    exit 0
fi
log "installing Chromium and chromedriver from Debian's packages"
if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; } >&2; then
    log "installing Chromium failed; the browser tests will be skipped"
fi
exit 0
