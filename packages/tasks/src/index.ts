/**
 * Seeded task generators and scorers for emergence studies.
 * @packageDocumentation
 */
export { type ModularOp, modularResult } from "./modular/operations.js";
