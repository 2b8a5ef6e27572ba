/**
 * Harness of the browser tests: bundle a page the way an app would (esbuild, browser platform,
 * "vitest" aliased to the shim), serve it on 127.0.0.1, and launch headless Chromium with the
 * flags that give it a WebGL2 context through SwiftShader.
 */
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export const here = dirname(fileURLToPath(import.meta.url));
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const hasChromium = existsSync(chromiumPath);

/** Flags that give headless Chromium a WebGL2 context through SwiftShader (no GPU needed). */
export const chromiumArgs = [
  "--headless=new",
  "--no-sandbox",
  "--use-angle=swiftshader",
  "--enable-unsafe-swiftshader",
  "--ignore-gpu-blocklist",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Bundle the page the way an app would: browser platform, gpu.js's browser build, no node: imports. */
export async function bundlePage(entry: string, outDir: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile: join(outDir, "page.js"),
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    conditions: ["@emerge/source"],
    logLevel: "silent",
    plugins: [
      {
        name: "vitest-shim",
        setup(b) {
          b.onResolve({ filter: /^vitest$/ }, () => ({ path: join(here, "vitest-shim.ts") }));
          // the page must be browser-safe: a node: import on its path is a bug, not something to shim
          b.onResolve({ filter: /^node:/ }, (a) => ({
            errors: [{ text: `node import "${a.path}" from ${a.importer}` }],
          }));
        },
      },
    ],
  });
  await writeFile(
    join(outDir, "index.html"),
    '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>grok gpu</title><script type="module" src="page.js"></script>',
  );
}

/** Serve `dir` on 127.0.0.1 (cross-origin isolated, so SharedArrayBuffer-backed memory works too). */
export async function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const name =
      (req.url ?? "/").split("?")[0] === "/" ? "index.html" : (req.url ?? "").slice(1).split("?")[0];
    const file = resolve(dir, name ?? "");
    if (!file.startsWith(resolve(dir))) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        res.writeHead(200, {
          "content-type": file.endsWith(".js") ? "text/javascript" : "text/html",
          "cross-origin-opener-policy": "same-origin",
          "cross-origin-embedder-policy": "require-corp",
        });
        res.end(body);
      },
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}
