import { defineConfig } from "tsup";

export default defineConfig([
  {
    // browser-safe main entry
    // the gpu.js backend is its own entry so CPU-only users never load gpu.js
    entry: { index: "src/index.ts", "gpu/index": "src/backends/gpu/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "es2022",
    platform: "neutral",
    external: ["node:worker_threads"],
  },
  {
    // Node-only: run directories, checkpoints, sweeps
    entry: { "node/index": "src/node/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    target: "node20",
    platform: "node",
    shims: true,
  },
  {
    entry: { cli: "src/cli.ts" },
    format: ["esm"],
    sourcemap: true,
    target: "node20",
    platform: "node",
  },
]);
