import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { examples } from "../scripts/examples.js";
import { fontFamily, PlotError, scatter } from "../src/index.js";
import { bundledFontFiles, svgToPNG, writeChart } from "../src/node/index.js";
import { decodePNG, inkedPixels, svgSize } from "./helpers.js";

const textSVG = (text: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><rect width="200" height="40" fill="white"/>` +
  `<text x="10" y="28" font-family="${fontFamily}" font-size="20" fill="black">${text}</text></svg>`;

describe("PNG rendering (resvg)", () => {
  it("ships its fonts", () => {
    const files = bundledFontFiles();
    expect(files).toHaveLength(2);
    expect(files.every((f) => f.endsWith(".ttf"))).toBe(true);
  });

  it("draws text with the bundled font, identically every time", async () => {
    const blank = decodePNG(await svgToPNG(textSVG(""), { scale: 1 }));
    const label = decodePNG(await svgToPNG(textSVG("Loss 10⁹ α=0.34"), { scale: 1 }));
    const again = decodePNG(await svgToPNG(textSVG("Loss 10⁹ α=0.34"), { scale: 1 }));
    expect(inkedPixels(blank)).toBe(0);
    // ~15 glyphs at 20 px: hundreds of dark pixels when the font loaded, none when it did not.
    expect(inkedPixels(label)).toBeGreaterThan(300);
    expect(Buffer.from(again.rgba).equals(Buffer.from(label.rgba))).toBe(true);
  });

  for (const name of ["scaling", "emergence", "grokking", "heatmap"]) {
    it(`renders the ${name} chart at the requested scale with visible content`, async () => {
      const chart = (examples[name] as () => import("../src/index.js").Chart)();
      const { width, height } = svgSize(await chart.toSVG());
      const png = decodePNG(await chart.toPNG({ scale: 2 }));
      expect(png.width).toBe(Math.round(width * 2));
      expect(png.height).toBe(Math.round(height * 2));
      const share = inkedPixels(png) / (png.width * png.height);
      expect(share).toBeGreaterThan(0.02);
      expect(share).toBeLessThan(0.9);
    });
  }

  it("rejects a bad scale", async () => {
    await expect(svgToPNG(textSVG("x"), { scale: 0 })).rejects.toBeInstanceOf(PlotError);
    await expect(svgToPNG("not svg")).rejects.toMatchObject({ code: "RENDER_FAILED" });
  });

  it("writes svg, png, pdf and spec files, atomically (no temporary files left)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "emerge-plot-"));
    try {
      const chart = scatter({
        series: [
          {
            name: "a",
            points: [
              { x: 1, y: 2 },
              { x: 2, y: 3 },
            ],
          },
        ],
      });
      const written = await writeChart(chart, join(dir, "sub", "fig"), { png: { scale: 1 } });
      expect(Object.keys(written).sort()).toEqual(["json", "pdf", "png", "svg"]);
      expect((await readFile(written.pdf as string)).subarray(0, 5).toString()).toBe("%PDF-");
      expect((await readdir(join(dir, "sub"))).sort()).toEqual(["fig.json", "fig.pdf", "fig.png", "fig.svg"]);
      expect(JSON.parse(await readFile(written.json as string, "utf8"))).toEqual(chart.spec);
      expect((await readFile(written.svg as string, "utf8")).startsWith("<svg")).toBe(true);
      expect(decodePNG(await readFile(written.png as string)).width).toBeGreaterThan(100);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
