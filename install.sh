#!/usr/bin/env bash
# Installs reportedly and everything its tests need into ./.venv (Python 3.11+), plus Debian's
# chromium for the browser tests when apt-get is available and we are root.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[dev,peers]"

# apt-get, waiting (up to 10 minutes) while another apt or dpkg holds its lock instead of failing.
apt_wait() {
  local i err
  err=$(mktemp)
  for i in $(seq 1 120); do
    if apt-get -o DPkg::Lock::Timeout=5 "$@" 2>"$err"; then rm -f "$err"; return 0; fi
    if ! grep -qi "lock" "$err"; then cat "$err" >&2; rm -f "$err"; return 1; fi
    [ "$i" = 1 ] && echo "install.sh: another apt or dpkg holds its lock; waiting for it" >&2
    sleep 5
  done
  cat "$err" >&2; rm -f "$err"; return 1
}

if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  (apt_wait update -qq && DEBIAN_FRONTEND=noninteractive apt_wait install -y -qq chromium >/dev/null) \
    || echo "install.sh: could not install chromium; browser tests will be skipped" >&2
fi
echo "reportedly installed in .venv — try: .venv/bin/reportedly --help"
