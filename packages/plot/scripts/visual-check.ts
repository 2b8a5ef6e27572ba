/**
 * Visual check of an HTML report (or any page with inline Vega SVG figures) in headless Chromium:
 * no clipped or truncated text, no overlapping text inside a figure, no ragged table, no literal
 * Markdown in prose, and every log axis with ≥ 3 labels in each whole decade it spans — plus a
 * full-page screenshot.
 *
 *   npx tsx packages/plot/scripts/visual-check.ts out/study/index.html \
 *     --width 1280 --screenshot examples/study/screenshot.png [--json]
 *
 * Exit code 0 when the page passes, 1 when it has problems (listed one per line), 2 on bad usage.
 * `checkPage(page)` is the same check for a Playwright page a test already has open.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";

/** One log axis as measured in the page. */
export interface LogAxisReport {
  readonly figure: number;
  readonly axis: string;
  readonly labels: readonly string[];
  /** Fewest labels inside one whole decade of the axis (all labels when it spans none). */
  readonly perDecade: number;
  readonly decades: number;
}

/** What {@link checkPage} found. */
export interface VisualReport {
  readonly ok: boolean;
  readonly problems: readonly string[];
  readonly figures: number;
  readonly tables: number;
  readonly logAxes: readonly LogAxisReport[];
  readonly screenshot?: string;
}

/** The Chromium flags the checks use: no sandbox (containers), no network side traffic, no GPU. */
export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Launches Debian's Chromium (or `executablePath`) headless with a fresh profile. */
export async function launchChromium(executablePath = "/usr/bin/chromium"): Promise<Browser> {
  if (!existsSync(executablePath)) throw new Error(`${executablePath} not found (apt-get install chromium)`);
  return chromium.launch({ executablePath, headless: true, args: chromiumArgs });
}

/**
 * Runs every check on an open page (after it has loaded) and returns the findings. Runs inside the
 * page: geometry comes from the browser's own layout, not from estimates.
 */
