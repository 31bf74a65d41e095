// What a judge is shown of one of their judgments: the dialogue and the two answers in the
// judgment's own left/right order, their draft or submitted verdicts (as left / tie / right).
// BLIND by construction: built from an explicit select that never reads a system (no name, no
// id, no kind, no provenance); evaluation.db.test.ts checks every judge route's JSON for them.
import "server-only";
import type { EvalJudgmentStatus } from "@/app/_generated/prisma/enums";
import type { ChatMessage } from "../../chat";
import type { Db, Tx } from "../../db";
import { AppError } from "../../errors";
import type { JudgeDraft } from "./judging.schema";
import { type Dimension, type Side, verdictToSide } from "./verdicts";

export type JudgmentView = {
  id: string;
  evalSetId: string;
  setName: string;
  multiTurn: boolean;
  status: EvalJudgmentStatus;
  leaseExpiresAt: string;
  messages: ChatMessage[];
  left: string;
  right: string;
  draft: JudgeDraft | null;
  /** the verdicts as submitted, in this judgment's left/right order */
  submitted: (Record<Dimension, Side> & { note: string }) | null;
};

export async function loadJudgmentView(client: Db | Tx, opts: { judgmentId: string; judgeId: string }): Promise<JudgmentView> {
  const j = await client.evalJudgment.findFirst({
    where: { id: opts.judgmentId, judgeId: opts.judgeId },
    select: {
      id: true,
      status: true,
      leftIsA: true,
      leaseExpiresAt: true,
      safety: true,
      professionalism: true,
      fluency: true,
      note: true,
      draft: true,
      comparison: {
        select: {
          evalSet: { select: { id: true, name: true, multiTurn: true } },
          prompt: { select: { id: true, messages: true } },
          systemAId: true,
          systemBId: true,
        },
      },
    },
  });
  if (!j) throw new AppError("NOT_FOUND", `Judgment ${opts.judgmentId} not found`);
  const { prompt, systemAId, systemBId, evalSet } = j.comparison;
  const answers = await client.evalAnswer.findMany({
    where: { promptId: prompt.id, systemId: { in: [systemAId, systemBId] } },
    select: { systemId: true, text: true },
  });
  const textOf = (systemId: string) => answers.find((a) => a.systemId === systemId)?.text ?? "";
  const [a, b] = [textOf(systemAId), textOf(systemBId)];
  const submitted =
    j.status === "SUBMITTED" && j.safety && j.professionalism && j.fluency
      ? {
          safety: verdictToSide(j.safety, j.leftIsA),
          professionalism: verdictToSide(j.professionalism, j.leftIsA),
          fluency: verdictToSide(j.fluency, j.leftIsA),
          note: j.note ?? "",
        }
      : null;
  return {
    id: j.id,
    evalSetId: evalSet.id,
    setName: evalSet.name,
    multiTurn: evalSet.multiTurn,
    status: j.status,
    leaseExpiresAt: j.leaseExpiresAt.toISOString(),
    messages: prompt.messages as ChatMessage[],
    left: j.leftIsA ? a : b,
    right: j.leftIsA ? b : a,
    draft: (j.draft as JudgeDraft | null) ?? null,
    submitted,
  };
}
