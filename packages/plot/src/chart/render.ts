import type { Runtime, Spec as VegaSpec, View } from "vega";
import type { TopLevelSpec } from "vega-lite";
import { PlotError } from "../errors.js";
import type { VegaLiteSpec } from "./spec.js";
import { installTextMetrics } from "./text-metrics.js";

type VegaModule = typeof import("vega");

interface Renderers {
  readonly vega: VegaModule;
  readonly compile: typeof import("vega-lite").compile;
}

let loading: Promise<Renderers> | undefined;

/**
 * Loads Vega and Vega-Lite on first use. Building a spec needs neither, so importing this package stays
 * cheap; the dynamic import also lets the CommonJS build load these ESM-only libraries.
 */
export function loadRenderers(): Promise<Renderers> {
  loading ??= Promise.all([import("vega"), import("vega-lite")]).then(([vega, vegaLite]) => {
    // vega-typings omit textMetrics, which vega exports from vega-scenegraph.
    installTextMetrics(
      (vega as unknown as { textMetrics: Parameters<typeof installTextMetrics>[0] }).textMetrics,
    );
    return { vega, compile: vegaLite.compile };
  });
  return loading;
}

/** A compiled chart: the Vega runtime to instantiate views from, and compiler warnings. */
export interface CompiledChart {
  readonly runtime: Runtime;
  readonly vegaSpec: VegaSpec;
  readonly warnings: readonly string[];
}

/** Compiles a Vega-Lite spec to a Vega runtime, collecting (not printing) compiler warnings. */
export async function compileSpec(spec: VegaLiteSpec): Promise<CompiledChart> {
  const { vega, compile } = await loadRenderers();
  const warnings: string[] = [];
  let level = 0;
  const logger = {
    level(value?: number) {
      if (value === undefined) return level;
      level = value;
      return logger;
    },
    error(...args: readonly unknown[]) {
      throw new PlotError("RENDER_FAILED", `Vega-Lite: ${args.map(String).join(" ")}`);
    },
    warn(...args: readonly unknown[]) {
      warnings.push(args.map(String).join(" "));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  try {
    const vegaSpec = compile(spec as unknown as TopLevelSpec, {
      logger: logger as unknown as Parameters<typeof compile>[1] extends infer O
        ? O extends { logger?: infer L }
          ? L
          : never
        : never,
    }).spec;
    return { runtime: vega.parse(vegaSpec), vegaSpec, warnings };
  } catch (error) {
    if (error instanceof PlotError) throw error;
    throw new PlotError("RENDER_FAILED", `could not compile the chart: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** Renders a compiled chart to an SVG string with no DOM (Vega's headless "none" renderer). */
export async function renderSVG(compiled: CompiledChart): Promise<string> {
  const { vega } = await loadRenderers();
  const view: View = new vega.View(compiled.runtime, { renderer: "none" });
  try {
    return await view.toSVG();
  } catch (error) {
    throw new PlotError("RENDER_FAILED", `could not render the chart: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    view.finalize();
  }
}

/** Options of {@link Chart.renderInto}. */
export interface RenderIntoOptions {
  /** `svg` (default: crisp, selectable text) or `canvas` (faster for many marks). */
  readonly renderer?: "svg" | "canvas";
  /** Enable hover and tooltip interaction; default true. */
  readonly hover?: boolean;
}

/** Renders a compiled chart into a DOM element and returns the live Vega view. */
export async function renderIntoElement(
  compiled: CompiledChart,
  element: Element,
  options: RenderIntoOptions = {},
): Promise<View> {
  if (typeof document === "undefined") {
    throw new PlotError("BROWSER_ONLY", "renderInto needs a DOM; in Node use toSVG() or toPNG()");
  }
  const { vega } = await loadRenderers();
  const view: View = new vega.View(compiled.runtime, {
    renderer: options.renderer ?? "svg",
    container: element,
    hover: options.hover ?? true,
  });
  await view.runAsync();
  return view;
}