export async function checkPage(
  page: Page,
  options: { minLabelsPerDecade?: number } = {},
): Promise<VisualReport> {
  const minPerDecade = options.minLabelsPerDecade ?? 3;
  // tsx and vitest compile with esbuild's keepNames, which wraps functions in a __name() helper that
  // does not exist inside the page: give the page a no-op one.
  await page.evaluate("globalThis.__name ??= (fn) => fn");
  return page.evaluate((minPerDecade) => {
    const problems: string[] = [];
    const logAxes: LogAxisReport[] = [];
    const superDigits: Record<string, string> = {
      "⁰": "0",
      "¹": "1",
      "²": "2",
      "³": "3",
      "⁴": "4",
      "⁵": "5",
      "⁶": "6",
      "⁷": "7",
      "⁸": "8",
      "⁹": "9",
      "⁻": "-",
    };
    const suffix: Record<string, number> = { K: 1e3, M: 1e6, B: 1e9, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
    /** A tick label back to its number: 10M, 1.5B, 10⁶, 5×10⁹, −0.5, 3e-4. */
    const parse = (raw: string): number | undefined => {
      const text = raw.trim().replace(/−/g, "-").replace(/,/g, "");
      const pow = /^(?:(-?[\d.]+)\s*[×x·]\s*)?10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/.exec(text);
      if (pow) {
        const exp = Number([...(pow[2] as string)].map((c) => superDigits[c]).join(""));
        return Number(pow[1] ?? 1) * 10 ** exp;
      }
      const si = /^(-?[\d.]+(?:e[-+]?\d+)?)([KMBGTPE])?$/i.exec(text);
      if (!si) return undefined;
      const unit = si[2] ? suffix[si[2].toUpperCase()] : 1;
      return unit === undefined ? undefined : Number(si[1]) * unit;
    };
    const box = (el: Element) => el.getBoundingClientRect();
    const figures = [...document.querySelectorAll("svg")].filter((svg) => !svg.parentElement?.closest("svg"));

    figures.forEach((svg, f) => {
      const frame = box(svg);
      const texts = [...svg.querySelectorAll("text")].filter((t) => (t.textContent ?? "").trim() !== "");
      const rects = texts.map((t) => ({ t, r: box(t) }));
      for (const { t, r } of rects) {
        const content = (t.textContent ?? "").trim();
        if (content.endsWith("…")) problems.push(`figure ${f + 1}: truncated text "${content}"`);
        if (
          r.left < frame.left - 1 ||
          r.right > frame.right + 1 ||
          r.top < frame.top - 1 ||
          r.bottom > frame.bottom + 1
        ) {
          problems.push(`figure ${f + 1}: text "${content.slice(0, 40)}" is clipped by the figure's edge`);
        }
      }
      // Overlaps: shrink each box a little (glyph boxes include line gap) and test every pair.
      const shrink = (r: DOMRect) => ({
        left: r.left + 1,
        right: r.right - 1,
        top: r.top + r.height * 0.2,
        bottom: r.bottom - r.height * 0.2,
      });
      for (let i = 0; i < rects.length; i++) {
        const a = shrink((rects[i] as { r: DOMRect }).r);
        for (let j = i + 1; j < rects.length; j++) {
          const b = shrink((rects[j] as { r: DOMRect }).r);
          if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) {
            const ta = (rects[i]?.t.textContent ?? "").trim().slice(0, 30);
            const tb = (rects[j]?.t.textContent ?? "").trim().slice(0, 30);
            problems.push(`figure ${f + 1}: text "${ta}" overlaps "${tb}"`);
          }
        }
      }
      // Log axes: labels per whole decade, from the labels' own values and positions.
      svg.querySelectorAll("g.role-axis").forEach((axis, k) => {
        const aria = axis.getAttribute("aria-label") ?? "";
        const vertical =
          /^Y-axis/i.test(aria) || (!/^X-axis/i.test(aria) && box(axis).height > box(axis).width);
        const labels = [...axis.querySelectorAll("g.role-axis-label text")].filter(
          (t) => (t.textContent ?? "").trim() !== "",
        );
        const points = labels.flatMap((t) => {
          const v = parse(t.textContent ?? "");
          const r = box(t);
          return v !== undefined && v > 0
            ? [{ v, p: vertical ? r.top + r.height / 2 : r.left + r.width / 2 }]
            : [];
        });
        const log = /log scale/i.test(aria);
        if (!log || points.length < 2) return;
        // Position ↔ log10(value) is linear on a log axis: fit it, then read the domain off the axis line.
        const n = points.length;
        const mx = points.reduce((s, q) => s + q.p, 0) / n;
        const my = points.reduce((s, q) => s + Math.log10(q.v), 0) / n;
        const sxy = points.reduce((s, q) => s + (q.p - mx) * (Math.log10(q.v) - my), 0);
        const sxx = points.reduce((s, q) => s + (q.p - mx) ** 2, 0);
        const slope = sxx > 0 ? sxy / sxx : 0;
        const domainLine = axis.querySelector("g.role-axis-domain path, g.role-axis-domain line");
        const d = domainLine ? box(domainLine) : box(axis);
        const ends = vertical ? [d.top, d.bottom] : [d.left, d.right];
        const logs = ends.map((p) => my + slope * (p - mx));
        const lo = Math.min(...logs);
        const hi = Math.max(...logs);
        const first = Math.ceil(lo - 1e-6);
        const last = Math.floor(hi + 1e-6);
        const values = points.map((q) => q.v);
        let perDecade = values.length;
        for (let e = first; e < last; e++) {
          const count = values.filter(
            (v) => Math.log10(v) >= e - 1e-6 && Math.log10(v) < e + 1 - 1e-6,
          ).length;
          perDecade = Math.min(perDecade, count);
        }
        const name = aria.replace(/ for a log scale.*$/i, "") || `axis ${k + 1}`;
        logAxes.push({
          figure: f + 1,
          axis: name,
          labels: labels.map((t) => (t.textContent ?? "").trim()),
          perDecade,
          decades: Math.round((hi - lo) * 100) / 100,
        });
        if (perDecade < minPerDecade) {
          problems.push(
            `figure ${f + 1}: ${name} has ${perDecade} label(s) in a decade (labels: ${labels
              .map((t) => t.textContent)
              .join(" ")}); needs ≥ ${minPerDecade}`,
          );
        }
      });
    });

    // Ragged tables: every body row has as many cells (with colspans) as the header.
    const tables = [...document.querySelectorAll("table")];
    tables.forEach((table, t) => {
      const width = (row: Element) =>
        [...row.children].reduce((s, c) => s + Number((c as HTMLTableCellElement).colSpan || 1), 0);
      const head = table.querySelector("thead tr") ?? table.querySelector("tr");
      if (!head) return;
      const columns = width(head);
      table.querySelectorAll("tbody tr").forEach((row, r) => {
        if (width(row) !== columns) {
          problems.push(`table ${t + 1}: row ${r + 1} has ${width(row)} cells under ${columns} headers`);
        }
      });
    });

    // Literal Markdown / TeX in prose (code blocks and inline code are meant to be literal).
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest("pre, code, svg, math, script, style, td")) continue;
      const text = node.textContent ?? "";
      const literal =
        /`[^`]+`/.exec(text) ?? /\*\*[^*]+\*\*/.exec(text) ?? /\$[^$\s][^$]*[\\^_][^$]*\$/.exec(text);
      if (literal) problems.push(`literal Markdown in <${parent.localName}>: "${literal[0].slice(0, 40)}"`);
    }
    // Clipped HTML text: a heading, caption or cell wider than its box.
    document.querySelectorAll("h1, h2, h3, h4, figcaption, caption, th, td, p").forEach((el) => {
      const e = el as HTMLElement;
      if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== "visible") {
        problems.push(`<${e.localName}> "${(e.textContent ?? "").slice(0, 40)}" is clipped`);
      }
    });
    return { ok: problems.length === 0, problems, figures: figures.length, tables: tables.length, logAxes };
  }, minPerDecade);
}

/** Opens `file` at `width` px in Chromium, runs {@link checkPage} and optionally saves a screenshot. */
export async function checkReport(
  file: string,
  options: { width?: number; screenshot?: string; executablePath?: string; minLabelsPerDecade?: number } = {},
): Promise<VisualReport> {
  const browser = await launchChromium(options.executablePath);
  try {
    const page = await browser.newPage({ viewport: { width: options.width ?? 1280, height: 900 } });
    await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: "load" });
    const report = await checkPage(page, options);
    if (options.screenshot) {
      await page.screenshot({ path: options.screenshot, fullPage: true });
      return { ...report, screenshot: options.screenshot };
    }
    return report;
  } finally {
    await browser.close();
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const args = [...argv];
  const file = args.find((a) => !a.startsWith("--") && !/^\d+$/.test(a) && !a.endsWith(".png"));
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  if (!file || args.includes("--help")) {
    console.error(
      "usage: visual-check <report.html> [--width 1280] [--screenshot out.png] [--min-labels-per-decade 3] [--json]",
    );
    return 2;
  }
  const width = Number(flag("--width") ?? 1280);
  const screenshot = flag("--screenshot");
  const min = Number(flag("--min-labels-per-decade") ?? 3);
  const report = await checkReport(file, {
    width,
    minLabelsPerDecade: min,
    ...(screenshot ? { screenshot } : {}),
  });
  if (args.includes("--json")) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    console.log(
      `${file} at ${width} px: ${report.figures} figures, ${report.tables} tables, ${report.logAxes.length} log axes`,
    );
    for (const a of report.logAxes)
      console.log(`  figure ${a.figure} ${a.axis}: ${a.perDecade} labels per decade`);
    for (const p of report.problems) console.log(`PROBLEM ${p}`);
    if (report.screenshot) console.log(`screenshot: ${report.screenshot}`);
    console.log(report.ok ? "ok" : `${report.problems.length} problem(s)`);
  }
  return report.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`visual-check: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
