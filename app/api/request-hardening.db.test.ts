// The attacks of the hardening review, replayed against the route handlers and a real database:
// oversized bodies, text PostgreSQL cannot store, numbers past its columns, downloads of patient
// data (not cached, audited). Callers use API tokens and agent tokens (cross-site requests with a
// session cookie are in app/_lib/api/handler.test.ts and e2e/security.spec.ts).
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import type { Role } from "@/app/_generated/prisma/client";
import { hashToken } from "@/app/_lib/auth/caller";
import { db } from "@/app/_lib/db";
import { createAgentToken } from "@/app/_lib/runs/agent-tokens";
import { createProject, createUser } from "@/app/_lib/testing/factories";
import { POST as failPost } from "./agent/runs/[runId]/fail/route";
import { GET as inputGet } from "./agent/runs/[runId]/input/route";
import { POST as logsPost } from "./agent/runs/[runId]/logs/route";
import { POST as metricsPost } from "./agent/runs/[runId]/metrics/route";
import { GET as auditGet } from "./audit/route";
import { POST as importPost } from "./projects/[projectId]/imports/route";
import { GET as projectGet, PATCH as projectPatch } from "./projects/[projectId]/route";
import { GET as snapshotFileGet } from "./snapshots/[snapshotId]/[file]/route";
import { POST as tokensPost } from "./tokens/route";
import { POST as usersPost } from "./users/route";

async function tokenFor(roles: Role[]) {
  const user = await createUser({ roles });
  const token = `mr_${randomUUID().replaceAll("-", "")}`;
  await db.apiToken.create({ data: { userId: user.id, name: "test", prefix: token.slice(0, 8), tokenHash: hashToken(token) } });
  return { user, authorization: `Bearer ${token}` };
}

function call(method: string, url: string, authorization: string, body?: BodyInit, headers: Record<string, string> = {}) {
  return new NextRequest(`http://localhost${url}`, {
    method,
    headers: { authorization, "content-type": "application/json", ...headers },
    body,
    duplex: "half",
  } as ConstructorParameters<typeof NextRequest>[1]);
}
const json = (method: string, url: string, authorization: string, body: unknown) => call(method, url, authorization, JSON.stringify(body));
const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });

/** A body streamed in 64 KB chunks with no Content-Length (how a client hides its size), counting what was pulled. */
function endlessBody(totalBytes: number) {
  const pulled = { bytes: 0 };
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled.bytes >= totalBytes) return controller.close();
        pulled.bytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled };
}

/** A run held by a new agent, as after a claim (made directly: the shared run queue is not touched). */
async function runningRun() {
  const admin = await createUser({ roles: ["ADMIN"] });
  const project = await createProject();
  const { agent, token } = await createAgentToken({
    caller: { id: admin.id, email: admin.email, name: admin.name, roles: admin.roles, via: "session", mustChangePassword: false },
    input: { name: `gpu-${randomUUID().slice(0, 6)}` },
  });
  const snapshot = await db.snapshot.create({
    data: { projectId: project.id, version: 1, contentHash: "h", counts: { items: 1 }, rankings: '{"id":"i1"}\n', pairs: "", raw: "" },
  });
  const run = await db.run.create({
    data: {
      projectId: project.id,
      snapshotId: snapshot.id,
      kind: "RM",
      status: "RUNNING",
      name: "rm",
      config: {},
      modelPath: "/models/tiny",
      attempts: 1,
      agentId: agent.id,
      leaseSeconds: 600,
      leaseExpiresAt: new Date(Date.now() + 600_000),
      startedAt: new Date(),
    },
  });
  return { run, agent, authorization: `Bearer ${token}` };
}

describe("body limits", () => {
  it("POST /api/tokens: a 2 MB JSON body is a 413, declared or streamed, and nothing is created", async () => {
    const { user, authorization } = await tokenFor(["ANNOTATOR"]);
    const big = JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) });
    const declared = await tokensPost(call("POST", "/api/tokens", authorization, big), ctx({}));
    expect(declared.status).toBe(413);
    expect((await declared.json()).error.message).toBe("The request body is larger than 1 MB");

    const { stream, pulled } = endlessBody(450 * 1024 * 1024);
    const streamed = await tokensPost(call("POST", "/api/tokens", authorization, stream), ctx({}));
    expect(streamed.status).toBe(413);
    expect(pulled.bytes).toBeLessThan(2 * 1024 * 1024); // stopped near 1 MB, not at 450 MB
    expect(await db.apiToken.count({ where: { userId: user.id } })).toBe(1); // only the test's own
  });

  it("the agent's batches may be larger (16 MB), and no larger", async () => {
    const { run, authorization } = await runningRun();
    const lines = Array.from({ length: 500 }, (_, seq) => ({ seq, stream: "stderr", line: "梯度".repeat(1000) })); // ~3 MB
    const ok = await logsPost(json("POST", `/api/agent/runs/${run.id}/logs`, authorization, { attempt: 1, lines }), ctx({ runId: run.id }));
    expect(ok.status).toBe(200);
    const { stream } = endlessBody(20 * 1024 * 1024);
    const tooBig = await logsPost(call("POST", `/api/agent/runs/${run.id}/logs`, authorization, stream), ctx({ runId: run.id }));
    expect(tooBig.status).toBe(413);
  });
});

