// Who may call each API route: one line per route file and method, checked against the real
// handlers. Every caller a line does not name must get 401 (not signed in as anything this
// route takes) or 403 (signed in, wrong role); every caller it names must get past both
// checks (any other status: 200, 404 for the made-up ids, 422 for the empty body, …).
// Opening a route to a new caller is a one-line change here, and a new route file fails
// this test until it has its line.
//
// Callers: a session of a user with exactly one role (getCaller is replaced for session
// callers only — a test has no session cookie), and a trainer agent with a real agent token.
// Bearer tokens go through the real getCaller and withAgent.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Role } from "@/app/_generated/prisma/client";
import type { Caller } from "@/app/_lib/auth/caller";
import { db } from "@/app/_lib/db";
import { generateAgentToken } from "@/app/_lib/runs/agent-token";
import { createUser } from "@/app/_lib/testing/factories";

type Who = "signedOut" | "annotator" | "adjudicator" | "admin" | "judge" | "agent";
type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

const USERS: Who[] = ["annotator", "adjudicator", "admin", "judge"];
const WHO: Who[] = ["signedOut", ...USERS, "agent"];
const ANY_USER = USERS;
const EVERYONE = WHO;

// [method, route under app/api, callers allowed]
const ROUTES: [Method, string, Who[]][] = [
  ["GET", "agent-tokens", ["admin"]],
  ["POST", "agent-tokens", ["admin"]],
  ["POST", "agent-tokens/[agentId]/revoke", ["admin"]],
  ["POST", "agent/claim", ["agent"]],
  ["POST", "agent/runs/[runId]/answers", ["agent"]],
  ["POST", "agent/runs/[runId]/complete", ["agent"]],
  ["POST", "agent/runs/[runId]/fail", ["agent"]],
  ["POST", "agent/runs/[runId]/heartbeat", ["agent"]],
  ["GET", "agent/runs/[runId]/input", ["agent"]],
  ["POST", "agent/runs/[runId]/logs", ["agent"]],
  ["POST", "agent/runs/[runId]/metrics", ["agent"]],
  ["POST", "agent/runs/[runId]/release", ["agent"]],
  ["POST", "agent/runs/[runId]/results", ["agent"]],
  ["POST", "agent/runs/[runId]/reward-model", ["agent"]],
  ["PUT", "agent/runs/[runId]/reward-model/files/[name]", ["agent"]],
  ["POST", "agent/runs/[runId]/samples", ["agent"]],
  ["GET", "assignments/[assignmentId]", ["annotator"]],
  ["POST", "assignments/[assignmentId]/ranking", ["annotator"]],
  ["PUT", "assignments/[assignmentId]/draft", ["annotator"]],
  ["POST", "assignments/[assignmentId]/skip", ["annotator"]],
  ["GET", "audit", ["admin"]],
  ["GET", "audit/actions", ["admin"]],
  ["GET", "evaluations", ["admin"]],
  ["POST", "evaluations", ["admin"]],
  ["POST", "evaluations/import", ["admin"]],
  ["GET", "evaluations/options", ["admin"]],
  ["GET", "evaluations/[evalSetId]", ["admin"]],
  ["GET", "evaluations/[evalSetId]/prompts", ["admin"]],
  ["POST", "evaluations/[evalSetId]/systems", ["admin"]],
  ["POST", "evaluations/[evalSetId]/systems/import", ["admin"]],
  ["POST", "evaluations/[evalSetId]/pairs", ["admin"]],
  ["GET", "evaluations/[evalSetId]/results", ["admin"]],
  ["GET", "evaluations/[evalSetId]/results/export", ["admin"]],
  ["POST", "evaluations/[evalSetId]/rm-scores", ["admin"]],
  ["GET", "health", EVERYONE],
  ["GET", "judging", ["judge"]],
  ["GET", "judging/judgments/[judgmentId]", ["judge"]],
  ["PUT", "judging/judgments/[judgmentId]/draft", ["judge"]],
  ["POST", "judging/judgments/[judgmentId]/skip", ["judge"]],
  ["POST", "judging/judgments/[judgmentId]/submit", ["judge"]],
  ["POST", "judging/sets/[evalSetId]/next", ["judge"]],
  ["GET", "projects", ANY_USER],
  ["POST", "projects", ["admin"]],
  ["GET", "projects/[projectId]", ANY_USER],
  ["PATCH", "projects/[projectId]", ["admin"]],
  ["GET", "projects/[projectId]/adjudications", ["adjudicator"]],
  ["GET", "projects/[projectId]/adjudications/[itemId]", ["adjudicator"]],
  ["POST", "projects/[projectId]/adjudications/[itemId]", ["adjudicator"]],
  ["POST", "projects/[projectId]/adjudications/[itemId]/undo", ["adjudicator"]],
  ["GET", "projects/[projectId]/dashboard", ["admin"]],
  ["GET", "projects/[projectId]/dashboard/reward-model", ["admin"]],
  ["GET", "projects/[projectId]/gold", ["admin"]],
  ["PUT", "projects/[projectId]/gold", ["admin"]],
  ["GET", "projects/[projectId]/gold/[itemId]", ["admin"]],
  ["PUT", "projects/[projectId]/gold/[itemId]", ["admin"]],
  ["DELETE", "projects/[projectId]/gold/[itemId]", ["admin"]],
  ["GET", "projects/[projectId]/imports", ["admin"]],
  ["POST", "projects/[projectId]/imports", ["admin"]],
  ["GET", "projects/[projectId]/imports/[importId]", ["admin"]],
  ["GET", "projects/[projectId]/queue", ["annotator"]],
  ["POST", "projects/[projectId]/queue/next", ["annotator"]],
  ["GET", "projects/[projectId]/snapshots", ["admin"]],
  ["POST", "projects/[projectId]/snapshots", ["admin"]],
  ["GET", "reward-models", ["admin"]],
  ["POST", "reward-models", ["admin"]],
  ["DELETE", "reward-models/[modelId]", ["admin"]],
  ["POST", "reward-models/[modelId]/score", ["admin"]],
  ["GET", "runs", ["admin"]],
  ["POST", "runs", ["admin"]],
  ["GET", "runs/[runId]", ["admin"]],
  ["POST", "runs/[runId]/cancel", ["admin"]],
  ["POST", "runs/[runId]/evaluate", ["admin"]],
  ["GET", "runs/[runId]/logs", ["admin"]],
  ["GET", "runs/[runId]/logs/download", ["admin"]],
  ["GET", "runs/[runId]/metrics", ["admin"]],
  ["GET", "runs/[runId]/samples", ["admin"]],
  ["GET", "runs/compare", ["admin"]],
  ["GET", "runs/launch-options", ["admin"]],
  ["GET", "snapshots/[snapshotId]", ["admin"]],
  ["GET", "snapshots/[snapshotId]/[file]", ["admin"]],
  ["GET", "tokens", ANY_USER],
  ["POST", "tokens", ANY_USER],
  ["DELETE", "tokens/[tokenId]", ANY_USER],
  ["GET", "users", ["admin"]],
  ["POST", "users", ["admin"]],
  ["PATCH", "users/[userId]", ["admin"]],
  ["POST", "users/[userId]/password", ["admin"]],
  ["POST", "users/[userId]/tokens", ["admin"]],
  ["POST", "users/me/password", ANY_USER],
  ["DELETE", "users/me/sessions", ANY_USER],
];

