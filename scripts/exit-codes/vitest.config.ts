// The real vitest projects (same set-up, same global set-up) pointed at the failing-on-purpose
// fixtures, which the normal includes never match. Used by scripts/exit-codes/check.sh.
import { defineConfig } from "vitest/config";
import base from "../../vitest.config";

const fixtures: Record<string, string> = {
  unit: "scripts/exit-codes/fixtures/*.unit-fixture.ts",
  db: "scripts/exit-codes/fixtures/*.db-fixture.ts",
};

const projects = (base.test?.projects ?? []).map((project) => {
  if (typeof project !== "object" || !("test" in project) || !project.test?.name) {
    throw new Error("vitest.config.ts: every project must be an inline object with a name");
  }
  const name = typeof project.test.name === "string" ? project.test.name : project.test.name.label;
  const include = fixtures[name];
  if (!include) throw new Error(`scripts/exit-codes: no failing fixture for the vitest project "${name}"`);
  return { ...project, test: { ...project.test, include: [include], exclude: [] } };
});

export default defineConfig({ ...base, test: { ...base.test, projects } });
