/**
 * The lab tab: train the smallest addition family of the lab's mirage study live with @emerge/grok's
 * decoder (in a Web Worker, gpu.js on WebGL2 or the CPU), and refit and redraw the emergence curve —
 * exact match and per-digit accuracy against size, emergence() of @emerge/fit on each — as each
 * member finishes.
 */
import "../style.css";
import { elementGetter, onWorkerCrash, showBackend, wireForm } from "../page-controls.js";
import type { LabMember } from "./member.js";
import type { LabStartMessage, LabWorkerMessage } from "./protocol.js";
import {
  defaultLabSettings,
  type LabSettings,
  LabSettingsError,
  parseLabSettings,
  toLabQuery,
} from "./settings.js";

const $ = elementGetter("lab.html");

const form = $<HTMLFormElement>("lab-controls");
const startButton = $<HTMLButtonElement>("lab-start");
const stopButton = $<HTMLButtonElement>("lab-stop");
const formError = $<HTMLParagraphElement>("form-error");
const status = $<HTMLElement>("lab-status");
const phase = $<HTMLParagraphElement>("lab-phase");
const figure = $<HTMLDivElement>("lab-figure");
const mirage = $<HTMLDivElement>("lab-mirage");
const verdicts = $<HTMLUListElement>("lab-verdicts");
const table = $<HTMLTableSectionElement>("lab-rows");
const fields = ["widths", "digits", "reverse", "steps", "batch", "lr", "seed", "backend"] as const;

// ---- the form ---------------------------------------------------------------------------------

function showSettings(s: LabSettings): void {
  for (const name of fields) {
    const v = s[name];
    $<HTMLInputElement | HTMLSelectElement>(name).value = Array.isArray(v) ? v.join(", ") : String(v);
  }
}

function readForm(): LabSettings {
  const raw: Record<string, string> = {};
  for (const name of fields) raw[name] = $<HTMLInputElement | HTMLSelectElement>(name).value;
  return parseLabSettings(raw);
}

function showError(error: unknown): void {
  formError.hidden = false;
  formError.textContent = error instanceof Error ? error.message : String(error);
  if (error instanceof LabSettingsError) $<HTMLElement>(error.field).focus();
}

/** Start from the URL's settings (shareable links), else the defaults. */
function initialSettings(): LabSettings {
  try {
    return parseLabSettings(Object.fromEntries(new URLSearchParams(location.search)));
  } catch (error) {
    showError(error);
    return defaultLabSettings;
  }
}

// ---- the figure -------------------------------------------------------------------------------

const escapeText = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] as string);

function showTable(members: readonly LabMember[]): void {
  table.innerHTML = [...members]
    .sort((a, b) => a.nonEmbeddingParams - b.nonEmbeddingParams)
    .map(
      (m) =>
        `<tr data-width="${m.width}" data-exact-match="${m.exactMatch}" data-steps-per-s="${m.stepsPerS}"` +
        ` data-test-loss="${m.testLoss}" data-gpu-fallbacks="${m.gpuProgramFallbacks ?? ""}">` +
        `<td>${m.width}</td><td>${m.nonEmbeddingParams.toLocaleString("en")}</td>` +
        `<td>${m.exactMatch.toFixed(3)}</td><td>${m.perDigitAccuracy.toFixed(3)}</td>` +
        `<td>${m.productOfPositions.toFixed(3)}</td><td>${m.perPosition.map((a) => a.toFixed(2)).join(" / ")}</td>` +
        `<td>${m.stepsPerS.toFixed(1)}</td><td>${m.seconds.toFixed(1)} s</td></tr>`,
    )
    .join("");
}

/**
 * Refit and redraw. Draws run one at a time, always for the latest family: members can finish faster
 * than Vega renders (small members on the CPU), and an older figure must never replace a newer one.
 */
let drawing: Promise<void> = Promise.resolve();
let wanted: { members: readonly LabMember[]; digits: number; run: number } | undefined;

