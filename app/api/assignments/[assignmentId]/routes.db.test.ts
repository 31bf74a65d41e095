// The annotation and adjudication routes over HTTP semantics: roles, scoping, status codes.
// Callers authenticate with personal API tokens (the same path scripts use).
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import type { Role } from "@/app/_generated/prisma/client";
import { hashToken } from "@/app/_lib/auth/caller";
import { db } from "@/app/_lib/db";
import { createItems, createProject, createUser } from "@/app/_lib/testing/factories";
import { POST as adjudicatePost, GET as adjudicationGet } from "../../projects/[projectId]/adjudications/[itemId]/route";
import { GET as adjudicationQueueGet } from "../../projects/[projectId]/adjudications/route";
import { POST as nextPost } from "../../projects/[projectId]/queue/next/route";
import { GET as queueGet } from "../../projects/[projectId]/queue/route";
import { POST as rankingPost } from "./ranking/route";
import { GET as assignmentGet } from "./route";
import { POST as skipPost } from "./skip/route";

async function caller(roles: Role[]) {
  const user = await createUser({ roles });
  const token = `mr_${randomUUID().replaceAll("-", "")}`;
  await db.apiToken.create({ data: { userId: user.id, name: "test", prefix: token.slice(0, 8), tokenHash: hashToken(token) } });
  return { user, headers: { authorization: `Bearer ${token}` } };
}

