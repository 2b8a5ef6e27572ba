/**
 * Train small networks on modular arithmetic until they grok.
 * @packageDocumentation
 */
export { detectPhases, type EvalPoint, type Phases } from "./phases.js";
