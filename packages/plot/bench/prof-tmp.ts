import * as vega from "vega";
import { examples } from "/work/main/packages/plot/scripts/examples.ts";
import { compileSpec } from "/work/main/packages/plot/src/chart/render.ts";
for (const name of ["scaling", "emergence", "line"]) {
  const chart = examples[name]!();
  const c = await compileSpec(JSON.parse(JSON.stringify(chart.spec)));
  for (let i = 0; i < 5; i++) await chart.toSVG();
  const t: Record<string, number[]> = { view: [], run: [], svg: [] };
  for (let i = 0; i < 10; i++) {
    let s = performance.now();
    const view = new vega.View(c.runtime, { renderer: "none" });
    t.view!.push(performance.now() - s); s = performance.now();
    await view.runAsync();
    t.run!.push(performance.now() - s); s = performance.now();
    await view.toSVG();
    t.svg!.push(performance.now() - s);
    view.finalize();
  }
  const med = (a: number[]) => a.sort((x, y) => x - y)[5]!.toFixed(1);
  console.log(name, "view", med(t.view!), "run", med(t.run!), "toSVG", med(t.svg!));
}
