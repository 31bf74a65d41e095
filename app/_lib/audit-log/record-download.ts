// Downloads of patient data are audited like changes: who took which snapshot file, which agent
// fetched which run's input. (Reading a page is not logged; taking the data away is.)
import "server-only";
import { audit } from "../audit";
import { db } from "../db";

export async function auditSnapshotDownload(opts: { actorId: string; via: "session" | "token"; snapshotId: string; file: string; sha256: string }) {
  const snapshot = await db.snapshot.findUnique({ where: { id: opts.snapshotId }, select: { projectId: true, version: true } });
  await audit(db, {
    actorId: opts.actorId,
    action: "snapshot.download",
    entityType: "snapshot",
    entityId: opts.snapshotId,
    projectId: snapshot?.projectId ?? null,
    data: { file: opts.file, version: snapshot?.version ?? null, sha256: opts.sha256, via: opts.via },
  });
}

export async function auditAgentInputDownload(opts: { agent: { id: string; name: string }; runId: string; sha256: string; bytes: number }) {
  const run = await db.run.findUnique({ where: { id: opts.runId }, select: { projectId: true, attempts: true } });
  await audit(db, {
    actorId: null,
    action: "run.input_download",
    entityType: "run",
    entityId: opts.runId,
    projectId: run?.projectId ?? null,
    data: { agentId: opts.agent.id, agentName: opts.agent.name, attempt: run?.attempts ?? null, sha256: opts.sha256, bytes: opts.bytes },
  });
}
