import { emergence } from "@emerge/fit";
const sizes = [3e7, 3e8, 3e9, 3e10, 3e11];
for (const ys of [[0,1,1,1,1],[0,0,0,0,1],[0, 0.02, 1, 1, 1]]) for (const r of [0, 10]) {
  const t = performance.now();
  let v; try { v = emergence(sizes, ys, { replicates: r }).verdict; } catch (e) { v = String(e); }
  console.log(JSON.stringify(ys), r, (performance.now() - t).toFixed(0), "ms", v);
}
