// The suite npm run test:mutation runs: vitest.config.ts with the integration project narrowed to the files
// stryker.config.mjs names for the folder being mutated (all of them when it names none).
import type { UserWorkspaceConfig } from "vitest/config";
import base from "./vitest.config";

const names = (process.env.LOOKOUT_MUTATION_INTEGRATION ?? "").split(",").filter(Boolean);

function narrow(project: UserWorkspaceConfig): UserWorkspaceConfig {
  if (project.test?.name !== "integration") return project;
  return { ...project, test: { ...project.test, include: names.map((name) => `tests/integration/${name}.test.ts`) } };
}

export default names.length
  ? { ...base, test: { ...base.test, projects: base.test!.projects!.map((p) => narrow(p as UserWorkspaceConfig)) } }
  : base;
