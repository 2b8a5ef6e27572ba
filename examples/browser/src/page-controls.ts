/**
 * The plumbing both pages share (the grokking page and the lab tab): finding elements, showing which
 * backend runs, and wiring the settings form's Start/Stop and a crashed worker to the page's own
 * start and stop. Each page keeps what differs: its fields, settings parser and figures.
 */
import type { BackendInfo } from "./protocol.js";

/** A typed `getElementById` that names the page when an element is missing. */
export function elementGetter(page: string): <T extends HTMLElement>(id: string) => T {
  return <T extends HTMLElement>(id: string): T => {
    const el = document.getElementById(id);
    if (!el) throw new Error(`#${id} is missing from ${page}`);
    return el as T;
  };
}

/** Show the backend a run trains on in `#backend-name`/`#backend-detail` (and why, after a fallback). */
export function showBackend(status: HTMLElement, info: BackendInfo): void {
  status.dataset.backend = info.name;
  const $ = elementGetter("the page");
  $("backend-name").textContent = info.fallbackReason ? `${info.name} (fallback)` : info.name;
  $("backend-detail").textContent = info.fallbackReason
    ? `${info.detail} — ${info.fallbackReason}`
    : info.detail;
}

/** What {@link wireForm} needs of a page. */
export interface PageForm<S> {
  readonly form: HTMLFormElement;
  readonly formError: HTMLElement;
  readonly stopButton: HTMLButtonElement;
  readonly phase: HTMLElement;
  /** Parse the form; throws the page's settings error on a bad field. */
  readForm(): S;
  showError(error: unknown): void;
  start(settings: S): void;
  stop(state: "stopped"): void;
}

/** Start a run on submit (a bad field shows its error instead) and stop it on Stop. */
export function wireForm<S>(page: PageForm<S>): void {
  page.form.addEventListener("submit", (event) => {
    event.preventDefault();
    page.formError.hidden = true;
    let settings: S;
    try {
      settings = page.readForm();
    } catch (error) {
      page.showError(error);
      return;
    }
    page.start(settings);
  });
  page.stopButton.addEventListener("click", () => {
    page.stop("stopped");
    page.phase.textContent = `Stopped. ${page.phase.textContent ?? ""}`;
  });
}

/**
 * A worker's `onerror` that stops the run and says so on the page and in the console (`label`
 * names the worker there, e.g. "lab training worker").
 */
export function onWorkerCrash(
  stop: (state: "error") => void,
  phase: HTMLElement,
  label: string,
): (event: ErrorEvent) => void {
  return (event) => {
    event.preventDefault();
    stop("error");
    phase.textContent = `The training worker crashed: ${event.message}`;
    console.error(`${label} crashed:`, event.message);
  };
}
