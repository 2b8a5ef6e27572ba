import type { Progress } from "./evaluate.js";

/**
 * A one-line progress bar: `[#########-----------]  45/100  4.2 req/s  ETA 13s  (3 cached, 0 errors)`.
 *
 * @example
 * ```ts
 * process.stderr.write(`\r${progressBar(p)}`);
 * ```
 */
export function progressBar(p: Progress, width = 24): string {
  const frac = p.total === 0 ? 1 : p.done / p.total;
  const filled = Math.round(frac * width);
  const seconds = p.elapsedMs / 1000;
  const live = p.done - p.cached;
  const rate = seconds > 0 ? live / seconds : 0;
  const eta = rate > 0 ? Math.ceil((p.total - p.done) / rate) : undefined;
  return (
    `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(p.done).padStart(String(p.total).length)}/${p.total}` +
    `  ${rate.toFixed(1)} req/s  ETA ${eta === undefined ? "?" : `${eta}s`}  (${p.cached} cached, ${p.errors} errors)`
  );
}
