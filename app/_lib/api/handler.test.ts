// withRole's request checks, with the caller stubbed: who signed in is not the point here,
// how they authenticated is (a session cookie is ambient and can be forged across sites; a
// bearer token cannot).
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Caller } from "../auth/caller";

const current: { caller: Caller | null } = { caller: null };
vi.mock("../auth/caller", () => ({
  getCaller: async () => current.caller,
  hasRole: (c: Caller, roles: string[]) => roles.some((r) => c.roles.includes(r as never)),
}));
vi.mock("../env", () => ({ getEnv: () => ({ NEXTAUTH_URL: undefined }) }));

const { parseJson, withRole } = await import("./handler");
const { z } = await import("zod");

const admin = (via: Caller["via"]): Caller => ({ id: "u1", email: "a@h.example", name: "A", roles: ["ADMIN"], via }) as Caller;
const ctx = { params: Promise.resolve({}) };
const calls: unknown[] = [];
const createUser = withRole(["ADMIN"], async ({ req }) => {
  const body = await parseJson(req, z.object({ name: z.string() }));
  calls.push(body);
  return Response.json(body, { status: 201 });
});
const upload = withRole(["ADMIN"], async () => ({ ok: true }), { body: "upload" });

// What the attack page sends: a text/plain form, cookie attached by the browser, Origin of the other port.
const attack = (url = "http://localhost:3313/api/users") =>
  new NextRequest(url, {
    method: "POST",
    headers: { host: "localhost:3313", origin: "http://localhost:4313", "content-type": "text/plain", "content-length": "44" },
    body: '{"name":"x","ignore":"=","roles":["ADMIN"]}\r\n',
  });

beforeEach(() => {
  calls.length = 0;
});

describe("withRole against cross-site requests", () => {
  it("refuses a cookie-authenticated change from another origin (403) without running the handler", async () => {
    current.caller = admin("session");
    const res = await createUser(attack(), ctx);
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/Cross-site request refused/);
    expect(calls).toEqual([]);
  });

  it("refuses a same-origin text/plain body on a JSON route (415)", async () => {
    current.caller = admin("session");
    const req = new NextRequest("http://localhost:3313/api/users", {
      method: "POST",
      headers: { host: "localhost:3313", origin: "http://localhost:3313", "content-type": "text/plain" },
      body: '{"name":"x"}',
    });
    expect((await createUser(req, ctx)).status).toBe(415);
    expect(calls).toEqual([]);
  });

  it("lets the app's own JSON request through", async () => {
    current.caller = admin("session");
    const req = new NextRequest("http://localhost:3313/api/users", {
      method: "POST",
      headers: { host: "localhost:3313", origin: "http://localhost:3313", "content-type": "application/json" },
      body: '{"name":"x"}',
    });
    expect((await createUser(req, ctx)).status).toBe(201);
    expect(calls).toEqual([{ name: "x" }]);
  });

  it("does not apply to bearer-token callers (no ambient credential to forge)", async () => {
    current.caller = admin("token");
    const req = new NextRequest("http://localhost:3313/api/users", { method: "POST", headers: { "content-type": "application/json" }, body: '{"name":"x"}' });
    expect((await createUser(req, ctx)).status).toBe(201);
  });

  it("an upload route needs the Origin but not a JSON type", async () => {
    current.caller = admin("session");
    const file = (origin: string) =>
      new NextRequest("http://localhost:3313/api/projects/p/imports", {
        method: "POST",
        headers: { host: "localhost:3313", origin, "content-type": "application/octet-stream" },
        body: "{}\n",
      });
    expect((await upload(file("http://localhost:4313"), ctx)).status).toBe(403);
    expect((await upload(file("http://localhost:3313"), ctx)).status).toBe(200);
  });

  it("reads (GET) are not state changes and need no Origin", async () => {
    current.caller = admin("session");
    const list = withRole(["ADMIN"], async () => ({ users: [] }));
    expect((await list(new NextRequest("http://localhost:3313/api/users", { headers: { host: "localhost:3313" } }), ctx)).status).toBe(200);
  });
});

describe("parseJson body limit", () => {
  it("answers 413 for a JSON body over 1 MB", async () => {
    current.caller = admin("token");
    const big = JSON.stringify({ name: "x".repeat(1024 * 1024) });
    const req = new NextRequest("http://localhost:3313/api/users", { method: "POST", headers: { "content-type": "application/json" }, body: big });
    const res = await createUser(req, ctx);
    expect(res.status).toBe(413);
    expect(calls).toEqual([]);
  });
});
