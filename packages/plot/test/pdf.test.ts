import { describe, expect, it } from "vitest";
import { examples } from "../scripts/examples.js";
import { svgToPDF } from "../src/node/index.js";
import { svgSize } from "./helpers.js";

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");

describe("PDF export (PDFKit + svg-to-pdfkit)", () => {
  for (const name of ["grokking", "emergence", "scaling", "heatmap"]) {
    it(`writes the ${name} chart as a one-page vector PDF the figure's size, fonts embedded`, async () => {
      const chart = (examples[name] as () => import("../src/index.js").Chart)();
      const { width, height } = svgSize(await chart.toSVG());
      const pdf = await chart.toPDF();
      const text = latin1(pdf);
      expect(text.startsWith("%PDF-")).toBe(true);
      expect(text.match(/\/Type \/Page\b/g)).toHaveLength(1);
      const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(text);
      expect(Number(box?.[1])).toBeCloseTo(width * 0.75, 1);
      expect(Number(box?.[2])).toBeCloseTo(height * 0.75, 1);
      // The bundled DejaVu Sans, subset and embedded (not a base-14 substitute).
      expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
      expect(text).toContain("/FontFile2");
    });
  }
  it("is byte-for-byte reproducible", async () => {
    const svg = await (examples.line as () => import("../src/index.js").Chart)().toSVG();
    expect(Buffer.from(await svgToPDF(svg)).equals(Buffer.from(await svgToPDF(svg)))).toBe(true);
  });
  it("accepts the zero-gap dash pattern Vega writes for solid legend lines", async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="10"><path d="M0,5L40,5" stroke="black" stroke-dasharray="1,0"/></svg>';
    expect(latin1(await svgToPDF(svg)).startsWith("%PDF-")).toBe(true);
  });
  it("refuses an SVG without a size with a typed error", async () => {
    await expect(svgToPDF("<svg></svg>")).rejects.toMatchObject({ code: "INVALID_VALUE" });
  });
});
