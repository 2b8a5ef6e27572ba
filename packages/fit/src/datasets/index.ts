/**
 * Reference datasets shipped with `@emerge/fit` (subpath `@emerge/fit/datasets`).
 * @packageDocumentation
 */
export {
  type ChinchillaPointsOptions,
  chinchillaAttribution,
  chinchillaPoints,
  type ScalingPoints,
} from "./chinchilla.js";
