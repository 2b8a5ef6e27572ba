/**
 * Browser bench: gpu (gpu.js on WebGL2 through SwiftShader) vs cpu steps/s in headless Chromium.
 * Run from packages/grok: `npx tsx test/browser/bench.ts`. Prints one JSON line per row.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { bundlePage, chromiumArgs, chromiumPath, hasChromium, here, serve } from "./harness.js";

if (!hasChromium) {
  console.error(`no Chromium at ${chromiumPath} (set CHROMIUM_PATH)`);
  process.exit(1);
}
const dir = await mkdtemp(join(tmpdir(), "grok-gpu-bench-"));
await bundlePage(join(here, "bench-page.ts"), dir);
const { server, url } = await serve(dir);
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: "commit" });
  const handle = await page.waitForFunction(() => window.__grokBench, null, {
    timeout: 600_000,
    polling: 500,
  });
  const result = (await handle.jsonValue()) as NonNullable<Window["__grokBench"]>;
  if (result.error) throw new Error(result.error);
  for (const row of result.rows)
    console.log(JSON.stringify({ ...row, stepsPerS: Number(row.stepsPerS.toFixed(2)) }));
} finally {
  await browser.close();
  server.close();
  await rm(dir, { recursive: true, force: true });
}
