import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", node: "src/node/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  platform: "neutral",
  // No shared chunks: the ./node entry imports "@emerge/plot" itself, so both entries share one
  // PlotError class in ESM and CJS alike.
  splitting: false,
  // import.meta.url locates the bundled fonts; the shim provides it in the CJS build.
  shims: true,
  // Node built-ins and the renderers stay imports (resvg is a native binary; vega loads lazily).
  external: ["@emerge/plot", "vega", "vega-lite", "@resvg/resvg-js", /^node:/],
  // Vega is ESM-only with top-level await, so require() cannot load it: keep the lazy import() as a
  // real dynamic import in the CommonJS build too (esbuild would otherwise turn it into require).
  esbuildOptions(options, context) {
    if (context.format === "cjs") options.supported = { ...options.supported, "dynamic-import": true };
  },
});
