import { defaultClientConditions, defineConfig } from "vite";

/**
 * The page imports the workspace packages from their TypeScript sources through the
 * `@emerge/source` export condition, so `npm run dev` / `npm run build` need no prior build of
 * `@emerge/grok`, `@emerge/fit`, `@emerge/plot` or `@emerge/tasks`. Outside this monorepo (packages installed from
 * npm) the condition simply never matches and their published `dist/` is used.
 */
const conditions = ["@emerge/source", ...defaultClientConditions];

export default defineConfig({
  base: "./",
  resolve: { conditions },
  // Training runs in a module worker (it may code-split, which iife workers cannot).
  worker: { format: "es" },
  build: {
    target: "es2022",
    chunkSizeWarningLimit: 2048,
    // Two pages: grokking (index.html) and the lab's live family (lab.html).
    rollupOptions: { input: { main: "index.html", lab: "lab.html" } },
  },
});
