import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const files = ["DejaVuSans-subset.ttf", "DejaVuSans-Bold-subset.ttf"];

/**
 * Paths of the fonts bundled with the package (DejaVu Sans regular and bold, subset to Latin, Greek,
 * super/subscripts, arrows and maths operators; Bitstream Vera licence, see `fonts/LICENSE.txt`).
 * PNG rendering uses them by default so text looks the same on every machine.
 *
 * @example
 * ```ts
 * import { bundledFontFiles } from "@emerge/plot/node";
 * bundledFontFiles(); // ["/…/node_modules/@emerge/plot/fonts/DejaVuSans-subset.ttf", …]
 * ```
 */
export function bundledFontFiles(): string[] {
  // The code runs from src/node/ (sources) or from dist/ (build): the fonts folder sits at the package root.
  for (const prefix of ["../fonts/", "../../fonts/"]) {
    const paths = files.map((f) => fileURLToPath(new URL(prefix + f, import.meta.url)));
    if (paths.every((p) => existsSync(p))) return paths;
  }
  return [];
}
