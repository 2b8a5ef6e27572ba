// Bundled by vite in test/browser.test.ts: renders every example chart into a DOM element with
// Chart.renderInto, and records what happened on window.__result for the test to read.
import { examples } from "../../scripts/examples.js";
import { PlotError } from "../../src/index.js";

interface BrowserResult {
  rendered: string[];
  svgStrings: number;
  pngError: string | null;
  errors: string[];
}

const result: BrowserResult = { rendered: [], svgStrings: 0, pngError: null, errors: [] };
const host = document.getElementById("charts") as HTMLElement;

async function run(): Promise<void> {
  for (const [name, make] of Object.entries(examples)) {
    const element = document.createElement("div");
    element.id = `chart-${name}`;
    host.appendChild(element);
    try {
      const chart = make();
      await chart.renderInto(element);
      if ((await chart.toSVG()).startsWith("<svg")) result.svgStrings++;
      result.rendered.push(name);
    } catch (error) {
      result.errors.push(`${name}: ${(error as Error).message}`);
    }
  }
  try {
    await (examples.line as () => { toPNG(): Promise<Uint8Array> })().toPNG();
  } catch (error) {
    result.pngError = error instanceof PlotError ? error.code : String(error);
  }
}

run().then(
  () => {
    (window as unknown as { __result: BrowserResult }).__result = result;
  },
  (error: unknown) => {
    result.errors.push(String(error));
    (window as unknown as { __result: BrowserResult }).__result = result;
  },
);
