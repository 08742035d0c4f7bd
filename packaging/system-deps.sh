#!/usr/bin/env bash
# Installs what pip cannot: Tesseract with its English data, poppler's pdftotext, and the shared
# libraries Qt loads. Installs only what is missing; where it cannot install, says what to install.
set -euo pipefail

# Qt's X11 plugin needs the libxcb-* set on a desktop; xvfb and xauth give tests and screenshots
# a screen on machines without one; the last two check the desktop integration files.
packages=(tesseract-ocr tesseract-ocr-eng poppler-utils fonts-dejavu-core
          libegl1 libgl1 libfontconfig1 libglib2.0-0 libdbus-1-3 libxkbcommon0
          libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
          libxcb-shape0 libxkbcommon-x11-0 xvfb xauth
          desktop-file-utils appstream)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
    for package in "${packages[@]}"; do
        status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
        [[ "$status" == "install ok installed" ]] || missing+=("$package")
    done
elif ! command -v tesseract >/dev/null 2>&1; then
    echo "Workbench needs Tesseract OCR with English data: install tesseract-ocr and tesseract-ocr-eng (or your system's equivalent)." >&2
    exit 1
fi

[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
elif command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    echo "Installing system packages: ${missing[*]}"
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
    echo "Workbench needs these system packages; please install them: sudo apt-get install ${missing[*]}" >&2
    exit 1
fi
