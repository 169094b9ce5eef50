#!/usr/bin/env bash
# Installs reportedly and everything its tests need into ./.venv (Python 3.11+), plus Debian's
# chromium for the browser tests when apt-get is available and we are root.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[dev,peers]"
if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "install.sh: could not install chromium; browser tests will be skipped" >&2
fi
echo "reportedly installed in .venv — try: .venv/bin/reportedly --help"
