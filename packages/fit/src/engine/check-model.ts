import { FitError } from "../errors.js";
import type { Model } from "../models/model.js";

/** Reject objects that are not models before they fail deep inside a solver. @internal */
export function checkModel(model: Model): void {
  if (
    model === null ||
    typeof model !== "object" ||
    !Array.isArray(model.params) ||
    !Array.isArray(model.variables) ||
    typeof model.evaluate !== "function" ||
    typeof model.jacobian !== "function"
  ) {
    throw new FitError("INVALID_OPTION", "model must be a Model (see formula() and the family factories)");
  }
}