// next-auth's own endpoints (sign-in, sign-out, session): public by design, not built by withRole.
const PUBLIC = new Set(["auth/[...nextauth]"]);

const METHODS: Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];
const API = import.meta.dirname;
const ORIGIN = "http://localhost";

// Session callers by the id the request carries in a test-only header (hoisted with vi.mock).
const { sessions, SESSION_HEADER } = vi.hoisted(() => ({ sessions: new Map<string, Caller>(), SESSION_HEADER: "x-test-session" }));

vi.mock("@/app/_lib/auth/caller", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/app/_lib/auth/caller")>();
  return {
    ...real,
    getCaller: async (req?: Request, ...rest: unknown[]) => {
      const session = req?.headers.get(SESSION_HEADER);
      if (session) return sessions.get(session) ?? null;
      // A bearer token takes the real path; no header and no cookie is a signed-out caller.
      if (req?.headers.get("authorization")) return (real.getCaller as (...args: unknown[]) => Promise<Caller | null>)(req, ...rest);
      return null;
    },
  };
});

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [path.relative(API, dir)] : [];
  });
}

const paramsOf = (route: string) =>
  Object.fromEntries([...route.matchAll(/\[([^\]]+)\]/g)].map(([, name]) => [name, `missing-${name}`]));

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const headersOf: Record<Who, Record<string, string>> = { signedOut: {}, annotator: {}, adjudicator: {}, admin: {}, judge: {}, agent: {} };

