#!/usr/bin/env bash
# Make the macOS disk image from the PyInstaller .app (build_installer.spec on macOS):
#   dist/minisip-console.app  ->  dist/minisip-console-VERSION.dmg
# The image opens to the app beside a link to /Applications: drag one onto the other to install.
# The command line is inside the app: minisip-console.app/Contents/MacOS/minisip-console-cli.
#
# Usage (macOS only: hdiutil is Apple's):  bash installer/macos/make-dmg.sh [APP] [OUT_DIR]
# Sign the .app before (codesign) and notarize the .dmg after (notarytool): see
# .github/workflows/build.yml, which does both when the repository has the secrets.
set -euo pipefail
cd "$(dirname "$0")/../.."

app="${1:-dist/minisip-console.app}"
out_dir="${2:-dist}"
[ -d "$app/Contents/MacOS" ] || { echo "make-dmg: $app is not an application bundle: build it first" >&2; exit 1; }
command -v hdiutil >/dev/null || { echo "make-dmg: hdiutil not found: this script runs on macOS" >&2; exit 1; }

version="$(/usr/libexec/PlistBuddy -c 'Print :CFBundleShortVersionString' "$app/Contents/Info.plist")"
dmg="$out_dir/minisip-console-$version.dmg"

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
# ditto keeps the bundle's symbolic links, extended attributes and code signature intact
ditto "$app" "$staging/$(basename "$app")"
ln -s /Applications "$staging/Applications"

mkdir -p "$out_dir"
rm -f "$dmg"
# UDZO: a compressed, read-only image, the usual form for downloads
hdiutil create -volname "miniSIP Console $version" -srcfolder "$staging" -fs HFS+ -format UDZO -ov "$dmg"
hdiutil verify "$dmg"
echo "make-dmg: $dmg"
