// GET /api/runs/[runId]/samples — the text a run produced, newest first:
//   PPO     the trainer's samples.jsonl rows (prompt, the policy's answer, its reward and KL, per step),
//           so one can watch the answers change as training goes;
//   SAMPLE  the candidates it attached to its items (the items it filled, with their status).
import "server-only";
import { db } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";

export type RunSampleRow = {
  id: string;
  step: number | null;
  itemId: string | null;
  /** SAMPLE runs: where the item is and what became of it. */
  item: { dialogue: string; turn: number; status: string } | null;
  prompt: string; // the patient's last message (the full history is in the export)
  response: string;
  reward: number | null;
  score: number | null;
  kl: number | null;
};
export type RunSamples = { kind: string; rows: RunSampleRow[]; total: number; projectId: string | null };

const lastUserMessage = (prompt: unknown): string => {
  if (!Array.isArray(prompt)) return "";
  const users = prompt.filter((m) => m && typeof m === "object" && (m as { role?: unknown }).role === "user");
  const last = (users.at(-1) ?? prompt.at(-1)) as { content?: unknown } | undefined;
  return typeof last?.content === "string" ? last.content : "";
};

export async function getRunSamples(opts: { runId: string; take: number }): Promise<RunSamples> {
  const run = await db.run.findUnique({ where: { id: opts.runId }, select: { id: true, kind: true, itemIds: true, projectId: true } });
  if (!run) throw new AppError("NOT_FOUND", `run ${opts.runId} not found`);
  if (run.kind === "SAMPLE") {
    // Candidates carry their provenance "model:<policy>@<run id>" (agent.py candidate_source).
    const where = { itemId: { in: run.itemIds }, source: { endsWith: `@${run.id}` } };
    const [candidates, total] = await Promise.all([
      db.candidate.findMany({
        where,
        orderBy: [{ itemId: "asc" }, { position: "asc" }],
        take: opts.take,
        select: {
          id: true,
          text: true,
          item: { select: { id: true, prompt: true, status: true, turnIndex: true, dialogue: { select: { externalId: true } } } },
        },
      }),
      db.candidate.count({ where }),
    ]);
    return {
      kind: run.kind,
      projectId: run.projectId,
      total,
      rows: candidates.map((c) => ({
        id: c.id,
        step: null,
        itemId: c.item.id,
        item: { dialogue: c.item.dialogue.externalId, turn: c.item.turnIndex, status: c.item.status },
        prompt: lastUserMessage(c.item.prompt),
        response: c.text,
        reward: null,
        score: null,
        kl: null,
      })),
    };
  }
  const [rows, total] = await Promise.all([
    db.runSample.findMany({ where: { runId: run.id }, orderBy: [{ step: "desc" }, { id: "asc" }], take: opts.take }),
    db.runSample.count({ where: { runId: run.id } }),
  ]);
  return {
    kind: run.kind,
    projectId: run.projectId,
    total,
    rows: rows.map((r) => ({
      id: String(r.id),
      step: r.step,
      itemId: r.itemId,
      item: null,
      prompt: lastUserMessage(r.prompt),
      response: r.response,
      reward: r.reward,
      score: r.score,
      kl: r.kl,
    })),
  };
}
