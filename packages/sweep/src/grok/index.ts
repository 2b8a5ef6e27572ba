/**
 * The grokking job for sweeps (`@emerge/sweep/grok`): one `@emerge/grok` training run per job, with
 * checkpoints and resume. This is the module `emerge-sweep` runs when no `--job` is given.
 * @packageDocumentation
 */
export { grokJob, grokJob as job } from "./grok-job.js";