const req = (url: string, headers: Record<string, string>, body?: unknown) =>
  new NextRequest(`http://localhost${url}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });

describe("annotation routes", () => {
  it("lease, read, submit (201, then 200 for the same body, 409 for another), with role and owner checks", async () => {
    const project = await createProject({ annotatorsPerItem: 2 });
    await createItems(project.id, { count: 2 });
    const annotator = await caller(["ANNOTATOR"]);
    const other = await caller(["ANNOTATOR"]);
    const admin = await caller(["ADMIN"]);

    const revoked = { authorization: "Bearer mr_not-a-token" };
    expect((await nextPost(req(`/api/projects/${project.id}/queue/next`, revoked, {}), ctx({ projectId: project.id }))).status).toBe(401);
    expect((await nextPost(req(`/api/projects/${project.id}/queue/next`, admin.headers, {}), ctx({ projectId: project.id }))).status).toBe(403);

    const next = await nextPost(req(`/api/projects/${project.id}/queue/next`, annotator.headers, {}), ctx({ projectId: project.id }));
    expect(next.status).toBe(200);
    const { assignment } = await next.json();
    expect(assignment.candidates).toHaveLength(4);
    const params = ctx({ assignmentId: assignment.id });

    expect((await assignmentGet(req(`/api/assignments/${assignment.id}`, annotator.headers), params)).status).toBe(200);
    expect((await assignmentGet(req(`/api/assignments/${assignment.id}`, other.headers), params)).status).toBe(404);

    const body = { ranks: [2, 1, 4, 3], flags: { "0": ["unsafe"] }, durationMs: 5000 };
    expect((await rankingPost(req(`/api/assignments/${assignment.id}/ranking`, other.headers, body), params)).status).toBe(404);
    const bad = await rankingPost(req(`/api/assignments/${assignment.id}/ranking`, annotator.headers, { ...body, flags: { "0": ["rude"] } }), params);
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.message).toMatch(/flags\.0/);
    const noK = await rankingPost(req(`/api/assignments/${assignment.id}/ranking`, annotator.headers, { ...body, ranks: [1, 2] }), params);
    expect(noK.status).toBe(422);
    const noKError = (await noK.json()).error;
    expect(noKError.message).toMatch(/every answer must be placed/);
    expect(noKError.details).toMatchObject({ reason: "NOT_PLACED", unplaced: [2, 3] });

    const first = await rankingPost(req(`/api/assignments/${assignment.id}/ranking`, annotator.headers, body), params);
    expect(first.status).toBe(201);
    const again = await rankingPost(req(`/api/assignments/${assignment.id}/ranking`, annotator.headers, body), params);
    expect(again.status).toBe(200);
    expect((await again.json()).ranking.id).toBe((await first.json()).ranking.id);
    const changed = await rankingPost(req(`/api/assignments/${assignment.id}/ranking`, annotator.headers, { ...body, ranks: [1, 2, 3, 4] }), params);
    expect(changed.status).toBe(409);

    const stats = await queueGet(req(`/api/projects/${project.id}/queue`, annotator.headers), ctx({ projectId: project.id }));
    expect(await stats.json()).toMatchObject({ submitted: 1, skipped: 0, available: 1 });
  });

  it("skip needs a reason, and the skipped item is not served again", async () => {
    const project = await createProject();
    await createItems(project.id, { count: 1 });
    const annotator = await caller(["ANNOTATOR"]);
    const { assignment } = await (await nextPost(req(`/api/projects/${project.id}/queue/next`, annotator.headers, {}), ctx({ projectId: project.id }))).json();
    const params = ctx({ assignmentId: assignment.id });
    expect((await skipPost(req(`/api/assignments/${assignment.id}/skip`, annotator.headers, { reason: "  " }), params)).status).toBe(422);
    const skipped = await skipPost(req(`/api/assignments/${assignment.id}/skip`, annotator.headers, { reason: "不熟悉该专科" }), params);
    expect(skipped.status).toBe(200);
    expect((await skipped.json()).assignment).toMatchObject({ status: "SKIPPED", skipReason: "不熟悉该专科" });
    const next = await nextPost(req(`/api/projects/${project.id}/queue/next`, annotator.headers, {}), ctx({ projectId: project.id }));
    expect(await next.json()).toEqual({ assignment: null });
  });
});

describe("adjudication routes", () => {
  it("only adjudicators see the queue; the decision is 201 once and 409 for the next adjudicator", async () => {
    const project = await createProject({ annotatorsPerItem: 2 });
    const [itemId] = await createItems(project.id, { count: 1 });
    for (const ranks of [
      [1, 2, 3, 4],
      [4, 3, 2, 1],
    ]) {
      const a = await caller(["ANNOTATOR"]);
      const { assignment } = await (await nextPost(req(`/api/projects/${project.id}/queue/next`, a.headers, {}), ctx({ projectId: project.id }))).json();
      await rankingPost(req(`/api/assignments/${assignment.id}/ranking`, a.headers, { ranks, durationMs: 1 }), ctx({ assignmentId: assignment.id }));
    }
    const annotator = await caller(["ANNOTATOR"]);
    const first = await caller(["ADJUDICATOR"]);
    const second = await caller(["ADJUDICATOR"]);
    const url = `/api/projects/${project.id}/adjudications`;

    expect((await adjudicationQueueGet(req(url, annotator.headers), ctx({ projectId: project.id }))).status).toBe(403);
    const queue = await adjudicationQueueGet(req(`${url}?take=10`, first.headers), ctx({ projectId: project.id }));
    expect((await queue.json()).items.map((i: { itemId: string }) => i.itemId)).toEqual([itemId]);
    const bad = await adjudicationQueueGet(req(`${url}?take=0`, first.headers), ctx({ projectId: project.id }));
    expect(bad.status).toBe(422);

    const params = ctx({ projectId: project.id, itemId });
    const view = await (await adjudicationGet(req(`${url}/${itemId}`, first.headers), params)).json();
    expect(view.rankings.map((r: { label: string }) => r.label)).toEqual(["#1", "#2"]);

    expect((await adjudicatePost(req(`${url}/${itemId}`, first.headers, { mode: "nope" }), params)).status).toBe(422);
    const won = await adjudicatePost(req(`${url}/${itemId}`, first.headers, { mode: "adopt", rankingId: view.rankings[1].id, note: "更安全" }), params);
    expect(won.status).toBe(201);
    const lost = await adjudicatePost(req(`${url}/${itemId}`, second.headers, { mode: "custom", ranks: [1, 2, 3, 4] }), params);
    expect(lost.status).toBe(409);
    expect((await lost.json()).error.message).toMatch(/already been adjudicated/);
  });
});
