import { PlotError, type PNGOptions } from "@emerge/plot";
import { bundledFontFiles } from "./fonts.js";

/**
 * Rasterises an SVG string to PNG bytes with resvg (a prebuilt binary: no native build, no browser).
 * Text is drawn with the bundled DejaVu Sans unless `loadSystemFonts` is set; if the bundled fonts are
 * missing (a trimmed install), system fonts are loaded as the fallback.
 *
 * @example
 * ```ts
 * import { svgToPNG } from "@emerge/plot/node";
 * const png = await svgToPNG(await chart.toSVG(), { scale: 2 });
 * ```
 */
export async function svgToPNG(svg: string, options: PNGOptions = {}): Promise<Uint8Array> {
  const scale = options.scale ?? 2;
  if (!(scale > 0 && scale <= 16 && Number.isFinite(scale))) {
    throw new PlotError("INVALID_OPTION", `PNG scale must be in (0, 16], got ${scale}`);
  }
  const { Resvg } = await import("@resvg/resvg-js");
  const bundled = bundledFontFiles();
  const fontFiles = [...bundled, ...(options.fontFiles ?? [])];
  try {
    const resvg = new Resvg(svg, {
      fitTo: { mode: "zoom", value: scale },
      ...(options.background !== undefined ? { background: options.background } : {}),
      font: {
        fontFiles,
        loadSystemFonts: options.loadSystemFonts ?? bundled.length === 0,
        defaultFontFamily: "DejaVu Sans",
        sansSerifFamily: "DejaVu Sans",
      },
      shapeRendering: 2,
      textRendering: 1,
      logLevel: "off",
    });
    return new Uint8Array(resvg.render().asPng());
  } catch (error) {
    throw new PlotError("RENDER_FAILED", `could not rasterise the SVG: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
