// Evaluation rows for database tests and browser fixtures: a set with prompts, two systems with
// an answer to every prompt, and (optionally) their pair requested.
import { randomUUID } from "node:crypto";
import { db } from "../../db";
import { requestPair } from "../pairs";

export const SYSTEM_NAMES = ["policy-大模型-Alpha", "baseline-Beta-7B"] as const;

export async function createEvalFixture(opts: { prompts?: number; judgesPerComparison?: number; pair?: boolean; departments?: string[] } = {}) {
  const tag = randomUUID().slice(0, 8);
  const count = opts.prompts ?? 3;
  const set = await db.evalSet.create({
    data: {
      name: `Eval ${tag}`,
      source: "IMPORT",
      multiTurn: false,
      judgesPerComparison: opts.judgesPerComparison ?? 2,
      contentHash: `hash-${tag}`,
      prompts: {
        create: Array.from({ length: count }, (_, position) => ({
          position,
          externalId: `p-${tag}-${position}`,
          department: opts.departments?.[position % opts.departments.length] ?? "内科",
          messages: [{ role: "user", content: `医生您好，我咳嗽发热三天了（${tag}-${position}），怎么办？` }],
        })),
      },
    },
    include: { prompts: { orderBy: { position: "asc" } } },
  });
  const systems = [];
  for (const [s, name] of SYSTEM_NAMES.entries()) {
    systems.push(
      await db.evalSystem.create({
        data: {
          evalSetId: set.id,
          name: `${name}-${tag}`,
          kind: "IMPORTED",
          status: "READY",
          answers: {
            create: set.prompts.map((p) => ({
              promptId: p.id,
              text: `回答${s === 0 ? "甲" : "乙"}：多喝水，注意休息，体温超过 38.5℃ 请就医。（${p.externalId}）`,
              provenance: { source: "import", file: "test.jsonl", line: p.position + 1 },
            })),
          },
        },
      }),
    );
  }
  const pair = opts.pair === false ? null : await requestPair({ caller: null, evalSetId: set.id, systemAId: systems[0].id, systemBId: systems[1].id });
  return { set, prompts: set.prompts, systems, pair };
}
