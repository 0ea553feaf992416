#!/usr/bin/env bash
# Frontend typing check: our widget JSON Schema vs the Widgets types of @openai/chatkit.
# Installs the pinned npm packages (package-lock.json), generates TypeScript from
# schema/widgets.schema.json and type-checks check.ts; then proves the check can fail by
# repeating it on a deliberately drifted schema.
set -euo pipefail
cd "$(dirname "$0")"

npm ci --no-audit --no-fund --loglevel=error >/dev/null

node generate.mjs
npx --no-install tsc -p .
echo "frontend typing check: our widgets and @openai/chatkit Widgets agree (29 components, 10 prop shapes, 5 union checks)"

# Self-test: a Button style the frontend does not know must fail the check.
node generate.mjs --mutate >/dev/null
if npx --no-install tsc -p . >/dev/null 2>&1; then
  echo "frontend typing check: the self-test drift was NOT caught" >&2
  exit 1
fi
echo "frontend typing check: self-test drift caught"
node generate.mjs >/dev/null
