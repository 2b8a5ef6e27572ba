import { PlotError } from "@emerge/plot";
import { bundledFontFiles } from "./fonts.js";

/** Options of {@link svgToPDF}. */
export interface PDFOptions {
  /** Document title in the PDF metadata. */
  readonly title?: string;
  /**
   * Creation date written into the PDF; default the Unix epoch, so the same chart gives the same
   * bytes on every run (diffable, cacheable figures).
   */
  readonly creationDate?: Date;
}

/** CSS pixels (SVG user units) to PDF points: 96 px = 72 pt = 1 in. */
const PT_PER_PX = 0.75;

function svgSize(svg: string): { width: number; height: number } {
  const open = /<svg\b[^>]*>/i.exec(svg)?.[0] ?? "";
  const width = Number(/\swidth="([\d.]+)"/.exec(open)?.[1]);
  const height = Number(/\sheight="([\d.]+)"/.exec(open)?.[1]);
  if (!(width > 0 && height > 0)) {
    throw new PlotError("INVALID_VALUE", "svgToPDF needs an <svg> with numeric width and height attributes");
  }
  return { width, height };
}

/**
 * PDFKit refuses dash patterns with a zero length, which Vega writes for solid lines in a dashed
 * legend ("1,0"): drop patterns whose gaps are all zero (they are solid) and nudge other zeros.
 */
function pdfSafeDashes(svg: string): string {
  return svg.replace(/\sstroke-dasharray="([^"]*)"/g, (whole, list: string) => {
    const parts = list
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    if (parts.length === 0 || parts.some((v) => !Number.isFinite(v))) return "";
    if (parts.every((v, i) => i % 2 === 0 || v === 0)) return "";
    return parts.some((v) => v === 0)
      ? ` stroke-dasharray="${parts.map((v) => v || 0.001).join(",")}"`
      : whole;
  });
}

/**
 * Converts an SVG string (a chart's `toSVG()`) to a one-page vector PDF whose page is the figure's
 * size (1 px = 0.75 pt, so a 640 px figure is 6.67 in wide), with the bundled DejaVu Sans embedded
 * (subset by PDFKit) so text stays selectable and looks the same everywhere. Pure JavaScript:
 * PDFKit writes the PDF and svg-to-pdfkit draws the SVG into it; no browser, no native code.
 *
 * @example
 * ```ts
 * import { svgToPDF } from "@emerge/plot/node";
 * await writeFile("figure.pdf", await svgToPDF(await chart.toSVG()));
 * ```
 */
export async function svgToPDF(svg: string, options: PDFOptions = {}): Promise<Uint8Array> {
  const { width, height } = svgSize(svg);
  const [{ default: PDFDocument }, { default: SVGtoPDF }] = await Promise.all([
    import("pdfkit"),
    import("svg-to-pdfkit"),
  ]);
  const fonts = bundledFontFiles();
  const doc = new PDFDocument({
    size: [width * PT_PER_PX, height * PT_PER_PX],
    margin: 0,
    compress: true,
    info: {
      Title: options.title ?? "figure",
      Producer: "@emerge/plot (PDFKit)",
      Creator: "@emerge/plot",
      CreationDate: options.creationDate ?? new Date(0),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve());
    doc.on("error", reject);
  });
  const warnings: string[] = [];
  try {
    if (fonts[0]) doc.registerFont("DejaVuSans", fonts[0]);
    if (fonts[1]) doc.registerFont("DejaVuSans-Bold", fonts[1]);
    SVGtoPDF(doc, pdfSafeDashes(svg), 0, 0, {
      width: width * PT_PER_PX,
      height: height * PT_PER_PX,
      preserveAspectRatio: "xMinYMin meet",
      // Every chart uses one family; map it (and unknown ones) to the embedded DejaVu Sans.
      fontCallback: (_family, bold) =>
        fonts.length === 2
          ? bold
            ? "DejaVuSans-Bold"
            : "DejaVuSans"
          : bold
            ? "Helvetica-Bold"
            : "Helvetica",
      warningCallback: (w) => warnings.push(w),
    });
    doc.end();
    await done;
  } catch (error) {
    throw new PlotError("RENDER_FAILED", `could not convert the SVG to PDF: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return new Uint8Array(Buffer.concat(chunks));
}
