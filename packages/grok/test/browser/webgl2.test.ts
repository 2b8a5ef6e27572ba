/**
 * The gpu backend for real on WebGL2: bundles test/browser/page.ts (the shared conformance suite
 * plus short training runs on gpu and cpu), serves it on 127.0.0.1 and opens it in headless
 * Chromium, whose SwiftShader gives gpu.js a genuine (software) WebGL2 context.
 * Skipped, with a message, only when no Chromium binary exists.
 */
import { mkdtemp, rm } from "node:fs/promises";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disagreements } from "../gpu/agreement.js";
import { bundlePage, chromiumArgs, chromiumPath, hasChromium, here, serve } from "./harness.js";
import type { BrowserReport } from "./page.js";

if (!hasChromium)
  console.warn(`[grok] skipping the WebGL2 browser test: no Chromium at ${chromiumPath} (set CHROMIUM_PATH)`);

describe.skipIf(!hasChromium)("gpu backend in headless Chromium (WebGL2)", () => {
  let dir: string;
  let server: Server;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "grok-gpu-browser-"));
    await bundlePage(join(here, "page.ts"), dir);
    ({ server, url } = await serve(dir));
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("passes the conformance suite on webgl2 and trains in agreement with cpu, without console errors", async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`console.${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(url, { waitUntil: "commit" });
    const handle = await page.waitForFunction(() => window.__grokBrowser, null, {
      timeout: 240_000,
      polling: 250,
    });
    const report = (await handle.jsonValue()) as BrowserReport;
    await page.close();

    expect(report.error, "page crashed").toBeUndefined();
    expect(report.webgl2Supported, "GPU.isWebGL2Supported").toBe(true);
    expect(report.gpuMode, "gpu.js backend").toBe("webgl2");
    expect(report.fallbacks, "programs gpu.js re-ran on its cpu backend").toBe(0);
    expect(report.keptOnDevice, "kernel outputs stay in textures").toBe(true);
    // evaluations at steps 0, 5, 10: after the first step every texture is recycled
    expect(report.texturesAtEvals.length).toBe(3);
    expect(report.texturesAtEvals[2], `GL textures alive at evals ${report.texturesAtEvals}`).toBe(
      report.texturesAtEvals[1],
    );
    const failed = report.cases.filter((c) => !c.ok).map((c) => `${c.name}: ${c.error}`);
    expect(failed, "conformance failures").toEqual([]);
    expect(report.cases.length).toBeGreaterThan(20);
    for (const run of report.training) {
      expect(disagreements(run.cpu, run.gpu), `${run.label}: gpu vs cpu`).toEqual([]);
      expect(run.gpu.trainLoss.length).toBeGreaterThan(2);
    }
    expect(report.training.length).toBe(2);
    expect(problems, "console errors/warnings").toEqual([]);
    console.info(
      `[grok] webgl2: ${report.cases.length} conformance cases, ${report.programs} programs; ` +
        report.training.map((r) => `${r.label}: gpu ${r.gpu.stepsPerS.toFixed(1)} steps/s`).join("; "),
    );
  }, 300_000);
});
