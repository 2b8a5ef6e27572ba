import { PlotError } from "../errors.js";

/** The slice of a DOM `Window` that DOMPurify needs. */
export type DOMWindow = Window & typeof globalThis;

let nodeWindow: DOMWindow | undefined;

/**
 * A DOM for the sanitiser: the page's own `window` in a browser; in Node a jsdom window, created once.
 * jsdom is what DOMPurify's authors recommend on the server (older or lighter DOMs such as happy-dom
 * and linkedom parse HTML differently from browsers, which is exactly where sanitiser bypasses live).
 * jsdom is loaded with a synchronous `require` obtained at run time so that `report()` stays
 * synchronous and bundlers for the browser never see it.
 */
export function domWindow(): DOMWindow {
  if (typeof window !== "undefined" && typeof window.document?.createElement === "function") {
    return window as DOMWindow;
  }
  if (nodeWindow) return nodeWindow;
  const getBuiltin = (globalThis.process as { getBuiltinModule?: (id: string) => unknown } | undefined)
    ?.getBuiltinModule;
  if (typeof getBuiltin !== "function") {
    throw new PlotError("NODE_ONLY", "the report sanitiser needs a browser DOM or Node ≥ 20.16 with jsdom");
  }
  const { createRequire } = getBuiltin("node:module") as typeof import("node:module");
  try {
    const { JSDOM } = createRequire(import.meta.url)("jsdom") as typeof import("jsdom");
    nodeWindow = new JSDOM("<!doctype html><html><body></body></html>").window as unknown as DOMWindow;
  } catch (error) {
    throw new PlotError(
      "NODE_ONLY",
      `could not load jsdom for the report sanitiser: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  return nodeWindow;
}
