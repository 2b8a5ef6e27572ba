/**
 * Figures of scaling, emergence and grokking.
 * @packageDocumentation
 */
export { formatSI } from "./format/tick.js";
