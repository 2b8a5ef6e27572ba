/** What the example studies share: the shape of a study's result and the command line that writes it. */

export { progressLine, studyCli, writeStudy } from "./cli.js";
export type { StudyFigure, StudyOptions, StudyResult, StudySection, StudyTable } from "./output.js";
export { type ConsoleOptions, defineStudy, type Study } from "./study.js";
