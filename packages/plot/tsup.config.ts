import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", node: "src/node/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  platform: "neutral",
  // Shared chunks keep one PlotError class across the two entries, in ESM and CJS alike.
  splitting: true,
  // import.meta.url locates the bundled fonts; the shim provides it in the CJS build.
  shims: true,
  // Node built-ins and the renderers stay imports (resvg is a native binary; vega loads lazily).
  external: ["vega", "vega-lite", "@resvg/resvg-js", /^node:/],
});
