import { defineProject, type UserWorkspaceConfig } from "vitest/config";

/**
 * Resolve `@emerge/*` packages to their TypeScript sources through the `@emerge/source`
 * export condition, so tests never need a build of their dependencies first.
 */
const conditions = ["@emerge/source", "module", "node", "import", "default"];

/** The vitest project settings every workspace shares; `overrides.test` is merged in. */
export function emergeProject(name: string, overrides: UserWorkspaceConfig = {}): UserWorkspaceConfig {
  return defineProject({
    ...overrides,
    resolve: { conditions, ...overrides.resolve },
    ssr: { resolve: { conditions, externalConditions: ["@emerge/source"] } },
    test: {
      name,
      include: ["test/**/*.test.ts"],
      testTimeout: 60_000,
      ...overrides.test,
    },
  });
}
