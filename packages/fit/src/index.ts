/**
 * Nonlinear fitting of scaling laws and emergence curves.
 * @packageDocumentation
 */
export { logRelativeError } from "./accuracy.js";
export { FitError, type FitErrorCode } from "./errors.js";
