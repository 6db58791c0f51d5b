#!/usr/bin/env bash
# Sets PerfDesk up on a Debian/Ubuntu machine and then runs it or its tests.
#   bash scripts/setup.sh run [FILE.pdesk]   set up, then start the application
#   bash scripts/setup.sh test [pytest args] set up (with test tools), run the static checks
#                                            (ruff, then mypy), then run every test
# Idempotent: system packages are installed only when missing, the virtualenv is
# created once in .venv and refreshed from pyproject.toml.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-run}"; shift || true

# Qt's runtime libraries (xcb for a real screen, EGL/fontconfig for offscreen too).
runtime_pkgs=(libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3 libxkbcommon0
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
  libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xkb1 libx11-xcb1)
# Tests also read PDFs (poppler: pdffonts, pdftoppm), recalculate workbooks and write Word 97 and PDF
# files (LibreOffice, with a Chinese font) and read the printed QR code (zbar-tools: zbarimg).
test_pkgs=(poppler-utils libreoffice-calc-nogui libreoffice-writer-nogui fonts-droid-fallback zbar-tools)

need=()
if command -v dpkg-query >/dev/null 2>&1; then
  pkgs=("${runtime_pkgs[@]}")
  [ "$mode" = test ] && pkgs+=("${test_pkgs[@]}")
  python3 -c 'import venv, ensurepip' 2>/dev/null || pkgs+=(python3-venv)
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
  done
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing system packages: ${need[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
extras="."; [ "$mode" = test ] && extras=".[test,bundle]"
stamp=".venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)-$mode"
if [ ! -e "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e "$extras"
  touch "$stamp"
fi

case "$mode" in
  run)  exec .venv/bin/perfdesk "$@" ;;
  test)
    echo "Static checks: ruff, mypy (settings in pyproject.toml)"
    .venv/bin/ruff check .
    .venv/bin/mypy
    exec .venv/bin/python -m pytest "$@" ;;
  *)    echo "usage: bash scripts/setup.sh run|test" >&2; exit 2 ;;
esac