async function call(method: Method, route: string, who: Who): Promise<number> {
  const mod = (await import(/* @vite-ignore */ path.join(API, route, "route.ts"))) as Record<string, Handler>;
  const params = paramsOf(route);
  const url = `${ORIGIN}/api/${route.replace(/\[([^\]]+)\]/g, (_, name: string) => params[name])}`;
  const hasBody = method !== "GET" && method !== "DELETE";
  const req = new NextRequest(url, {
    method,
    // Same-origin JSON, as the app's own pages send it: the request passes the CSRF check.
    headers: { ...headersOf[who], host: "localhost", origin: ORIGIN, "content-type": "application/json" },
    body: hasBody ? "{}" : undefined,
  });
  const res = await mod[method](req, { params: Promise.resolve(params) });
  return res.status;
}

describe("who may call each API route", () => {
  const userIds: string[] = [];
  let agentId = "";

  beforeAll(async () => {
    for (const who of USERS) {
      const role = who.toUpperCase() as Role;
      const user = await createUser({ roles: [role] });
      userIds.push(user.id);
      sessions.set(user.id, { id: user.id, email: user.email, name: user.name, roles: user.roles, via: "session", mustChangePassword: false });
      headersOf[who] = { [SESSION_HEADER]: user.id };
    }
    const { token, prefix, tokenHash } = generateAgentToken();
    agentId = (await db.agent.create({ data: { name: "route-roles agent", prefix, tokenHash } })).id;
    headersOf.agent = { authorization: `Bearer ${token}` };
  });

  afterAll(async () => {
    await db.agent.delete({ where: { id: agentId } });
  });

  it("has one line for every route file and exported method, and no line for a route that is gone", async () => {
    const files = routeFiles(API).filter((route) => !PUBLIC.has(route)).sort();
    const listed = [...new Set(ROUTES.map(([, route]) => route))].sort();
    expect(listed, "routes in the table vs route files under app/api").toEqual(files);
    for (const route of files) {
      const mod = (await import(/* @vite-ignore */ path.join(API, route, "route.ts"))) as Record<string, unknown>;
      const exported = METHODS.filter((m) => typeof mod[m] === "function");
      const inTable = ROUTES.filter(([, r]) => r === route).map(([m]) => m);
      expect(inTable.sort(), `methods of ${route}`).toEqual(exported.sort());
    }
  });

  for (const [method, route, allowed] of ROUTES) {
    it(`${method} /api/${route}: ${allowed.join(", ")}`, async () => {
      const got = Object.fromEntries(await Promise.all(WHO.map(async (who) => [who, await call(method, route, who)] as const)));
      const denied = Object.fromEntries(Object.entries(got).map(([who, status]) => [who, status === 401 || status === 403]));
      const expected = Object.fromEntries(WHO.map((who) => [who, !allowed.includes(who)]));
      expect(denied, `denied (401/403) per caller; statuses: ${JSON.stringify(got)}`).toEqual(expected);
      // Not signed in as anything the route takes is a 401, not a 403.
      if (!allowed.includes("signedOut")) expect(got.signedOut).toBe(401);
    });
  }
});
