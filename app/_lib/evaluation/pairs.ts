// Pairs of systems an admin asked to compare, and their comparisons (one per prompt both systems
// have an answer for). A pair is stored once whatever the order it was asked in: the first
// request fixes which system is "A" (verdicts are stored as A / TIE / B of that order).
//
// fillComparisons is idempotent and cheap to repeat: the set's generation code calls it
// whenever answers arrive, and it only inserts the comparisons that are missing
// (ON CONFLICT DO NOTHING on the comparison's unique key, so concurrent calls are safe).
import "server-only";
import { db } from "../db";
import { AppError } from "../errors";

export type PairCaller = { id: string };

export async function requestPair(args: {
  caller: PairCaller | null;
  evalSetId: string;
  systemAId: string;
  systemBId: string;
}): Promise<{ pairId?: string; comparisons: number }> {
  const { evalSetId, systemAId, systemBId } = args;
  if (systemAId === systemBId) throw new AppError("VALIDATION", "systemBId: a system cannot be compared with itself");
  const set = await db.evalSet.findUnique({ where: { id: evalSetId }, select: { id: true } });
  if (!set) throw new AppError("NOT_FOUND", `Evaluation set ${evalSetId} not found`);
  const systems = await db.evalSystem.findMany({ where: { id: { in: [systemAId, systemBId] }, evalSetId }, select: { id: true } });
  for (const [field, id] of [["systemAId", systemAId], ["systemBId", systemBId]] as const) {
    if (!systems.some((s) => s.id === id)) throw new AppError("NOT_FOUND", `${field}: system ${id} is not in evaluation set ${evalSetId}`);
  }

  const existing = await db.evalPair.findFirst({
    where: { evalSetId, OR: [{ systemAId, systemBId }, { systemAId: systemBId, systemBId: systemAId }] },
    select: { id: true },
  });
  let pairId = existing?.id;
  if (!pairId) {
    const created = await db.evalPair.upsert({
      where: { evalSetId_systemAId_systemBId: { evalSetId, systemAId, systemBId } },
      create: { evalSetId, systemAId, systemBId, createdById: args.caller?.id ?? null },
      update: {},
      select: { id: true },
    });
    pairId = created.id;
    await db.auditLog.create({
      data: { actorId: args.caller?.id ?? null, action: "evaluation.pair.create", entityType: "EvalPair", entityId: pairId, data: { evalSetId, systemAId, systemBId } },
    });
  }
  await fillComparisons(evalSetId);
  const pair = await db.evalPair.findUniqueOrThrow({ where: { id: pairId }, select: { systemAId: true, systemBId: true } });
  const comparisons = await db.evalComparison.count({ where: { evalSetId, systemAId: pair.systemAId, systemBId: pair.systemBId } });
  return { pairId, comparisons };
}

/** Creates the missing comparisons of every requested pair of the set; returns how many were created. */
export async function fillComparisons(evalSetId: string): Promise<number> {
  return db.$executeRaw`
    INSERT INTO "EvalComparison" (id, "evalSetId", "promptId", "systemAId", "systemBId", "judgedCount", "createdAt")
    SELECT 'cmp_' || md5(p.id || ':' || a."promptId" || ':' || random()::text), p."evalSetId", a."promptId", p."systemAId", p."systemBId", 0, (now() AT TIME ZONE 'UTC')
    FROM "EvalPair" p
    JOIN "EvalAnswer" a ON a."systemId" = p."systemAId"
    JOIN "EvalAnswer" b ON b."systemId" = p."systemBId" AND b."promptId" = a."promptId"
    WHERE p."evalSetId" = ${evalSetId}
    ON CONFLICT ("evalSetId", "promptId", "systemAId", "systemBId") DO NOTHING`;
}
