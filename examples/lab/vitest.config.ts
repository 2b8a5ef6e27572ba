import { emergeProject } from "../../vitest.shared";

export default emergeProject("example-lab");
