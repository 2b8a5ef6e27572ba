import { defineConfig } from "tsup";

// One build for the library entries so the ESM output shares chunks (one TaskError class for "."
// and "./node"). The main entry imports nothing from node:, so it stays browser-safe; the runner
// ("./node") and the CLI are Node-only. `npm run build` empties dist first, so no config cleans.
export default defineConfig([
  {
    entry: { index: "src/index.ts", node: "src/node/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: false,
    target: "es2022",
    platform: "node",
  },
  {
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    dts: false,
    sourcemap: true,
    clean: false,
    target: "es2022",
    platform: "node",
  },
]);
