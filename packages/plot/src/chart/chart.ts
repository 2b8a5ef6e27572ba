import type { View } from "vega";
import { PlotError } from "../errors.js";
import type { FigureSize } from "../theme/sizes.js";
import {
  type CompiledChart,
  compileSpec,
  type RenderIntoOptions,
  renderIntoElement,
  renderSVG,
} from "./render.js";
import type { ChartKind, VegaLiteSpec } from "./spec.js";

/** Options of {@link Chart.toPNG}. */
export interface PNGOptions {
  /** Pixel density: 2 gives a 2× (retina / print) image. Default 2. */
  readonly scale?: number;
  /** Background colour; default the chart's (white). */
  readonly background?: string;
  /** Extra font files (TTF/OTF) to render text with, besides the bundled DejaVu Sans. */
  readonly fontFiles?: readonly string[];
  /** Also load the system's fonts (slower, and output then depends on the machine). Default false. */
  readonly loadSystemFonts?: boolean;
}

/**
 * A figure: its Vega-Lite spec plus the ways to render it. Every builder (`scalingChart`, `heatmap`, …)
 * returns one; the spec is computed eagerly, rendering happens on demand.
 */
export interface Chart {
  /** Which builder made it. */
  readonly kind: ChartKind;
  /** The Vega-Lite spec (plain JSON, usable in Altair and the Vega editor); deeply frozen. */
  readonly spec: VegaLiteSpec;
  /** The figure size it was laid out for. */
  readonly size: FigureSize;
  /**
   * Sentences stating the rules the chart applied (e.g. when phase bands are drawn, which fits are
   * shown), for a figure caption; also written into the figure where it applies.
   */
  readonly notes: readonly string[];
  /** The spec, so `JSON.stringify(chart)` writes it. */
  toJSON(): VegaLiteSpec;
  /** Renders to an SVG string, in Node or the browser, without a DOM. */
  toSVG(): Promise<string>;
  /** Renders to PNG bytes (Node only: uses resvg with the bundled DejaVu Sans font). */
  toPNG(options?: PNGOptions): Promise<Uint8Array>;
  /**
   * Renders to a one-page vector PDF the size of the figure (Node only: PDFKit and svg-to-pdfkit,
   * bundled DejaVu Sans embedded); the same chart gives the same bytes.
   */
  toPDF(options?: { readonly title?: string }): Promise<Uint8Array>;
  /** Renders into a DOM element (browser only) and returns the live Vega view. */
  renderInto(element: Element, options?: RenderIntoOptions): Promise<View>;
  /** Warnings the Vega-Lite compiler reported for this spec (empty for the built-in charts). */
  warnings(): Promise<readonly string[]>;
}

interface NodeRenderer {
  svgToPNG(svg: string, options?: PNGOptions): Promise<Uint8Array>;
  svgToPDF(svg: string, options?: { readonly title?: string }): Promise<Uint8Array>;
}

// A non-literal specifier: bundlers leave it alone, so the browser build never sees resvg.
const nodeEntry = "@emerge/plot/node";

async function loadNodeRenderer(): Promise<NodeRenderer> {
  if (typeof process === "undefined" || !process.versions?.node) {
    throw new PlotError(
      "NODE_ONLY",
      "toPNG and toPDF run in Node only; in the browser use toSVG() or renderInto()",
    );
  }
  return (await import(/* @vite-ignore */ nodeEntry)) as NodeRenderer;
}

function deepFreeze(value: unknown): void {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

/** Wraps a finished spec into a {@link Chart}; compiles it once, on the first render. */
export function createChart(
  kind: ChartKind,
  spec: VegaLiteSpec,
  size: FigureSize,
  notes: readonly string[] = [],
): Chart {
  deepFreeze(spec);
  const frozenNotes = Object.freeze([...notes]);
  let compiled: Promise<CompiledChart> | undefined;
  const compile = () => {
    // Vega tags the data objects it ingests; compile a copy so the public spec stays plain JSON.
    compiled ??= compileSpec(JSON.parse(JSON.stringify(spec)) as VegaLiteSpec);
    return compiled;
  };
  return {
    kind,
    spec,
    size,
    notes: frozenNotes,
    toJSON: () => spec,
    toSVG: async () => renderSVG(await compile()),
    toPNG: async (options) => (await loadNodeRenderer()).svgToPNG(await renderSVG(await compile()), options),
    toPDF: async (options) => (await loadNodeRenderer()).svgToPDF(await renderSVG(await compile()), options),
    renderInto: async (element, options) => renderIntoElement(await compile(), element, options),
    warnings: async () => (await compile()).warnings,
  };
}
