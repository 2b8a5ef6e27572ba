/**
 * Nonlinear fitting of scaling laws and emergence curves: a MINPACK-grade Levenberg–Marquardt
 * engine with exact Jacobians (built-in families or symbolic formulas), L-BFGS for non-least-squares
 * objectives, honest uncertainty (covariance, bands, bootstrap, profile likelihood) and an
 * emergence analysis.
 * @packageDocumentation
 */
export { logRelativeError } from "./accuracy.js";
export { type BootstrapOptions, type BootstrapResult, bootstrap } from "./bootstrap.js";
export {
  bootstrapChinchilla,
  type ChinchillaBootstrap,
  type ChinchillaBootstrapOptions,
  type ChinchillaParamName,
} from "./chinchilla/bootstrap-chinchilla.js";
export { type ChinchillaMle, type ChinchillaMleOptions, chinchillaMle } from "./chinchilla/chinchilla-mle.js";
export {
  type ChinchillaData,
  type ChinchillaFit,
  type ChinchillaFitOptions,
  type ChinchillaParams,
  computeOptimal,
  fitChinchilla,
  hoffmannGrid,
} from "./chinchilla/fit-chinchilla.js";
export type { FitData, XInput } from "./data.js";
export {
  type EmergenceModel,
  type EmergenceOptions,
  type EmergenceResult,
  type EmergenceThreshold,
  type EmergenceVerdict,
  emergence,
  type Predictability,
  type PredictedPoint,
} from "./emergence/emergence.js";
export { emergenceScore } from "./emergence/emergence-score.js";
export { type MirageInput, type MirageResult, mirage, type PerTokenMirage } from "./emergence/mirage.js";
export { defaultEmergenceRule, type EmergenceRule } from "./emergence/rule.js";
export { FitError, type FitErrorCode } from "./errors.js";
export { type BrokenPowerLawOptions, brokenPowerLaw } from "./families/broken-power-law.js";
export { chinchillaLaw } from "./families/chinchilla-law.js";
export { type PowerLawOptions, powerLaw } from "./families/power-law.js";
export { logLinear, sigmoidLog } from "./families/sigmoid-log.js";
export { uShaped } from "./families/u-shaped.js";
export { type FitOptions, fit, type LatinHypercubeStarts, type ParamInput, type SpaceSpec } from "./fit.js";
export { type FormulaOptions, formula } from "./models/formula.js";
export type { Model } from "./models/model.js";
export { type ProfileOptions, type ProfileResult, profileLikelihood } from "./profile.js";
export type { ReportOptions } from "./report.js";
export type { Band, CorrelationFlag, FitResult } from "./result.js";
export { type LbfgsOptions, type MinimizeResult, minimize, type Objective } from "./solvers/lbfgs.js";
export type { LevenbergMarquardtOptions, StopReason } from "./solvers/levenberg-marquardt.js";
export type { LossName, LossSpec } from "./solvers/loss.js";
