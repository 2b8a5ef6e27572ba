/**
 * Benchmark of @emerge/fit: NIST StRD accuracy (27 problems × 2 starts, default options),
 * the Chinchilla 4500-start log-space Huber grid, Epoch's maximum-likelihood polish and the
 * 4000-replicate bootstrap, the sharp-break broken power law fitted with defaults, with scipy
 * measured in the same run when Debian's python3-scipy is installed, and the simulation calibration
 * of emergence() (bench/emergence-calibration.ts: confusion matrices at 5/8/15 sizes × 100/1000 questions).
 *
 * Run: npm run bench -w @emerge/fit   (FIT_BENCH_SCIPY_GRID=0 skips scipy's slow grid)
 * The last stdout line is one JSON object with the headline numbers.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chinchillaPoints } from "../src/datasets/index.js";
import { bootstrapChinchilla, chinchillaMle, fitChinchilla } from "../src/index.js";
import { checkBnslDefaults } from "./bnsl-check.js";
import { emergenceCalibration } from "./emergence-calibration.js";
import { loadNist, type NistRun, runNist } from "./nist-runner.js";

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : 0.5 * (s[m - 1]! + s[m]!);
};
const pad = (s: string | number, n: number) => String(s).padStart(n);

// ---- NIST StRD ----------------------------------------------------------------------------
const problems = loadNist();
const REPEATS = 5;
const runs: NistRun[] = [];
console.log(
  "NIST StRD nonlinear regression, default options (LRE = correct significant digits, capped at 11)",
);
console.log(
  `${"problem".padEnd(10)} ${"difficulty".padEnd(8)} start  LRE(params)  LRE(stderr)  LRE(rss)  evals  reason              ms/run (median of ${REPEATS})`,
);
for (const p of problems) {
  for (const start of [1, 2] as const) {
    const times: number[] = [];
    let last: NistRun | undefined;
    for (let k = 0; k < REPEATS; k++) {
      last = runNist(p, start);
      times.push(last.ms);
    }
    const r = { ...last!, ms: median(times) };
    runs.push(r);
    console.log(
      `${p.name.padEnd(10)} ${p.difficulty.padEnd(8)} ${pad(start, 5)}  ${pad(r.lreParams.toFixed(2), 11)}  ${pad(r.lreStderr.toFixed(2), 11)}  ${pad(r.lreRss.toFixed(2), 8)}  ${pad(r.evaluations, 5)}  ${r.reason.padEnd(18)}  ${pad(r.ms.toFixed(3), 8)}`,
    );
  }
}
const nistLre6 = runs.filter((r) => r.lreParams >= 6).length;
const nistSe4 = runs.filter((r) => r.lreStderr >= 4).length;
const failures = runs.filter((r) => r.lreParams < 6 || r.lreStderr < 4).map((r) => `${r.problem}/${r.start}`);
console.log(
  `\nparameters LRE ≥ 6: ${nistLre6}/${runs.length}; standard errors LRE ≥ 4: ${nistSe4}/${runs.length}`,
);
if (failures.length) console.log(`below target: ${failures.join(", ")}`);
console.log(`median time per run: ${median(runs.map((r) => r.ms)).toFixed(3)} ms`);

// ---- Chinchilla -----------------------------------------------------------------------------
const pts = chinchillaPoints();
const gridTimes: number[] = [];
const gridCpu: number[] = [];
let chin = fitChinchilla(pts);
for (let k = 0; k < 3; k++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  chin = fitChinchilla(pts);
  const c1 = process.cpuUsage(c0);
  gridTimes.push((performance.now() - t0) / 1000);
  gridCpu.push((c1.user + c1.system) / 1e6);
}
const gridS = median(gridTimes);
const gridCpuS = median(gridCpu);
// Transparency: the same grid with every start run to its own convergence (no early rejection).
const tFull = performance.now();
const cFull = process.cpuUsage();
const chinFull = fitChinchilla(pts, { earlyRejection: false });
const cFullUsed = process.cpuUsage(cFull);
const gridFullS = (performance.now() - tFull) / 1000;
const gridFullCpuS = (cFullUsed.user + cFullUsed.system) / 1e6;
const mle = chinchillaMle(pts, { start: chin.logParams });
const t0 = performance.now();
const boot = bootstrapChinchilla(pts, { replicates: 4000, seed: 0, estimate: chin });
const bootS = (performance.now() - t0) / 1000;
console.log(
  "\nChinchilla, Epoch AI's 240 points, Huber δ=1e-3 on log-space LSE, L-BFGS from the 4500-start Hoffmann grid",
);
console.log(
  `${"".padEnd(8)} ${pad("E", 9)} ${pad("A", 10)} ${pad("B", 10)} ${pad("alpha", 8)} ${pad("beta", 8)}`,
);
const row = (name: string, p: { E: number; A: number; B: number; alpha: number; beta: number }) =>
  console.log(
    `${name.padEnd(8)} ${pad(p.E.toFixed(4), 9)} ${pad(p.A.toFixed(2), 10)} ${pad(p.B.toFixed(2), 10)} ${pad(p.alpha.toFixed(4), 8)} ${pad(p.beta.toFixed(4), 8)}`,
  );
row("emerge", chin.params);
row("MLE", mle.params);
row("SE boot", boot.stderr);
row("Epoch", { E: 1.82, A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3658 });
console.log(
  `(emerge: the grid's Huber optimum, Epoch's grid gave A=477.84 B=2143.86; MLE: Epoch's likelihood polish from it, log L ${mle.logLikelihood.toFixed(5)})`,
);
row("Hoffmann", { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 });
console.log(
  `objective ${chin.objective.toExponential(10)}; ${chin.starts.agreed}/${chin.starts.tried} starts reached it, ${chin.starts.rejected} stopped early as hopeless; ${chin.evaluations} evaluations`,
);
console.log(
  `without early rejection: objective ${chinFull.objective.toExponential(10)}, ${chinFull.starts.agreed}/${chinFull.starts.tried} starts reached it, ${chinFull.evaluations} evaluations, ${gridFullS.toFixed(3)} s wall, ${gridFullCpuS.toFixed(3)} s CPU`,
);
console.log(
  `load average ${loadavg()[0]!.toFixed(1)} on this machine (wall time includes waiting for a CPU; CPU time does not)`,
);
console.log(
  `grid: ${gridS.toFixed(3)} s wall, ${gridCpuS.toFixed(3)} s CPU (median of 3); bootstrap 4000 replicates: ${bootS.toFixed(2)} s (${boot.unconverged} unconverged)`,
);

// ---- broken power law with a sharp break, default options ----------------------------------------
const bnsl = checkBnslDefaults();
console.log(
  `\nsharp-break BNSL (f1 = 0.06, break mid-range, 14 points) with defaults: exact series max relative error ${bnsl.exactError.toExponential(2)}, 1 % noise (3 seeds) d1/c1 max relative error ${bnsl.noisyError.toFixed(3)} → ${bnsl.ok ? "ok" : "FAILED"}`,
);

// ---- scipy, same run ----------------------------------------------------------------------------
let scipy: {
  available: boolean;
  scipy?: string;
  nist_lre6?: number;
  chinchilla?: { grid_s: number; A: number; B: number; E: number; alpha: number; beta: number } | null;
} = {
  available: false,
};
const python = "/usr/bin/python3";
if (existsSync(python)) {
  const dir = mkdtempSync(join(tmpdir(), "emerge-fit-bench-"));
  const chinPath = join(dir, "chinchilla.json");
  writeFileSync(chinPath, JSON.stringify({ N: pts.N, D: pts.D, loss: pts.loss }));
  const script = fileURLToPath(new URL("./scipy_reference.py", import.meta.url));
  const nistPath = fileURLToPath(new URL("../data/nist.json", import.meta.url));
  const args = [script, nistPath, chinPath];
  if (process.env.FIT_BENCH_SCIPY_GRID === "0") args.push("--no-grid");
  const res = spawnSync(python, args, { encoding: "utf8", maxBuffer: 1 << 26, timeout: 900_000 });
  rmSync(dir, { recursive: true, force: true });
  try {
    scipy = JSON.parse(res.stdout.trim().split("\n").pop() ?? "{}");
  } catch {
    scipy = { available: false };
  }
}
if (scipy.available) {
  console.log(
    `\nscipy ${scipy.scipy} least_squares defaults: parameters LRE ≥ 6 on ${scipy.nist_lre6}/54 runs`,
  );
  if (scipy.chinchilla) {
    row("scipy", scipy.chinchilla);
    console.log(
      `scipy L-BFGS-B grid: ${scipy.chinchilla.grid_s.toFixed(2)} s; emerge/scipy speed-up ${(scipy.chinchilla.grid_s / gridS).toFixed(1)}×`,
    );
  }
} else {
  console.log("\nscipy: not available (install Debian python3-scipy to measure the peer)");
}

// The headline numbers, assembled in this one object: a new measurement is one more line here.
const summary: Record<string, unknown> = {
  nist_runs: runs.length,
  nist_lre6: nistLre6,
  nist_se_lre4: nistSe4,
  nist_failures: failures,
  nist_median_ms: median(runs.map((r) => r.ms)),
  chinchilla: chin.params,
  chinchilla_objective: chin.objective,
  chinchilla_grid_s: gridS,
  chinchilla_grid_cpu_s: gridCpuS,
  chinchilla_grid_evaluations: chin.evaluations,
  chinchilla_grid_no_rejection_s: gridFullS,
  chinchilla_grid_no_rejection_cpu_s: gridFullCpuS,
  chinchilla_bootstrap_s: bootS,
  chinchilla_bootstrap_se: boot.stderr,
  scipy_nist_lre6: scipy.available ? (scipy.nist_lre6 ?? null) : null,
  scipy_grid_s: scipy.available ? (scipy.chinchilla?.grid_s ?? null) : null,
  scipy_chinchilla: scipy.available ? (scipy.chinchilla ?? null) : null,
  chinchilla_mle: mle.params,
  chinchilla_mle_log_likelihood: mle.logLikelihood,
  bnsl_default_ok: bnsl.ok,
  bnsl_exact_max_rel_error: bnsl.exactError,
  bnsl_noisy_max_rel_error: bnsl.noisyError,
  emergence_calibration: emergenceCalibration(),
};
console.log(JSON.stringify(summary));