describe("text the database cannot store", () => {
  it("a NUL in a user's name is a 422 naming the field; nothing is created", async () => {
    const { authorization } = await tokenFor(["ADMIN"]);
    const email = `nul-${randomUUID().slice(0, 8)}@h.example`;
    const res = await usersPost(json("POST", "/api/users", authorization, { email, name: "Dr\u0000Li", roles: ["ANNOTATOR"], password: "long-enough-1" }), ctx({}));
    expect(res.status).toBe(422);
    expect((await res.json()).error.message).toBe("invalid body: name: must not contain the NUL character (U+0000)");
    expect(await db.user.count({ where: { email } })).toBe(0);
  });

  it("a lone surrogate in a project's guidelines is a 422 naming the field", async () => {
    const { authorization } = await tokenFor(["ADMIN"]);
    const project = await createProject();
    const body = '{"guidelines":"先安全\\ud800后专业"}'; // what JSON.parse turns into a lone surrogate
    const res = await projectPatch(call("PATCH", `/api/projects/${project.id}`, authorization, body), ctx({ projectId: project.id }));
    expect(res.status).toBe(422);
    expect((await res.json()).error.message).toMatch(/^invalid body: guidelines: must be valid Unicode text/);
  });

  it("a NUL in a URL id is not a 500", async () => {
    const { authorization } = await tokenFor(["ADMIN"]);
    const res = await projectGet(call("GET", "/api/projects/x%00y", authorization), ctx({ projectId: "x\u0000y" }));
    expect(res.status).toBeLessThan(500);
  });

  it("an imported record with NUL is refused, naming the record and the field; nothing is imported", async () => {
    const { authorization } = await tokenFor(["ADMIN"]);
    const project = await createProject();
    const record = { id: "rec-7", cate1: "内科", cate2: "消化内科", instruction: "胃痛\u0000三天", input: "", output: "建议就医。", history: [] };
    const res = await importPost(
      call("POST", `/api/projects/${project.id}/imports?fileName=bad.jsonl&format=CMTMEDQA`, authorization, JSON.stringify(record) + "\n", {
        "content-type": "application/octet-stream",
      }),
      ctx({ projectId: project.id }),
    );
    expect(res.status).toBe(422);
    const text = JSON.stringify(await res.json());
    expect(text).toContain("rec-7");
    expect(text).toContain("instruction");
    expect(text).toContain("NUL");
    expect(await db.dialogue.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("the agent's NUL-laden log lines and failure reason are cleaned and stored, so the real reason is kept", async () => {
    const { run, authorization } = await runningRun();
    const logs = await logsPost(
      json("POST", `/api/agent/runs/${run.id}/logs`, authorization, { attempt: 1, lines: [{ seq: 0, stream: "stderr", line: "RuntimeError: bad\u0000byte" }] }),
      ctx({ runId: run.id }),
    );
    expect(logs.status).toBe(200);
    const fail = await failPost(json("POST", `/api/agent/runs/${run.id}/fail`, authorization, { attempt: 1, reason: "exit 1: bad\u0000byte \ud800" }), ctx({ runId: run.id }));
    expect(fail.status).toBe(200);
    const row = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(row.status).toBe("FAILED");
    expect(row.error).toContain("exit 1: badbyte \uFFFD");
    expect((await db.runLog.findMany({ where: { runId: run.id, stream: "stderr" } })).map((l) => l.line)).toEqual(["RuntimeError: badbyte"]);
  });
});

describe("numbers past the database's columns", () => {
  it("a metrics step of 1e308 is a 422 naming the field", async () => {
    const { run, authorization } = await runningRun();
    const res = await metricsPost(
      json("POST", `/api/agent/runs/${run.id}/metrics`, authorization, { attempt: 1, lines: [{ seq: 0, data: { step: 1e308, "loss/rm": 0.5 } }] }),
      ctx({ runId: run.id }),
    );
    expect(res.status).toBe(422);
    expect((await res.json()).error.message).toMatch(/^invalid body: lines\.0\.data\.step: /);
  });

  it("audit?before=9999999999999999999 (past int8) is a 422 naming the parameter", async () => {
    const { authorization } = await tokenFor(["ADMIN"]);
    const res = await auditGet(call("GET", "/api/audit?before=9999999999999999999", authorization), ctx({}));
    expect(res.status).toBe(422);
    expect((await res.json()).error.message).toBe("invalid query: before: must be an audit entry id");
    expect((await auditGet(call("GET", "/api/audit?before=9223372036854775807", authorization), ctx({}))).status).toBe(200);
  });
});

describe("downloads of patient data", () => {
  it("a snapshot file is sent no-store and its download is audited", async () => {
    const { user, authorization } = await tokenFor(["ADMIN"]);
    const project = await createProject();
    const snap = await db.snapshot.create({
      data: { projectId: project.id, version: 1, contentHash: "h", counts: { items: 1 }, rankings: '{"id":"i1"}\n', pairs: "", raw: "" },
    });
    const res = await snapshotFileGet(call("GET", `/api/snapshots/${snap.id}/rankings.jsonl`, authorization), ctx({ snapshotId: snap.id, file: "rankings.jsonl" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const logged = await db.auditLog.findMany({ where: { action: "snapshot.download", entityId: snap.id } });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ actorId: user.id, projectId: project.id, data: { file: "rankings.jsonl", via: "token" } });
  });

  it("an agent's input download is sent no-store and audited", async () => {
    const { run, agent, authorization } = await runningRun();
    const res = await inputGet(call("GET", `/api/agent/runs/${run.id}/input`, authorization), ctx({ runId: run.id }));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const logged = await db.auditLog.findMany({ where: { action: "run.input_download", entityId: run.id } });
    expect(logged.map((l) => (l.data as { agentId: string }).agentId)).toEqual([agent.id]);
  });
});
