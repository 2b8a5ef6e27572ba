/**
 * Node-only helpers of `@emerge/plot`: PNG rasterisation (resvg) with the bundled fonts, and writing
 * figures to files. The main entry stays browser-safe; `Chart.toPNG` loads this entry on demand.
 * @packageDocumentation
 */

export { writeFileAtomic } from "./atomic.js";
export { bundledFontFiles } from "./fonts.js";
export { type PDFOptions, svgToPDF } from "./pdf.js";
export { svgToPNG } from "./png.js";
export { type ChartFormat, type WriteChartOptions, type WrittenChart, writeChart } from "./write.js";
