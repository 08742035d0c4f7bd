#!/usr/bin/env bash
# Installs the desktop integration for the current user: menu entry, icon, project file type
# (double-click opens it) and AppStream metadata. Usage: install-desktop.sh [APP_FOLDER]
# APP_FOLDER is a built one-folder app (dist/workbench); without it, `workbench` on PATH is used.
set -euo pipefail
here="$(cd "$(dirname "$0")/linux" && pwd)"
id=org.ocrworkbench.Workbench
share="${XDG_DATA_HOME:-$HOME/.local/share}"
exec_line="workbench"
[[ $# -ge 1 ]] && exec_line="$(cd "$1" && pwd)/workbench"

install -d "$share/applications" "$share/icons/hicolor/scalable/apps" "$share/mime/packages" "$share/metainfo"
sed "s|^Exec=workbench |Exec=$exec_line |" "$here/$id.desktop" > "$share/applications/$id.desktop"
install -m 644 "$here/$id.svg" "$share/icons/hicolor/scalable/apps/$id.svg"
install -m 644 "$here/$id.xml" "$share/mime/packages/$id.xml"
install -m 644 "$here/$id.metainfo.xml" "$share/metainfo/$id.metainfo.xml"
command -v update-mime-database >/dev/null && update-mime-database "$share/mime"
command -v update-desktop-database >/dev/null && update-desktop-database "$share/applications"
echo "Installed $id for $(id -un): menu entry, icon, *.wbproj file type."
