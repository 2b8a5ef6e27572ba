/** The message a training worker posts when its run fails: the error's text and its typed code if any. */
export interface WorkerErrorMessage {
  readonly type: "error";
  readonly message: string;
  readonly code?: string;
}

/**
 * Turn whatever a run threw into the worker's error message, keeping a typed error's `code`
 * (GrokError, TaskError…) so the page can say which check failed, not just that one did.
 *
 * @example
 * ```ts
 * run(start).catch((e: unknown) => post(workerError(e)));
 * ```
 */
export function workerError(error: unknown): WorkerErrorMessage {
  const code = (error as { code?: unknown } | null)?.code;
  return {
    type: "error",
    message: error instanceof Error ? error.message : String(error),
    ...(typeof code === "string" ? { code } : {}),
  };
}
