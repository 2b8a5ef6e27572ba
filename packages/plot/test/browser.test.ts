import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { examples } from "../scripts/examples.js";
import { figure, report } from "../src/index.js";
import { hostileReport } from "./xss.js";

// Debian's chromium, driven by playwright-core (no browser download). CI installs it; elsewhere the
// suite is skipped with a message when it is missing.
const executablePath = "/usr/bin/chromium";
const available = existsSync(executablePath);
if (!available) {
  if (process.env.CI) throw new Error(`${executablePath} is missing on CI: install Debian's chromium`);
  console.warn(`[plot] browser tests skipped: ${executablePath} not found (apt-get install chromium)`);
}
const args = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const here = dirname(fileURLToPath(import.meta.url));
const types: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css" };

/** Serves one folder on 127.0.0.1 (ephemeral port). */
async function serve(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(
      /^(\.\.[/\\])+/,
      "",
    );
    try {
      const body = await readFile(join(root, path === "/" ? "index.html" : path));
      res.writeHead(200, { "content-type": types[extname(path) || ".html"] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

describe.skipIf(!available)("in headless Chromium", () => {
  let browser: Browser;
  let dir: string;
  let site: { server: Server; url: string };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "emerge-plot-browser-"));
    browser = await chromium.launch({ executablePath, headless: true, args });
    site = await serve(dir);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.server.close(resolve));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function open(path: string) {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("dialog", async (d) => {
      problems.push(`dialog: ${d.message()}`);
      await d.dismiss();
    });
    await page.goto(site.url + path);
    return { page, problems };
  }

  it("shows every figure of an HTML report with no console errors", async () => {
    const sections = [];
    for (const [name, make] of Object.entries(examples)) {
      sections.push(
        { type: "heading" as const, text: name },
        await figure(make(), { caption: `The ${name} chart` }),
      );
    }
    await writeFile(join(dir, "report.html"), report(sections, { title: "Gallery" }));
    const { page, problems } = await open("report.html");
    const figures = page.locator("figure.chart svg");
    expect(await figures.count()).toBe(Object.keys(examples).length);
    for (const svg of await figures.all()) {
      await expect.poll(() => svg.isVisible()).toBe(true);
      const box = await svg.boundingBox();
      expect(box?.width).toBeGreaterThan(100);
      expect(box?.height).toBeGreaterThan(100);
      // Marks were drawn, not just an empty frame.
      expect(await svg.locator("path").count()).toBeGreaterThan(10);
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it("runs none of the XSS payloads given as task text, titles, tables and captions", async () => {
    await writeFile(join(dir, "hostile.html"), await hostileReport());
    const { page, problems } = await open("hostile.html");
    await page.waitForLoadState("load");
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator("script, img, iframe").count()).toBe(0);
    const handlers = await page.evaluate(() =>
      [...document.querySelectorAll("*")].flatMap((el) =>
        [...el.attributes].filter((a) => a.name.startsWith("on")).map((a) => a.name),
      ),
    );
    expect(handlers).toEqual([]);
    // The payloads are shown as text.
    expect(await page.locator("h1").textContent()).toBe("<script>window.__xss = 1</script>");
    await expect.poll(() => page.locator("figure.chart svg").count()).toBe(2);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("renders the same charts into DOM elements (esbuild bundle, renderInto)", async () => {
    // esbuild bundles vega and the sources in a second or two (a vite/rollup build takes ~40 s here).
    const { build } = await import("esbuild");
    const out = join(dir, "app");
    await build({
      entryPoints: [join(here, "browser", "main.ts")],
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      outfile: join(out, "main.js"),
      conditions: ["@emerge/source"],
      logLevel: "silent",
    });
    await writeFile(
      join(out, "index.html"),
      (await readFile(join(here, "browser", "index.html"), "utf8")).replace("./main.ts", "./main.js"),
    );
    const { page, problems } = await open("app/index.html");
    await page.waitForFunction(
      () => (window as unknown as { __result?: unknown }).__result !== undefined,
      null,
      {
        timeout: 30_000,
      },
    );
    const result = (await page.evaluate(() => (window as unknown as { __result: unknown }).__result)) as {
      rendered: string[];
      svgStrings: number;
      pngError: string | null;
      errors: string[];
    };
    expect(result.errors).toEqual([]);
    expect(result.rendered).toEqual(Object.keys(examples));
    expect(result.svgStrings).toBe(Object.keys(examples).length);
    expect(result.pngError).toBe("NODE_ONLY");
    for (const name of Object.keys(examples)) {
      const svg = page.locator(`#chart-${name} svg`);
      expect(await svg.count()).toBe(1);
      expect(await svg.isVisible()).toBe(true);
      expect(await svg.locator("path").count()).toBeGreaterThan(10);
    }
    expect(problems).toEqual([]);
    await page.close();
  });
});
