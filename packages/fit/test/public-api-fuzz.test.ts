import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bootstrap,
  bootstrapChinchilla,
  brokenPowerLaw,
  chinchillaMle,
  computeOptimal,
  FitError,
  fit,
  fitChinchilla,
  logRelativeError,
  minimize,
  powerLaw,
  profileLikelihood,
} from "../src/index.js";

/** Junk of every JavaScript type, as a careless or hostile caller might pass. */
const junk = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    Number.NaN,
    0,
    -1,
    1e308,
    "",
    "x",
    true,
    [],
    {},
    [1, 2],
    { a: 1 },
    () => 0,
  ),
  fc.double(),
  fc.array(fc.oneof(fc.double(), fc.constant(null)), { maxLength: 4 }),
  fc.dictionary(
    fc.constantFrom("x", "y", "N", "D", "loss", "sigma", "replicates", "level", "start", "starts"),
    fc.oneof(fc.double(), fc.array(fc.double(), { maxLength: 3 }), fc.constant(null)),
  ),
);

const calls: [string, (a: unknown, b: unknown) => unknown][] = [
  ["fit(model, junk, junk)", (a, b) => fit(powerLaw(), a as never, b as never)],
  ["fit(junk, data)", (a) => fit(a as never, { x: [1, 2, 3, 4], y: [4, 3, 2, 1.5] })],
  ["bootstrap", (a, b) => bootstrap(powerLaw(), a as never, b as never)],
  [
    "bootstrap seed and latinHypercube seed",
    (a) => [
      bootstrap(
        powerLaw(),
        { x: [1, 2, 3, 4, 5], y: [5, 3, 2.4, 2, 1.9] },
        { replicates: 2, seed: a as never },
      ),
      fit(
        powerLaw(),
        { x: [1, 2, 3, 4, 5], y: [5, 3, 2.4, 2, 1.9] },
        {
          latinHypercube: {
            count: 2,
            ranges: [
              [0, 1],
              [1, 2],
              [0, 1],
            ],
            seed: a as never,
          },
        },
      ),
    ],
  ],
  [
    "profileLikelihood",
    (a, b) =>
      profileLikelihood(powerLaw(), { x: [1, 2, 3, 4, 5], y: [5, 3, 2.4, 2, 1.9] }, a as never, b as never),
  ],
  ["minimize", (a, b) => minimize(((x: Float64Array) => x[0]! ** 2) as never, a as never, b as never)],
  [
    "fitChinchilla",
    (a, b) => fitChinchilla(a as never, { ...(b as object), starts: [[6, 7, 0.5, 0.3, 0.3]] }),
  ],
  ["chinchillaMle", (a, b) => chinchillaMle(a as never, b as never)],
  [
    "bootstrapChinchilla",
    (a) => bootstrapChinchilla(a as never, { replicates: 2, starts: [[6, 7, 0.5, 0.3, 0.3]] }),
  ],
  ["computeOptimal", (a, b) => computeOptimal(a as never, b as never)],
  ["logRelativeError", (a, b) => logRelativeError(a as never, b as never)],
  ["powerLaw / brokenPowerLaw options", (a) => [powerLaw(a as never), brokenPowerLaw(a as never)]],
];

describe("fuzz: junk into every public function of the fitting engine gives a FitError or a result", () => {
  for (const [name, call] of calls) {
    it(name, () => {
      fc.assert(
        fc.property(junk, junk, (a, b) => {
          try {
            call(a, b);
          } catch (e) {
            expect(
              e,
              `${name}(${fc.stringify(a)}, ${fc.stringify(b)}): ${(e as Error).message}`,
            ).toBeInstanceOf(FitError);
          }
        }),
        { numRuns: 150, seed: 1700 },
      );
    });
  }
});
