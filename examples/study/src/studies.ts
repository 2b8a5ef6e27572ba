import { study as chinchilla } from "@emerge/example-chinchilla";
import { study as grokking } from "@emerge/example-grokking";
import { study as lab } from "@emerge/example-lab";
import { study as atlas } from "@emerge/example-llm-atlas";
import { study as mirage } from "@emerge/example-mirage";
import type { Study } from "@emerge/example-study-kit";

/**
 * The studies of the main job, in the order of the report's story. Each example exports its own
 * `study` (run, key numbers, summary.json entry); adding one to the report is one line here.
 */
// The lab sits right after the atlas: trained families beside real models, for the same questions.
export const studies = [grokking, mirage, chinchilla, atlas, lab] as const satisfies readonly Study[];

/** Key of each study in summary.json and `--only`. */
export type StudyId = (typeof studies)[number]["id"];
export const studyIds: readonly StudyId[] = studies.map((s) => s.id);
