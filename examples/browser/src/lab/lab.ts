/**
 * The lab tab: train the smallest addition family live (widths 4…16, one layer, the same budget per
 * size) and redraw exact match, the product of per-position accuracies and per-digit accuracy against
 * size as each member finishes.
 */
import { lineChart } from "@emerge/plot";
import "../style.css";
import type { LabMember, LabStartMessage, LabWorkerMessage } from "./protocol.js";

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from lab.html`);
  return el as T;
};

const form = $<HTMLFormElement>("lab-controls");
const start = $<HTMLButtonElement>("lab-start");
const stop = $<HTMLButtonElement>("lab-stop");
const status = $<HTMLParagraphElement>("lab-status");
const figure = $<HTMLDivElement>("lab-figure");
const table = $<HTMLTableSectionElement>("lab-rows");

/** Bounds of the form, checked before a worker starts. */
const limits = { steps: [10, 20_000], batch: [1, 256], seed: [0, 1_000_000] } as const;

function readForm(): LabStartMessage {
  const data = new FormData(form);
  const num = (name: keyof typeof limits) => {
    const v = Number(data.get(name));
    const [lo, hi] = limits[name];
    if (!Number.isInteger(v) || v < lo || v > hi)
      throw new RangeError(`${name} must be an integer in [${lo}, ${hi}], got ${String(data.get(name))}`);
    return v;
  };
  const widths = String(data.get("widths"))
    .split(",")
    .map((s) => Number(s.trim()));
  if (widths.length < 2 || widths.some((w) => !Number.isInteger(w) || w < 2 || w > 64 || w % 2 !== 0))
    throw new RangeError("widths must be at least two even integers in [2, 64], e.g. 4, 6, 8, 12, 16");
  return { type: "start", widths, digits: 2, steps: num("steps"), batch: num("batch"), seed: num("seed") };
}

async function draw(members: readonly LabMember[]): Promise<void> {
  const rows = [...members].sort((a, b) => a.result.nonEmbeddingParams - b.result.nonEmbeddingParams);
  const x = (m: LabMember) => m.result.nonEmbeddingParams;
  const chart = lineChart({
    series: [
      { name: "exact match", points: rows.map((m) => ({ x: x(m), y: m.result.scores.exactMatch })) },
      {
        name: "Π per-position accuracy",
        points: rows.map((m) => ({ x: x(m), y: m.result.scores.productOfPositions })),
        dashed: true,
      },
      {
        name: "per-digit accuracy",
        points: rows.map((m) => ({ x: x(m), y: m.result.scores.perDigitAccuracy })),
      },
    ],
    points: true,
    x: { title: "Non-embedding parameters", scale: "log" },
    y: { title: "Score on held-out problems", domain: [0, 1] },
    title: "2-digit addition: the family so far",
    size: "page",
  });
  figure.innerHTML = await chart.toSVG();
  table.innerHTML = rows
    .map(
      (m) =>
        `<tr><td>${m.width}</td><td>${m.result.nonEmbeddingParams}</td><td>${m.result.scores.exactMatch.toFixed(3)}</td>` +
        `<td>${m.result.scores.perDigitAccuracy.toFixed(3)}</td><td>${m.seconds.toFixed(1)} s</td></tr>`,
    )
    .join("");
}

let worker: Worker | undefined;

function finish(state: string, message: string): void {
  worker?.terminate();
  worker = undefined;
  start.disabled = false;
  stop.disabled = true;
  status.dataset.state = state;
  status.textContent = message;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  let message: LabStartMessage;
  try {
    message = readForm();
  } catch (error) {
    finish("error", (error as Error).message);
    return;
  }
  const members: LabMember[] = [];
  figure.innerHTML = "";
  table.innerHTML = "";
  worker = new Worker(new URL("./lab.worker.ts", import.meta.url), { type: "module" });
  start.disabled = true;
  stop.disabled = false;
  status.dataset.state = "running";
  worker.onmessage = (e: MessageEvent<LabWorkerMessage>) => {
    const m = e.data;
    if (m.type === "progress") status.textContent = `training width ${m.width}: step ${m.step} / ${m.total}`;
    else if (m.type === "member") {
      members.push(m.member);
      void draw(members);
    } else if (m.type === "done") finish("done", `done: ${members.length} members trained`);
    else finish("error", m.message);
  };
  worker.onerror = (e) => finish("error", e.message);
  worker.postMessage(message);
});

stop.addEventListener("click", () => finish("stopped", "stopped"));
