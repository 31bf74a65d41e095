// What the admin pages show of evaluation sets: the list, and one set with its prompts and
// systems (answers counted, the GENERATE run's status, decoding as recorded).
import "server-only";
import { db } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";

export async function listEvalSets() {
  const sets = await db.evalSet.findMany({
    orderBy: { createdAt: "desc" },
    select: {
      id: true, name: true, source: true, multiTurn: true, projectId: true, contentHash: true, createdAt: true, judgesPerComparison: true,
      _count: { select: { prompts: true, systems: true, comparisons: true } },
    },
  });
  const projectIds = [...new Set(sets.map((s) => s.projectId).filter((id): id is string => Boolean(id)))];
  const projects = new Map((await db.project.findMany({ where: { id: { in: projectIds } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));
  return sets.map((s) => ({
    id: s.id,
    name: s.name,
    source: s.source,
    multiTurn: s.multiTurn,
    projectName: s.projectId ? (projects.get(s.projectId) ?? null) : null,
    contentHash: s.contentHash,
    judgesPerComparison: s.judgesPerComparison,
    createdAt: s.createdAt.toISOString(),
    prompts: s._count.prompts,
    systems: s._count.systems,
    comparisons: s._count.comparisons,
  }));
}
export type EvalSetListEntry = Awaited<ReturnType<typeof listEvalSets>>[number];

/** Prompts shown on the set page (the first ones; the count says how many there are). */
const PROMPTS_SHOWN = 100;

export async function getEvalSet(evalSetId: string) {
  const set = await db.evalSet.findUnique({
    where: { id: evalSetId },
    select: {
      id: true, name: true, description: true, source: true, multiTurn: true, projectId: true, contentHash: true, createdAt: true, judgesPerComparison: true,
      _count: { select: { prompts: true, comparisons: true } },
      prompts: { orderBy: { position: "asc" }, take: PROMPTS_SHOWN, select: { id: true, position: true, externalId: true, messages: true, department: true, kind: true } },
      systems: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true, name: true, kind: true, status: true, modelPath: true, sourceRunId: true, decoding: true, createdAt: true,
          generateRun: { select: { id: true, status: true, name: true, error: true } },
          _count: { select: { answers: true } },
        },
      },
    },
  });
  if (!set) throw new AppError("NOT_FOUND", `evaluation set ${evalSetId} not found`);
  const project = set.projectId ? await db.project.findUnique({ where: { id: set.projectId }, select: { id: true, name: true } }) : null;
  return {
    id: set.id,
    name: set.name,
    description: set.description,
    source: set.source,
    multiTurn: set.multiTurn,
    project,
    contentHash: set.contentHash,
    judgesPerComparison: set.judgesPerComparison,
    createdAt: set.createdAt.toISOString(),
    promptCount: set._count.prompts,
    comparisons: set._count.comparisons,
    prompts: set.prompts.map((p) => ({ ...p, messages: p.messages as { role: "user" | "assistant"; content: string }[] })),
    systems: set.systems.map((s) => ({
      id: s.id,
      name: s.name,
      kind: s.kind,
      status: s.status,
      modelPath: s.modelPath,
      sourceRunId: s.sourceRunId,
      decoding: s.decoding as Record<string, unknown>,
      answers: s._count.answers,
      generateRun: s.generateRun,
      createdAt: s.createdAt.toISOString(),
    })),
  };
}
export type EvalSetView = Awaited<ReturnType<typeof getEvalSet>>;
