// When a system is READY: every prompt of its set has an answer (never before). A GENERATE run
// that ends settles its system: complete → READY, or FAILED when prompts are still unanswered;
// a run that fails for good → FAILED (a requeued run leaves the system PENDING).
import "server-only";
import type { Tx } from "@/app/_lib/db";
import { appendAppLog } from "@/app/_lib/runs/lock-run";
import { generateSystemId } from "./generate-input";

/** Marks the system READY when it answers every prompt of its set; returns whether it is READY. */
export async function markReadyIfComplete(tx: Tx, systemId: string): Promise<boolean> {
  const system = await tx.evalSystem.findUniqueOrThrow({ where: { id: systemId }, select: { evalSetId: true, status: true } });
  const [prompts, answers] = await Promise.all([
    tx.evalPrompt.count({ where: { evalSetId: system.evalSetId } }),
    tx.evalAnswer.count({ where: { systemId } }),
  ]);
  const complete = prompts > 0 && answers >= prompts;
  if (complete && system.status !== "READY") await tx.evalSystem.update({ where: { id: systemId }, data: { status: "READY" } });
  return complete;
}

/** Called under the run's row lock when a GENERATE run reaches a status. */
export async function settleGenerateRun(tx: Tx, run: { id: string; kind: string; config: unknown; status: string }): Promise<void> {
  if (run.kind !== "GENERATE" || (run.status !== "SUCCEEDED" && run.status !== "FAILED" && run.status !== "CANCELLED")) return;
  const systemId = generateSystemId(run);
  const system = await tx.evalSystem.findUnique({ where: { id: systemId }, select: { id: true, generateRunId: true } });
  if (!system || system.generateRunId !== run.id) return;
  const ready = await markReadyIfComplete(tx, system.id);
  if (ready) return;
  await tx.evalSystem.update({ where: { id: system.id }, data: { status: "FAILED" } });
  if (run.status === "SUCCEEDED") {
    const [prompts, answers] = await Promise.all([
      tx.evalPrompt.count({ where: { evalSet: { systems: { some: { id: system.id } } } } }),
      tx.evalAnswer.count({ where: { systemId: system.id } }),
    ]);
    await appendAppLog(tx, run.id, `the run ended with ${prompts - answers} of ${prompts} prompts unanswered: its evaluation system is FAILED`);
  }
}
