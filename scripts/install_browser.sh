#!/usr/bin/env bash
# Install Debian's Chromium for tests/test_web_browser.py (Playwright drives /usr/bin/chromium;
# no browser can be downloaded by a test tool here). Idempotent: does nothing when it is there.
# Without root it only says what to run: the browser tests then skip with a reason.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
    echo "install_browser: /usr/bin/chromium is present ($(/usr/bin/chromium --version 2>/dev/null || echo 'version unknown'))"
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "install_browser: /usr/bin/chromium is missing and this is not root; run as root:" >&2
    echo "    apt-get update && apt-get install -y chromium" >&2
    echo "install_browser: until then tests/test_web_browser.py is skipped" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q chromium
echo "install_browser: installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
