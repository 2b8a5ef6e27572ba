import type { EvalRecord, RunSummary } from "@emerge/grok";
import { modularOperations } from "@emerge/tasks";
import { liveChart } from "./live-chart.js";
import type { StartMessage, WorkerMessage } from "./protocol.js";
import {
  defaultSettings,
  evalEvery,
  parseSettings,
  type Settings,
  SettingsError,
  toGrokConfig,
  toQuery,
} from "./settings.js";
import "./style.css";
import { elementGetter, onWorkerCrash, showBackend, wireForm } from "./page-controls.js";

// Okabe–Ito vermillion and blue: the colours @emerge/plot's grokking chart gives train and test.
const trainColor = "#D55E00";
const testColor = "#0072B2";

const $ = elementGetter("index.html");

const form = $<HTMLFormElement>("controls");
const startButton = $<HTMLButtonElement>("start");
const stopButton = $<HTMLButtonElement>("stop");
const formError = $<HTMLParagraphElement>("form-error");
const status = $<HTMLElement>("status");
const phase = $<HTMLParagraphElement>("phase");
const fields = [
  "p",
  "op",
  "trainFraction",
  "width",
  "weightDecay",
  "lr",
  "steps",
  "seed",
  "backend",
] as const;

const accuracy = liveChart($<HTMLCanvasElement>("acc-chart"), {
  title: "Accuracy",
  x: { label: "optimisation step", log: true },
  y: { label: "accuracy", log: false, domain: [0, 1] },
  series: [
    { key: "train", label: "train", color: trainColor },
    { key: "test", label: "test", color: testColor, dashed: true },
  ],
});
const loss = liveChart($<HTMLCanvasElement>("loss-chart"), {
  title: "Loss",
  x: { label: "optimisation step", log: true },
  y: { label: "cross-entropy", log: true },
  series: [
    { key: "train", label: "train", color: trainColor },
    { key: "test", label: "test", color: testColor, dashed: true },
  ],
});

// ---- the form ---------------------------------------------------------------------------------

const opSelect = $<HTMLSelectElement>("op");
for (const op of modularOperations) opSelect.add(new Option(op, op));

function showSettings(s: Settings): void {
  for (const name of fields) {
    const el = $<HTMLInputElement | HTMLSelectElement>(name);
    el.value = String(s[name]);
  }
  $<HTMLOutputElement>("trainFraction-value").value = s.trainFraction.toFixed(2);
}

function readForm(): Settings {
  const raw: Record<string, string> = {};
  for (const name of fields) raw[name] = $<HTMLInputElement | HTMLSelectElement>(name).value;
  return parseSettings(raw);
}

/** Start from the URL's settings (shareable links), falling back to the defaults field by field. */
function initialSettings(): Settings {
  const query = Object.fromEntries(new URLSearchParams(location.search));
  try {
    return parseSettings(query);
  } catch (error) {
    showError(error);
    return defaultSettings;
  }
}

function showError(error: unknown): void {
  formError.hidden = false;
  formError.textContent = error instanceof Error ? error.message : String(error);
  if (error instanceof SettingsError) $<HTMLElement>(error.field).focus();
}

$<HTMLInputElement>("trainFraction").addEventListener("input", (e) => {
  $<HTMLOutputElement>("trainFraction-value").value = Number((e.target as HTMLInputElement).value).toFixed(2);
});

// ---- a run ------------------------------------------------------------------------------------

let worker: Worker | undefined;
let records: EvalRecord[] = [];
let memorizedAt: number | null = null;
let generalizedAt: number | null = null;
let startedAt = 0;

const fmtAcc = (v: number) => v.toFixed(3);

function setState(state: "idle" | "starting" | "running" | "done" | "stopped" | "error"): void {
  status.dataset.state = state;
  const busy = state === "starting" || state === "running";
  startButton.disabled = busy;
  stopButton.disabled = !busy;
  for (const name of fields) $<HTMLInputElement>(name).disabled = busy;
}

function describePhase(settings: Settings): string {
  if (generalizedAt !== null) {
    return memorizedAt !== null && memorizedAt < generalizedAt
      ? `Grokked: memorised at step ${memorizedAt}, generalised at step ${generalizedAt}, ${generalizedAt - memorizedAt} steps later.`
      : `Generalised at step ${generalizedAt}, together with memorisation: no plateau for this config.`;
  }
  if (memorizedAt !== null) return `Memorised at step ${memorizedAt}; test accuracy still low: the plateau.`;
  return `Memorising ${Math.round(settings.trainFraction * 100)}% of the table…`;
}

