import type { Chart, PNGOptions } from "../chart/chart.js";
import { PlotError } from "../errors.js";
import { formatNumber } from "../format/number.js";
import { fontFamily } from "../theme/config.js";
import { base64 } from "./base64.js";
import { escapeHTML } from "./escape.js";
import { renderInlineMarkdown, renderMarkdown } from "./markdown.js";
import { assertSafeSVG } from "./sanitize.js";
import type { FigureSection, KeyNumber, ReportSection, TableCell } from "./sections.js";

/** Options of {@link report}. */
export interface ReportOptions {
  /** Page title and top heading. */
  readonly title?: string;
  /** A line under the title (e.g. run id, date). */
  readonly subtitle?: string;
}

/** Options of {@link figure}. */
export interface FigureOptions {
  readonly caption?: string;
  readonly alt?: string;
  /** Also embed a PNG (Node only): `true` or PNG options. Default false. */
  readonly png?: boolean | PNGOptions;
  /** Inline the SVG; default true. With `png` and `svg: false` only the PNG is embedded. */
  readonly svg?: boolean;
  /** Append the chart's `notes` (the rules it applied, e.g. when thresholds are marked) to the caption. */
  readonly notes?: boolean;
}

/**
 * Renders a chart into a figure section for {@link report}.
 *
 * @example
 * ```ts
 * const html = report([{ type: "heading", text: "Scaling" }, await figure(chart, { caption: "Fig. 1" })]);
 * ```
 */
export async function figure(chart: Chart, options: FigureOptions = {}): Promise<FigureSection> {
  const withSvg = options.svg ?? true;
  if (!withSvg && !options.png) {
    throw new PlotError("INVALID_OPTION", "figure needs svg or png (or both)");
  }
  const png = options.png ? await chart.toPNG(options.png === true ? {} : options.png) : undefined;
  const notes = options.notes ? chart.notes.join(" ") : "";
  const caption =
    options.caption !== undefined || notes ? [options.caption, notes].filter(Boolean).join(" ") : undefined;
  return {
    type: "figure",
    ...(withSvg ? { svg: await chart.toSVG() } : {}),
    ...(png ? { png } : {}),
    ...(caption !== undefined ? { caption } : {}),
    ...(options.alt !== undefined ? { alt: options.alt } : {}),
  };
}

const css = `
:root { color-scheme: light; }
body { font-family: ${fontFamily}; color: #222; max-width: 60rem; margin: 2rem auto; padding: 0 1.25rem; line-height: 1.5; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.3rem; margin-top: 2rem; } h3 { font-size: 1.1rem; }
.subtitle { color: #666; margin-top: 0; }
figure { margin: 1.5rem 0; } figure svg, figure img { max-width: 100%; height: auto; display: block; }
figcaption, caption { color: #555; font-size: .9rem; margin-top: .4rem; caption-side: bottom; text-align: left; }
table { border-collapse: collapse; margin: 1rem 0; font-size: .92rem; }
th, td { padding: .3rem .7rem; border-bottom: 1px solid #ddd; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
pre { background: #f6f6f6; padding: .8rem; overflow-x: auto; white-space: pre-wrap; word-break: break-word; }
.keys { display: flex; flex-wrap: wrap; gap: 1rem; margin: 1rem 0; }
.key { border: 1px solid #ddd; border-radius: 6px; padding: .6rem .9rem; min-width: 9rem; }
.key .value { font-size: 1.5rem; font-weight: bold; } .key .label, .key .detail { color: #555; font-size: .85rem; }
.png { font-size: .85rem; }
code { background: #f3f3f3; padding: 0 .2em; border-radius: 3px; font-size: .92em; }
pre code { background: none; padding: 0; }
.katex-block { text-align: center; overflow-x: auto; } math { font-size: 1.08em; }
`;

function cell(value: TableCell): string {
  if (typeof value === "number") return `<td class="num">${escapeHTML(formatNumber(value, 4))}</td>`;
  if (value === null || value === undefined) return "<td></td>";
  return `<td>${escapeHTML(value)}</td>`;
}

function keyNumber(item: KeyNumber): string {
  const value = typeof item.value === "number" ? formatNumber(item.value, 4) : item.value;
  return `<div class="key"><div class="value">${escapeHTML(value)}</div><div class="label">${escapeHTML(item.label)}</div>${
    item.detail !== undefined ? `<div class="detail">${escapeHTML(item.detail)}</div>` : ""
  }</div>`;
}

