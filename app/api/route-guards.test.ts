// Every route handler checks who is asking: each exported HTTP method of app/api/**/route.ts
// must be built by withRole (users and API tokens) or withAgent (trainer agents).
// Only next-auth's own sign-in endpoint is exempt.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const API = path.resolve(import.meta.dirname);
const EXEMPT = new Set(["auth/[...nextauth]/route.ts"]);

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

describe("API route guards", () => {
  const files = routeFiles(API).filter((f) => !EXEMPT.has(path.relative(API, f)));

  it("finds the route handlers", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  for (const file of files) {
    it(`${path.relative(API, file)} guards every method`, () => {
      const source = readFileSync(file, "utf8");
      const exported = [...source.matchAll(/export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b(.*)/g)];
      expect(exported.length, "exports no HTTP method").toBeGreaterThan(0);
      for (const [, method, rest] of exported) {
        expect(rest, `${method} must be built with withRole(...) or withAgent(...)`).toMatch(/^\s*=\s*with(Role|Agent)(<[^>]*>)?\(/);
      }
    });
  }
});
