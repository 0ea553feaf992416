#!/usr/bin/env bash
# Builds the web pages the server embeds (web/ → web/dist): installs the npm packages pinned by
# web/package-lock.json, generates the TypeScript types and the widget gallery from the schema
# and the widget snapshots, type-checks (tsc) and bundles (vite). Build the server afterwards.
set -euo pipefail
cd "$(dirname "$0")/../web"
npm ci --no-audit --no-fund --loglevel=error
npm run --silent build
echo "web: built $(find dist -type f | wc -l) files into web/dist"
