import * as chinchilla from "@emerge/example-chinchilla";
import * as grokking from "@emerge/example-grokking";
import * as llm from "@emerge/example-llm-emergence";
import * as mirage from "@emerge/example-mirage";
import type { Chart } from "@emerge/plot";

/** The options every study's `run` takes. */
export interface StudyRunOptions {
  readonly quick: boolean;
  readonly outDir: string;
  readonly onProgress?: (message: string) => void;
}

/** The part of a study's result the report needs (every example returns this shape). */
export interface AnyStudyResult {
  readonly title: string;
  readonly summary: string;
  readonly headline: unknown;
  readonly figures: readonly {
    readonly id: string;
    readonly title: string;
    readonly caption: string;
    readonly chart: Chart;
  }[];
  readonly tables: readonly {
    readonly id: string;
    readonly title: string;
    readonly columns: readonly string[];
    readonly rows: readonly (readonly (string | number | null)[])[];
    readonly caption?: string;
  }[];
}

/** One study of the main job. */
export interface StudyEntry<R extends AnyStudyResult = AnyStudyResult> {
  /** Key in summary.json and in `--only`. */
  readonly id: "grokking" | "mirage" | "chinchilla" | "llmEmergence";
  readonly title: string;
  readonly run: (options: StudyRunOptions) => Promise<R>;
}

/** The four studies, fastest first so the report fills in early. */
export const studies = {
  llmEmergence: { id: "llmEmergence", title: "LLM emergence", run: llm.run },
  chinchilla: { id: "chinchilla", title: "Chinchilla", run: chinchilla.run },
  mirage: { id: "mirage", title: "Mirage", run: mirage.run },
  // The full demo (p = 97) takes minutes per seed on two cores; the main job uses the mid-size preset.
  grokking: {
    id: "grokking",
    title: "Grokking",
    run: (o: StudyRunOptions) => grokking.run({ ...o, preset: o.quick ? "quick" : "study" }),
  },
} as const satisfies Record<StudyEntry["id"], StudyEntry>;

/** Result of each study, typed by id. */
export interface StudyResults {
  grokking?: Awaited<ReturnType<typeof grokking.run>>;
  mirage?: Awaited<ReturnType<typeof mirage.run>>;
  chinchilla?: Awaited<ReturnType<typeof chinchilla.run>>;
  llmEmergence?: Awaited<ReturnType<typeof llm.run>>;
}

export type StudyId = StudyEntry["id"];
export const studyIds = Object.keys(studies) as StudyId[];
