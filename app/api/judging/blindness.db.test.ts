// Blind judging, end to end through the route handlers: no response a judge can get — the set
// list, next, the judgment, draft, submit (new and repeated), skip, and every error — contains a
// system's name or id (or its kind, provenance or the pair). Every judge route file is called.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Caller } from "@/app/_lib/auth/caller";
import { db } from "@/app/_lib/db";
import { createEvalFixture } from "@/app/_lib/evaluation/testing/eval-fixtures";
import { createUser } from "@/app/_lib/testing/factories";

const { current } = vi.hoisted(() => ({ current: { caller: null as Caller | null } }));
vi.mock("@/app/_lib/auth/caller", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/app/_lib/auth/caller")>()),
  getCaller: async () => current.caller,
}));

import { GET as listSets } from "./route";
import { GET as getJudgment } from "./judgments/[judgmentId]/route";
import { PUT as putDraft } from "./judgments/[judgmentId]/draft/route";
import { POST as skip } from "./judgments/[judgmentId]/skip/route";
import { POST as submit } from "./judgments/[judgmentId]/submit/route";
import { POST as next } from "./sets/[evalSetId]/next/route";

const ORIGIN = "http://localhost";
const request = (method: string, url: string, body?: unknown) =>
  new NextRequest(`${ORIGIN}${url}`, {
    method,
    headers: { host: "localhost", origin: ORIGIN, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });

describe("blind judging: what a judge's responses may contain", () => {
  let secrets: string[] = [];
  let evalSetId = "";
  const seen: string[] = [];
  const record = async (res: Response) => {
    const text = await res.text();
    seen.push(text);
    return { status: res.status, json: JSON.parse(text) };
  };

  beforeAll(async () => {
    const fixture = await createEvalFixture({ prompts: 3, judgesPerComparison: 1 });
    evalSetId = fixture.set.id;
    const pair = await db.evalPair.findFirstOrThrow({ where: { evalSetId } });
    secrets = [...fixture.systems.flatMap((s) => [s.id, s.name]), pair.id, "IMPORTED", "test.jsonl", "systemA", "systemB", "provenance"];
    const user = await createUser({ roles: ["JUDGE"] });
    current.caller = { id: user.id, email: user.email, name: user.name, roles: user.roles, via: "session", mustChangePassword: false };
  });

  it("covers every judge route file", () => {
    const files: string[] = [];
    const walk = (dir: string) =>
      readdirSync(dir).forEach((n) => (statSync(path.join(dir, n)).isDirectory() ? walk(path.join(dir, n)) : n === "route.ts" && files.push(path.relative(import.meta.dirname, dir) || ".")));
    walk(import.meta.dirname);
    expect(files.sort()).toEqual([".", "judgments/[judgmentId]", "judgments/[judgmentId]/draft", "judgments/[judgmentId]/skip", "judgments/[judgmentId]/submit", "sets/[evalSetId]/next"]);
  });

  it("never shows a system's name or id", async () => {
    const list = await record(await listSets(request("GET", "/api/judging"), ctx({})));
    expect(list.json.sets.map((s: { id: string }) => s.id)).toContain(evalSetId);

    const first = await record(await next(request("POST", `/api/judging/sets/${evalSetId}/next`, {}), ctx({ evalSetId })));
    const judgmentId: string = first.json.judgment.id;
    expect(first.json.judgment.left).toMatch(/^回答/);
    expect(first.json.judgment.right).toMatch(/^回答/);

    const id = { judgmentId };
    await record(await getJudgment(request("GET", `/api/judging/judgments/${judgmentId}`), ctx(id)));
    await record(await putDraft(request("PUT", `/api/judging/judgments/${judgmentId}/draft`, { draft: { safety: "left" } }), ctx(id)));
    await record(await putDraft(request("PUT", `/api/judging/judgments/${judgmentId}/draft`, { draft: { safety: "sideways" } }), ctx(id)));
    const body = { safety: "left", professionalism: "tie", fluency: "right", note: "" };
    const created = await record(await submit(request("POST", `/api/judging/judgments/${judgmentId}/submit`, body), ctx(id)));
    expect(created.status).toBe(201);
    expect((await record(await submit(request("POST", `/api/judging/judgments/${judgmentId}/submit`, body), ctx(id)))).status).toBe(200);
    expect((await record(await submit(request("POST", `/api/judging/judgments/${judgmentId}/submit`, { ...body, safety: "right" }), ctx(id)))).status).toBe(409);
    expect((await record(await skip(request("POST", `/api/judging/judgments/${judgmentId}/skip`, {}), ctx(id)))).status).toBe(409);

    const second = await record(await next(request("POST", `/api/judging/sets/${evalSetId}/next`, {}), ctx({ evalSetId })));
    const skipped = await record(await skip(request("POST", `/api/judging/judgments/${second.json.judgment.id}/skip`, {}), ctx({ judgmentId: second.json.judgment.id })));
    expect(skipped.status).toBe(200);
    await record(await getJudgment(request("GET", `/api/judging/judgments/missing`), ctx({ judgmentId: "missing" })));
    await record(await next(request("POST", `/api/judging/sets/missing/next`, {}), ctx({ evalSetId: "missing" })));

    expect(seen.length).toBeGreaterThanOrEqual(12);
    for (const text of seen) for (const secret of secrets) expect(text, `a judge's response contains "${secret}"`).not.toContain(secret);
  });
});