function redraw(members: readonly LabMember[], digits: number, run: number): void {
  wanted = { members: [...members], digits, run };
  drawing = drawing.then(async () => {
    const job = wanted;
    if (job === undefined || job.run !== currentRun) return;
    wanted = undefined;
    // Fitting and Vega load on first use, so the tab opens fast.
    const { familyChart, fitFamily, mirageChart } = await import("./family-curve.js");
    const fits = fitFamily(job.members);
    const [curve, digits] = [
      familyChart(job.members, fits, job.digits),
      mirageChart(job.members, job.digits),
    ];
    if (job.run !== currentRun) return;
    const [curveTarget, digitsTarget] = [document.createElement("div"), document.createElement("div")];
    await Promise.all([curve.renderInto(curveTarget), digits.renderInto(digitsTarget)]);
    if (job.run !== currentRun) return;
    figure.replaceChildren(...curveTarget.childNodes);
    mirage.replaceChildren(...digitsTarget.childNodes);
    figure.dataset.members = String(job.members.length);
    verdicts.innerHTML = fits
      .map(
        (f) =>
          `<li data-metric="${f.key}" data-verdict="${escapeText(f.verdict)}"><b>${escapeText(f.label)}</b>: ` +
          `${escapeText(f.verdict)} — ${escapeText(f.reason)}</li>`,
      )
      .join("");
  });
  drawing = drawing.catch((error: unknown) => {
    console.warn("could not draw the family:", error);
  });
}

// ---- a run ------------------------------------------------------------------------------------

let worker: Worker | undefined;
/** Increments per Start, so a late draw of a replaced run is dropped. */
let currentRun = 0;

function setState(state: "idle" | "running" | "done" | "stopped" | "error"): void {
  status.dataset.state = state;
  const busy = state === "running";
  startButton.disabled = busy;
  stopButton.disabled = !busy;
  for (const name of fields) $<HTMLInputElement>(name).disabled = busy;
}

function stop(state: "done" | "stopped" | "error"): void {
  worker?.terminate();
  worker = undefined;
  setState(state);
}

function start(settings: LabSettings): void {
  worker?.terminate();
  const run = ++currentRun;
  const members: LabMember[] = [];
  figure.replaceChildren();
  mirage.replaceChildren();
  delete figure.dataset.members;
  verdicts.replaceChildren();
  table.replaceChildren();
  for (const key of ["backend", "members", "stepsPerS"]) delete status.dataset[key];
  for (const id of ["members-done", "training", "speed"]) $(id).textContent = "–";
  $("backend-name").textContent = "starting…";
  $("backend-detail").textContent = "";
  phase.textContent = "Starting the backend…";
  history.replaceState(null, "", `?${toLabQuery(settings)}`);
  setState("running");

  const w = new Worker(new URL("./lab.worker.ts", import.meta.url), { type: "module" });
  worker = w;
  let memberStartedAt = performance.now();
  let memberIndex = -1;
  w.onmessage = (event: MessageEvent<LabWorkerMessage>) => {
    if (worker !== w) return; // a message from a run the user already replaced
    const m = event.data;
    switch (m.type) {
      case "backend":
        showBackend(status, m.info);
        break;
      case "progress": {
        if (m.index !== memberIndex) {
          memberIndex = m.index;
          memberStartedAt = performance.now();
        }
        const seconds = (performance.now() - memberStartedAt) / 1000;
        $("training").textContent = `width ${m.width}: ${m.step} / ${m.total}`;
        if (seconds > 0) $("speed").textContent = (m.step / seconds).toFixed(1);
        phase.textContent = `Training member ${m.index + 1} of ${settings.widths.length} (width ${m.width}).`;
        break;
      }
      case "member": {
        members.push(m.member);
        // The restart of a member after a fallback re-reports its progress from step 0.
        memberIndex = -1;
        status.dataset.members = String(members.length);
        $("members-done").textContent = `${members.length} / ${settings.widths.length}`;
        $("speed").textContent = m.member.stepsPerS.toFixed(1);
        if (m.member.gpuProgramFallbacks) {
          // gpu.js ran some programs in JavaScript instead of on WebGL: still correct, but say so.
          $("backend-detail").textContent +=
            ` — ${m.member.gpuProgramFallbacks} program run(s) fell back to gpu.js's JavaScript for width ${m.member.width}`;
        }
        showTable(members);
        redraw(members, settings.digits, run);
        break;
      }
      case "done": {
        stop("done");
        const rates = members.map((x) => x.stepsPerS);
        status.dataset.stepsPerS = JSON.stringify(rates);
        const total = members.reduce((s, x) => s + x.seconds, 0);
        $("training").textContent = "–";
        phase.textContent = `Done: ${members.length} members in ${total.toFixed(1)} s (training ${Math.min(...rates).toFixed(1)}–${Math.max(...rates).toFixed(1)} steps/s).`;
        break;
      }
      case "error":
        stop("error");
        phase.textContent = `Training failed${m.code ? ` (${m.code})` : ""}: ${m.message}`;
        console.error("lab training failed:", m.message);
        break;
    }
  };
  w.onerror = onWorkerCrash(stop, phase, "lab training worker");
  w.postMessage({ type: "start", settings } satisfies LabStartMessage);
}

wireForm({ form, formError, stopButton, phase, readForm, showError, start, stop });

showSettings(initialSettings());
setState("idle");
