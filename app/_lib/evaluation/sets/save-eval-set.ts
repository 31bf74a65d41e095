// Writes an evaluation set and its prompts in one transaction, pinned by their sha256.
import "server-only";
import { Prisma } from "@/app/_generated/prisma/client";
import type { EvalSetSource } from "@/app/_generated/prisma/enums";
import { audit } from "@/app/_lib/audit";
import type { Tx } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";
import { evalPromptsHash, type EvalPromptInput } from "./prompt-hash";

export type NewEvalSet = {
  name: string;
  description: string;
  source: EvalSetSource;
  projectId: string | null;
  multiTurn: boolean;
  judgesPerComparison: number;
  prompts: EvalPromptInput[];
  actorId: string;
  /** what the audit log keeps about where the prompts came from */
  origin: Prisma.InputJsonObject;
};

export async function saveEvalSet(tx: Tx, set: NewEvalSet): Promise<{ id: string; name: string; prompts: number; contentHash: string }> {
  const contentHash = evalPromptsHash(set.prompts);
  try {
    const row = await tx.evalSet.create({
      data: {
        name: set.name,
        description: set.description,
        source: set.source,
        projectId: set.projectId,
        multiTurn: set.multiTurn,
        judgesPerComparison: set.judgesPerComparison,
        contentHash,
        createdById: set.actorId,
      },
      select: { id: true, name: true },
    });
    await tx.evalPrompt.createMany({
      data: set.prompts.map((p, position) => ({
        evalSetId: row.id,
        position,
        externalId: p.externalId,
        messages: p.messages as Prisma.InputJsonValue,
        department: p.department,
        kind: p.kind,
      })),
    });
    await audit(tx, {
      actorId: set.actorId,
      action: "evaluation.set.create",
      entityType: "EvalSet",
      entityId: row.id,
      projectId: set.projectId,
      data: { source: set.source, prompts: set.prompts.length, multiTurn: set.multiTurn, contentHash, ...set.origin },
    });
    return { ...row, prompts: set.prompts.length, contentHash };
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      const target = JSON.stringify(err.meta ?? {});
      if (target.includes("externalId")) throw new AppError("VALIDATION", "two prompts of the file have the same id: ids must be unique");
      throw new AppError("CONFLICT", `an evaluation set named "${set.name}" already exists`, { issues: [{ path: "name", message: "already exists" }] });
    }
    throw err;
  }
}
