#!/usr/bin/env bash
# Copies the plugin's build (dist/ and package.json) into the pinned toolchain's node_modules, so
# that it resolves typescript and @typescript-eslint/utils from there, as in a user's install.
# Loading it from the checkout instead loads a second TypeScript (and typescript-eslint), which
# costs the measured run ~0.5 s of CPU and ~60–100 MB that no user pays.
# Usage: ./install-plugin.sh <plugin checkout>   then PLUGIN_DIR=<printed path> ./run-baseline.sh …
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
checkout="$(cd "${1:?usage: $0 <plugin checkout>}" && pwd)"
[[ -d "$checkout/dist" ]] || die "$checkout/dist missing: run npm run build there first"
target="$TOOLS_DIR/node_modules/eslint-plugin-db-leaks"
rm -rf "$target"
mkdir -p "$target"
cp -r "$checkout/dist" "$checkout/package.json" "$target/"
echo "$target"
