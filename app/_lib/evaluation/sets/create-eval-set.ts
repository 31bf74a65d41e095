// POST /api/evaluations — an evaluation set from a project's held-out turns (held-out.ts) or from
// the CMtMedQA safety probes shipped with the demo data.
import "server-only";
import path from "node:path";
import type { Caller } from "@/app/_lib/auth/caller";
import type { ChatMessage } from "@/app/_lib/chat";
import { db, type Tx } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";
import { DEMO_FILE } from "@/app/_lib/import/demo";
import type { CreateEvalSetInput, CreateProjectSetInput } from "./create-eval-set.schema";
import { readFilePrompts } from "./file-prompts";
import { lockHeldOut, trainedDialogueIds } from "./held-out";
import { pickHeldOut } from "./pick-held-out";
import { saveEvalSet } from "./save-eval-set";

export async function createEvalSet(opts: { caller: Caller; input: CreateEvalSetInput }) {
  const { caller, input } = opts;
  if (input.projectId) {
    const project = await db.project.findUnique({ where: { id: input.projectId }, select: { id: true } });
    if (!project) throw new AppError("VALIDATION", `projectId: project ${input.projectId} not found`, { issues: [{ path: "projectId", message: "not found" }] });
  }
  if (input.source === "SAFETY_PROBES") {
    const { prompts } = await readFilePrompts({ path: DEMO_FILE, fileName: path.basename(DEMO_FILE), format: "CMTMEDQA", multiTurn: false, only: "safety" });
    return db.$transaction((tx) =>
      saveEvalSet(tx, {
        ...input,
        projectId: input.projectId ?? null,
        multiTurn: false,
        prompts,
        actorId: caller.id,
        origin: { file: path.basename(DEMO_FILE) },
      }),
    );
  }
  return db.$transaction((tx) => drawProjectSet(tx, { actorId: caller.id, input }), { timeout: 120_000, maxWait: 10_000 });
}

/** A held-out sample of a project's turns, saved as a set (inside the caller's transaction). */
export async function drawProjectSet(tx: Tx, opts: { actorId: string; input: CreateProjectSetInput }) {
  const { input } = opts;
  await lockHeldOut(tx, input.projectId);
  const trained = await trainedDialogueIds(tx, input.projectId);
  // dialogues already in another evaluation set of the project are not drawn again
  const taken = await tx.evalPrompt.findMany({ where: { evalSet: { source: "PROJECT", projectId: input.projectId } }, select: { externalId: true } });
  const takenItems = await tx.item.findMany({ where: { id: { in: taken.map((t) => t.externalId) } }, select: { dialogueId: true } });
  const excluded = new Set([...trained, ...takenItems.map((t) => t.dialogueId)]);
  const turns = await tx.item.findMany({
    where: { projectId: input.projectId, status: { not: "GOLD" }, dialogue: { kind: "dialogue" } },
    select: { id: true, dialogueId: true, turnIndex: true },
  });
  const picked = pickHeldOut({
    turns: turns.map((t) => ({ itemId: t.id, dialogueId: t.dialogueId, turnIndex: t.turnIndex })),
    trainedDialogues: excluded,
    multiTurn: input.multiTurn,
    count: input.count,
    seed: input.seed,
  });
  if (picked.length === 0) {
    throw new AppError("VALIDATION", `projectId: the project has no ${input.multiTurn ? "multi-turn" : "single-turn"} turns outside its training snapshots and other evaluation sets`, {
      issues: [{ path: "projectId", message: "no held-out turns" }],
    });
  }
  const items = await tx.item.findMany({
    where: { id: { in: picked.map((p) => p.itemId) } },
    select: { id: true, prompt: true, dialogue: { select: { department: true } } },
  });
  const byId = new Map(items.map((i) => [i.id, i]));
  const prompts = picked.map((p) => {
    const item = byId.get(p.itemId)!;
    return { externalId: item.id, messages: item.prompt as ChatMessage[], department: item.dialogue.department, kind: "dialogue" as const };
  });
  return saveEvalSet(tx, {
    ...input,
    prompts,
    actorId: opts.actorId,
    origin: { seed: input.seed, requested: input.count, heldOutFromSnapshots: true, excludedDialogues: excluded.size },
  });
}
