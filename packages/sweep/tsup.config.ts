import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: { index: "src/index.ts", grok: "src/grok/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "es2022",
    platform: "node",
  },
  {
    // The bin: ESM only, queue commands in a lazily loaded chunk.
    entry: { cli: "src/cli.ts" },
    format: ["esm"],
    splitting: true,
    sourcemap: true,
    target: "es2022",
    platform: "node",
  },
]);
