#!/usr/bin/env bash
# Scaffold packages/<name> with the exports map, tsup build, vitest project and tsconfig every emerge package shares.
set -euo pipefail
name=$1; desc=$2
dir=packages/$name
mkdir -p "$dir/src" "$dir/test"
cat > "$dir/package.json" <<JSON
{
  "name": "@emerge/$name",
  "version": "0.1.0",
  "description": "$desc",
  "license": "MIT",
  "author": "emerge contributors",
  "repository": { "type": "git", "url": "git+https://github.com/emerge-lab/emerge.git", "directory": "packages/$name" },
  "homepage": "https://github.com/emerge-lab/emerge/tree/main/packages/$name#readme",
  "keywords": ["emergence", "scaling-laws", "machine-learning"],
  "type": "module",
  "sideEffects": false,
  "engines": { "node": ">=20.19" },
  "main": "./dist/index.cjs",
  "module": "./dist/index.js",
  "types": "./dist/index.d.cts",
  "exports": {
    ".": {
      "@emerge/source": "./src/index.ts",
      "import": { "types": "./dist/index.d.ts", "default": "./dist/index.js" },
      "require": { "types": "./dist/index.d.cts", "default": "./dist/index.cjs" }
    },
    "./package.json": "./package.json"
  },
  "files": ["dist", "src", "README.md", "CHANGELOG.md"],
  "publishConfig": { "access": "public" },
  "scripts": {
    "build": "tsup",
    "typecheck": "tsc --noEmit -p tsconfig.json",
    "lint": "biome ci .",
    "test": "vitest run",
    "test:publish": "publint --strict && attw --pack . --profile node16"
  }
}
JSON
cat > "$dir/tsconfig.json" <<JSON
{
  "extends": "../../tsconfig.base.json",
  "include": ["src", "test", "bench", "*.ts"]
}
JSON
cat > "$dir/tsup.config.ts" <<TS
import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  platform: "neutral",
});
TS
cat > "$dir/vitest.config.ts" <<TS
import { emergeProject } from "../../vitest.shared";

export default emergeProject("$name");
TS