/** Prefixes the SVG's ids (clip paths, gradients) so several inline figures never share one. */
function scopeIds(svg: string, prefix: string): string {
  return svg
    .replace(/\sid="([^"]+)"/g, (_, id: string) => ` id="${prefix}${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${prefix}${id})`)
    .replace(/href="#([^"]+)"/g, (_, id: string) => `href="#${prefix}${id}"`);
}

function section(s: ReportSection, index: number): string {
  switch (s.type) {
    case "heading": {
      const level = (s.level ?? 1) + 1;
      if (![2, 3, 4].includes(level))
        throw new PlotError("INVALID_OPTION", `heading level must be 1, 2 or 3`);
      return `<h${level}>${escapeHTML(s.text)}</h${level}>`;
    }
    case "text":
      if (s.format === "plain") {
        return String(s.text)
          .split(/\n\s*\n/)
          .filter((p) => p.trim() !== "")
          .map((p) => `<p>${escapeHTML(p.trim())}</p>`)
          .join("\n");
      }
      return renderMarkdown(s.text).trim();
    case "code":
      return `<figure><pre><code>${escapeHTML(s.text)}</code></pre>${
        s.caption !== undefined ? `<figcaption>${escapeHTML(s.caption)}</figcaption>` : ""
      }</figure>`;
    case "figure": {
      if (s.svg === undefined && s.png === undefined) {
        throw new PlotError("INVALID_OPTION", `figure section ${index} has neither svg nor png`);
      }
      const alt = escapeHTML(s.alt ?? s.caption ?? `Figure ${index + 1}`);
      const png = s.png ? `data:image/png;base64,${base64(s.png)}` : undefined;
      const body =
        s.svg !== undefined
          ? `<div role="img" aria-label="${alt}">${scopeIds(assertSafeSVG(s.svg), `f${index + 1}-`)}</div>${
              png ? `<a class="png" download="figure-${index + 1}.png" href="${png}">PNG</a>` : ""
            }`
          : `<img alt="${alt}" src="${png}">`;
      return `<figure class="chart">${body}${
        s.caption !== undefined ? `<figcaption>${renderInlineMarkdown(s.caption)}</figcaption>` : ""
      }</figure>`;
    }
    case "table": {
      if (!Array.isArray(s.columns) || !Array.isArray(s.rows)) {
        throw new PlotError("INVALID_VALUE", `table section ${index} needs columns and rows arrays`);
      }
      s.rows.forEach((r, i) => {
        // A row longer or shorter than the header puts numbers under the wrong headings.
        if (!Array.isArray(r) || r.length !== s.columns.length) {
          throw new PlotError(
            "INVALID_VALUE",
            `table section ${index}${s.caption !== undefined ? ` ("${String(s.caption).slice(0, 40)}")` : ""}: row ${i} has ${
              Array.isArray(r) ? r.length : "no"
            } cells but there are ${s.columns.length} headers`,
          );
        }
      });
      const head = s.columns.map((c) => `<th>${escapeHTML(c)}</th>`).join("");
      const rows = s.rows.map((r) => `<tr>${r.map(cell).join("")}</tr>`).join("\n");
      return `<table>${s.caption !== undefined ? `<caption>${renderInlineMarkdown(s.caption)}</caption>` : ""}<thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
    }
    case "keyNumbers":
      return `<div class="keys">${s.items.map(keyNumber).join("")}</div>`;
    default:
      throw new PlotError(
        "INVALID_OPTION",
        `unknown report section type ${JSON.stringify((s as { type?: unknown }).type)}`,
      );
  }
}

/**
 * Builds a self-contained HTML page (no external resources, works offline) from headings, text,
 * tables, key numbers and figures. Text sections and figure/table captions are Markdown with TeX
 * maths (`$…$`, `$$…$$`, rendered as MathML by KaTeX), sanitised by DOMPurify; every other string is
 * HTML-escaped; figures' SVG is checked by {@link assertSafeSVG}; a table row whose length differs
 * from its headers is an `INVALID_VALUE` error; a Content-Security-Policy forbids all scripts, so even
 * a missed injection could not run.
 *
 * @example
 * ```ts
 * const html = report(
 *   [
 *     { type: "keyNumbers", items: [{ label: "exponent α", value: 0.34 }] },
 *     await figure(scalingChart({ points }), { caption: "Loss vs size" }),
 *     { type: "table", columns: ["task", "threshold"], rows: [["addition", 2e9]] },
 *   ],
 *   { title: "Scaling study" },
 * );
 * ```
 */
export function report(sections: readonly ReportSection[], options: ReportOptions = {}): string {
  if (!Array.isArray(sections)) throw new PlotError("INVALID_OPTION", "report expects an array of sections");
  const title = options.title ?? "emerge report";
  const body = sections.map((s, i) => section(s, i)).join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${escapeHTML(title)}</title>
<style>${css}</style>
</head>
<body>
<h1>${escapeHTML(title)}</h1>
${options.subtitle !== undefined ? `<p class="subtitle">${escapeHTML(options.subtitle)}</p>\n` : ""}${body}
</body>
</html>
`;
}
