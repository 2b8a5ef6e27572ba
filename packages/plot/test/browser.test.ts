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
import { checkPage } from "../scripts/visual-check.js";
import {
  emergenceChart,
  figure,
  grokkingChart,
  heatmap,
  type ReportSection,
  report,
  sanitizeSVG,
} from "../src/index.js";
import { evasions } from "./evasions.js";
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

  // One visual check per chart kind, at the default (page) and one-column sizes, plus the hard cases of
  // issue #16: a 10–800 step axis, 15 emergence panels with a long title, a heatmap with long labels.
  const hardCases = {
    "grokking 10–800 steps": () =>
      grokkingChart({
        runs: [0, 1].map((seed) => ({
          label: `seed ${seed}`,
          metrics: [10, 20, 40, 80, 160, 320, 640, 800].map((step, i) => ({
            step,
            trainAcc: Math.min(1, i / 4),
            testAcc: Math.max(0, (i - 4 - seed) / 3),
            trainLoss: 3 / (i + 1),
            testLoss: 4 / (i + 1),
          })),
          summary: { memorizationStep: 160, generalizationStep: seed ? null : 640 },
        })),
      }),
    "emergence 15 panels": () =>
      emergenceChart({
        panels: Array.from({ length: 15 }, (_, i) => ({
          task: i === 0 ? "LAMBADA · 1/perplexity of the last word" : `BIG-bench task ${i}`,
          points: [1e8, 1e9, 1e10, 1e11].map((size, j) => ({ size, score: j / 3 })),
          fit: { predict: (n: number) => Math.log10(n / 1e8) / 3 },
        })),
        title: "Fifteen tasks",
      }),
    "heatmap long labels": () =>
      heatmap({
        values: Array.from({ length: 12 }, (_, i) => Array.from({ length: 40 }, (_, j) => Math.sin(i + j))),
        x: Array.from({ length: 40 }, (_, j) => 1000 * (j + 1)),
        y: Array.from({ length: 12 }, (_, i) => `layer ${i} attention`),
        xTitle: "step",
        yTitle: "component",
      }),
  };
  const kinds = {
    ...Object.fromEntries(Object.entries(examples).map(([name, make]) => [name, () => make()])),
    ...Object.fromEntries(
      ["scaling", "emergence", "grokking", "line"].map((name) => [
        `${name} (column)`,
        () => examples[name]?.("column"),
      ]),
    ),
    ...hardCases,
  } as Record<string, () => import("../src/index.js").Chart>;
  for (const [name, make] of Object.entries(kinds)) {
    it(`visual check: ${name} — no clipped or overlapping text, ≥ 3 labels per decade on log axes`, async () => {
      const file = `visual-${name.replace(/[^a-z0-9]+/gi, "-")}.html`;
      await writeFile(join(dir, file), report([await figure(make(), { caption: name })], { title: name }));
      const { page, problems } = await open(file);
      const result = await checkPage(page);
      expect(result.problems).toEqual([]);
      expect(result.figures).toBe(1);
      expect(problems).toEqual([]);
      await page.close();
    });
  }

  it("the visual check finds clipped text, ragged tables, literal Markdown and sparse log axes", async () => {
    const sparse = grokkingChart({
      runs: [{ metrics: [10, 100, 800].map((step) => ({ step, trainAcc: 0.5 })) }],
      panels: ["accuracy"],
      x: { ticks: [10, 100] },
    });
    const sections: ReportSection[] = [
      { type: "text", text: "Shown as typed: `train()`", format: "plain" },
      await figure(sparse),
      {
        type: "figure",
        svg: '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="20"><text x="30" y="15">A title cut…</text></svg>',
      },
    ];
    const html = report(sections).replace(
      "</body>",
      "<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>2</td><td>3</td></tr></tbody></table></body>",
    );
    await writeFile(join(dir, "flawed.html"), html);
    const { page } = await open("flawed.html");
    const result = await checkPage(page);
    const found = result.problems.join("\n");
    expect(found).toMatch(/literal Markdown in <p>: "`train\(\)`"/);
    expect(found).toMatch(/table 1: row 1 has 3 cells under 2 headers/);
    expect(found).toMatch(/truncated text "A title cut…"/);
    expect(found).toMatch(/has 1 label\(s\) in a decade/);
    await page.close();
  });

  it("neutralises the 13 sanitiser evasions as Chromium parses them", async () => {
    const body = evasions.map((e) => `<div>${sanitizeSVG(e.svg).svg}</div>`).join("\n");
    await writeFile(
      join(dir, "evasions.html"),
      `<!doctype html><html><head><link rel="icon" href="data:,"></head><body>${body}<p id="end">end</p></body></html>`,
    );
    const { page, problems } = await open("evasions.html");
    await page.waitForTimeout(300);
    expect(page.url()).toContain("evasions.html");
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(
      await page.locator("meta, form, img, textarea, button, noscript, math, iframe, style").count(),
    ).toBe(0);
    expect(await page.locator("#end").isVisible()).toBe(true);
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
