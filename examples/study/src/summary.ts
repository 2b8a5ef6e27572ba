import type { StudyId, studies } from "./studies.js";

type Entry = (typeof studies)[number];

/** Each study's summary.json entry, typed from the study's own `summary()`. */
export type StudySummaries = {
  readonly [S in Entry as S["id"]]?: ReturnType<S["summary"]>;
};

/** summary.json: the headline numbers of every study that ran, plus timing. */
export type StudySummary = {
  readonly generatedAt: string;
  readonly quick: boolean;
  /** Wall seconds per study and in total. */
  readonly wallS: Readonly<Partial<Record<StudyId | "total", number>>>;
} & StudySummaries;
