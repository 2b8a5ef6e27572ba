/**
 * Seeded, portable pseudo-random numbers shared by every emerge package.
 * @packageDocumentation
 */
export { RandomError, type RandomErrorCode } from "./errors.js";
export { type RandomSource, type RandomState, randomSource, randomSourceFromState } from "./random-source.js";
export { seedWord } from "./seed.js";
