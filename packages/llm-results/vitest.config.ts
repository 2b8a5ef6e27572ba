import { emergeProject } from "../../vitest.shared";

export default emergeProject("llm-results");