function onEval(record: EvalRecord, settings: Settings): void {
  records.push(record);
  if (memorizedAt === null && record.trainAcc >= 0.99) memorizedAt = record.step;
  if (generalizedAt === null && record.testAcc >= 0.99) generalizedAt = record.step;
  // Step 0 (the initial evaluation) has no place on a log axis; the charts skip it.
  accuracy.push(record.step, { train: record.trainAcc, test: record.testAcc });
  loss.push(record.step, { train: record.trainLoss, test: record.testLoss });
  const seconds = (performance.now() - startedAt) / 1000;
  $("step").textContent = `${record.step} / ${settings.steps}`;
  $("speed").textContent = seconds > 0 ? (record.step / seconds).toFixed(0) : "–";
  $("train-acc").textContent = fmtAcc(record.trainAcc);
  $("test-acc").textContent = fmtAcc(record.testAcc);
  $("weight-norm").textContent = record.weightNorm.toPrecision(4);
  $("memorized").textContent = memorizedAt === null ? "–" : `step ${memorizedAt}`;
  $("generalized").textContent = generalizedAt === null ? "–" : `step ${generalizedAt}`;
  status.dataset.step = String(record.step);
  status.dataset.trainAcc = String(record.trainAcc);
  status.dataset.testAcc = String(record.testAcc);
  if (memorizedAt !== null) status.dataset.memorizedStep = String(memorizedAt);
  if (generalizedAt !== null) status.dataset.generalizedStep = String(generalizedAt);
  phase.textContent = describePhase(settings);
}

/** The finished run as a publication figure: `@emerge/plot`'s grokking chart, rendered by Vega. */
async function showFinal(
  settings: Settings,
  metrics: readonly EvalRecord[],
  summary: RunSummary,
): Promise<void> {
  const { grokkingChart } = await import("@emerge/plot");
  const chart = grokkingChart({
    runs: [
      { label: `${settings.op} mod ${settings.p}, width ${settings.width}`, metrics: [...metrics], summary },
    ],
    title: `${settings.op} mod ${settings.p}, ${Math.round(settings.trainFraction * 100)}% train, width ${settings.width}, wd ${settings.weightDecay}`,
    size: "page",
  });
  const target = $("final-figure");
  target.replaceChildren();
  await chart.renderInto(target);
  $("final").hidden = false;
}

function stop(state: "done" | "stopped" | "error"): void {
  worker?.terminate();
  worker = undefined;
  setState(state);
}

function start(settings: Settings): void {
  worker?.terminate();
  records = [];
  memorizedAt = null;
  generalizedAt = null;
  for (const key of ["step", "trainAcc", "testAcc", "memorizedStep", "generalizedStep", "backend"]) {
    delete status.dataset[key];
  }
  for (const id of ["step", "speed", "train-acc", "test-acc", "memorized", "generalized", "weight-norm"]) {
    $(id).textContent = "–";
  }
  $("backend-name").textContent = "starting…";
  $("backend-detail").textContent = "";
  $("final").hidden = true;
  const chance = settings.op.startsWith("s5") ? 1 / 120 : 1 / settings.p;
  accuracy.reset([evalEvery(settings.steps), settings.steps]);
  accuracy.setReferences([{ value: chance, label: "chance" }]);
  loss.reset([evalEvery(settings.steps), settings.steps]);
  phase.textContent = "Starting the backend…";
  history.replaceState(null, "", `?${toQuery(settings)}`);
  setState("starting");

  const w = new Worker(new URL("./train.worker.ts", import.meta.url), { type: "module" });
  worker = w;
  startedAt = performance.now();
  w.onmessage = (event: MessageEvent<WorkerMessage>) => {
    if (worker !== w) return; // a message from a run the user already replaced
    const message = event.data;
    switch (message.type) {
      case "backend":
        // A fallback restarts the run on the CPU: clear what the failed backend drew.
        records = [];
        memorizedAt = null;
        generalizedAt = null;
        accuracy.reset([evalEvery(settings.steps), settings.steps]);
        loss.reset([evalEvery(settings.steps), settings.steps]);
        startedAt = performance.now();
        showBackend(status, message.info);
        setState("running");
        phase.textContent = describePhase(settings);
        break;
      case "eval":
        onEval(message.record, settings);
        break;
      case "done":
        stop("done");
        status.dataset.summary = JSON.stringify(message.summary);
        // Early stop after generalising: trim the empty right end of the live charts.
        accuracy.setXDomain([evalEvery(settings.steps), Math.max(10, message.summary.steps)]);
        loss.setXDomain([evalEvery(settings.steps), Math.max(10, message.summary.steps)]);
        phase.textContent = `${describePhase(settings)} Finished ${message.summary.steps} steps in ${message.summary.wallS.toFixed(1)} s.`;
        showFinal(settings, message.metrics, message.summary).catch((error: unknown) => {
          console.warn("could not draw the final figure:", error);
        });
        break;
      case "error":
        stop("error");
        phase.textContent = `Training failed${message.code ? ` (${message.code})` : ""}: ${message.message}`;
        console.error("training failed:", message.message);
        break;
    }
  };
  w.onerror = onWorkerCrash(stop, phase, "training worker");
  w.postMessage({
    type: "start",
    config: toGrokConfig(settings),
    backend: settings.backend,
  } satisfies StartMessage);
}

wireForm({ form, formError, stopButton, phase, readForm, showError, start, stop });

showSettings(initialSettings());
setState("idle");
