// Everything the results page and the exports show of one pair: the set, the pair's systems,
// the comparisons with their submitted judgments (and stored RM scores), and the statistics
// (stats/summarize.ts). Admin-only: this is where system names appear.
import "server-only";
import type { ChatMessage } from "../../chat";
import { db } from "../../db";
import { AppError } from "../../errors";
import { type ComparisonInput, type PairResults, summarizePair } from "../stats/summarize";

export type PairRow = { id: string; systemA: { id: string; name: string }; systemB: { id: string; name: string }; comparisons: number; judgments: number };

export async function listPairs(evalSetId: string): Promise<PairRow[]> {
  const pairs = await db.evalPair.findMany({
    where: { evalSetId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, systemA: { select: { id: true, name: true } }, systemB: { select: { id: true, name: true } } },
  });
  return Promise.all(
    pairs.map(async (p) => {
      const where = { evalSetId, systemAId: p.systemA.id, systemBId: p.systemB.id };
      const [comparisons, judgments] = await Promise.all([
        db.evalComparison.count({ where }),
        db.evalJudgment.count({ where: { status: "SUBMITTED", comparison: where } }),
      ]);
      return { ...p, comparisons, judgments };
    }),
  );
}

export type JudgmentRow = {
  comparisonId: string;
  promptPosition: number;
  promptExternalId: string;
  department: string | null;
  multiTurn: boolean;
  judgmentId: string;
  judgeId: string;
  safety: "A" | "TIE" | "B";
  professionalism: "A" | "TIE" | "B";
  fluency: "A" | "TIE" | "B";
  leftIsA: boolean;
  note: string;
  submittedAt: string;
};

export type PairData = {
  set: { id: string; name: string; contentHash: string; judgesPerComparison: number; multiTurn: boolean };
  pair: PairRow;
  rewardModel: { id: string; name: string; scoredAnswers: number; answers: number } | null;
  rows: JudgmentRow[];
  rm: { comparisonId: string; promptExternalId: string; a: number; b: number }[];
  results: PairResults;
};

/** More than one patient message before the answer: a multi-turn prompt. */
export const isMultiTurn = (messages: ChatMessage[]) => messages.filter((m) => m.role === "user").length > 1;

export async function loadPairData(opts: { evalSetId: string; pairId: string; rewardModelId?: string | null }): Promise<PairData> {
  const set = await db.evalSet.findUnique({
    where: { id: opts.evalSetId },
    select: { id: true, name: true, contentHash: true, judgesPerComparison: true, multiTurn: true },
  });
  if (!set) throw new AppError("NOT_FOUND", `Evaluation set ${opts.evalSetId} not found`);
  const pair = (await listPairs(set.id)).find((p) => p.id === opts.pairId);
  if (!pair) throw new AppError("NOT_FOUND", `pairId: pair ${opts.pairId} is not in evaluation set ${set.id}`);

  const comparisons = await db.evalComparison.findMany({
    where: { evalSetId: set.id, systemAId: pair.systemA.id, systemBId: pair.systemB.id },
    orderBy: [{ prompt: { position: "asc" } }, { id: "asc" }],
    select: {
      id: true,
      promptId: true,
      prompt: { select: { position: true, externalId: true, department: true, messages: true } },
      judgments: {
        where: { status: "SUBMITTED" },
        orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
        select: { id: true, judgeId: true, safety: true, professionalism: true, fluency: true, leftIsA: true, note: true, submittedAt: true },
      },
    },
  });

  let rewardModel: PairData["rewardModel"] = null;
  const scoreOf = new Map<string, number>(); // `${systemId}:${promptId}` → raw score
  if (opts.rewardModelId) {
    const model = await db.rewardModel.findUnique({ where: { id: opts.rewardModelId }, select: { id: true, name: true } });
    if (!model) throw new AppError("NOT_FOUND", `rewardModelId: reward model ${opts.rewardModelId} not found`);
    const answers = await db.evalAnswer.findMany({
      where: { systemId: { in: [pair.systemA.id, pair.systemB.id] } },
      select: { systemId: true, promptId: true, rmScores: { where: { rewardModelId: model.id }, select: { raw: true } } },
    });
    for (const a of answers) if (a.rmScores[0]) scoreOf.set(`${a.systemId}:${a.promptId}`, a.rmScores[0].raw);
    rewardModel = { ...model, scoredAnswers: scoreOf.size, answers: answers.length };
  }

  const rows: JudgmentRow[] = [];
  const rm: PairData["rm"] = [];
  const inputs: ComparisonInput[] = comparisons.map((c) => {
    const multiTurn = isMultiTurn(c.prompt.messages as ChatMessage[]);
    for (const j of c.judgments) {
      rows.push({
        comparisonId: c.id,
        promptPosition: c.prompt.position,
        promptExternalId: c.prompt.externalId,
        department: c.prompt.department,
        multiTurn,
        judgmentId: j.id,
        judgeId: j.judgeId,
        safety: j.safety!,
        professionalism: j.professionalism!,
        fluency: j.fluency!,
        leftIsA: j.leftIsA,
        note: j.note ?? "",
        submittedAt: j.submittedAt!.toISOString(),
      });
    }
    const a = scoreOf.get(`${pair.systemA.id}:${c.promptId}`);
    const b = scoreOf.get(`${pair.systemB.id}:${c.promptId}`);
    const both = a !== undefined && b !== undefined ? { a, b } : null;
    if (both) rm.push({ comparisonId: c.id, promptExternalId: c.prompt.externalId, ...both });
    return {
      comparisonId: c.id,
      department: c.prompt.department,
      multiTurn,
      judgments: c.judgments.map((j) => ({ judgeId: j.judgeId, safety: j.safety!, professionalism: j.professionalism!, fluency: j.fluency! })),
      rm: both,
    };
  });

  return { set, pair, rewardModel, rows, rm, results: summarizePair(inputs, { judgesPerComparison: set.judgesPerComparison }) };
}
