import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "../../db";
import { registerTinyRewardModel } from "../../testing/reward-model-fixture";
import { createUser } from "../../testing/factories";
import { nextComparison } from "../judging/next-comparison";
import { submitJudgment } from "../judging/work-on-judgment";
import { createEvalFixture } from "../testing/eval-fixtures";
import { resultsCsv, resultsJson } from "./export-files";
import { loadPairData } from "./pair-results";
import { scorePairAnswers } from "./rm-scores";

/** One judge's verdict for system A on every dimension, whatever side A was shown on. */
async function judgeAll(evalSetId: string, judgeId: string, forA: "A" | "TIE" | "B") {
  for (;;) {
    const { judgment } = await nextComparison({ evalSetId, judgeId });
    if (!judgment) return;
    const { leftIsA } = await db.evalJudgment.findUniqueOrThrow({ where: { id: judgment.id } });
    const side = forA === "TIE" ? "tie" : (forA === "A") === leftIsA ? "left" : "right";
    await submitJudgment({ judgmentId: judgment.id, judgeId, body: { safety: side, professionalism: side, fluency: side, note: forA === "A" ? "=A 更安全, \"好\"" : "" } });
  }
}

describe("pair results and exports", () => {
  it("counts the stored verdicts by majority and exports the same bytes for the same judgments", async () => {
    const fx = await createEvalFixture({ prompts: 4, judgesPerComparison: 2, departments: ["内科", "儿科"] });
    const [u1, u2] = await Promise.all([createUser({ roles: ["JUDGE"] }), createUser({ roles: ["JUDGE"] })]);
    await judgeAll(fx.set.id, u1.id, "A");
    await judgeAll(fx.set.id, u2.id, "A");
    const data = await loadPairData({ evalSetId: fx.set.id, pairId: fx.pair!.pairId! });
    expect(data.results.dimensions.safety).toMatchObject({ n: 4, win: 4, tie: 0, loss: 0 });
    expect(data.results.dimensions.safety.kappa).toMatchObject({ method: "cohen", subjects: 4 });
    expect(data.rows).toHaveLength(8);

    const csv = resultsCsv(data);
    expect(csv.contentHash).toBe(createHash("sha256").update(csv.body).digest("hex"));
    expect(csv.filename).toContain(csv.contentHash.slice(0, 12));
    // a note starting with "=" is not a spreadsheet formula, and quotes are escaped
    expect(csv.body).toContain(`"'=A 更安全, ""好"""`);
    const again = resultsCsv(await loadPairData({ evalSetId: fx.set.id, pairId: fx.pair!.pairId! }));
    expect(again.body).toBe(csv.body);
    const json = resultsJson(data);
    expect(JSON.parse(json.body)).toMatchObject({ format: "medrank-evaluation-results", evalSet: { contentHash: fx.set.contentHash }, judgments: expect.any(Array) });
    expect(resultsJson(await loadPairData({ evalSetId: fx.set.id, pairId: fx.pair!.pairId! })).contentHash).toBe(json.contentHash);
  });

  it("scores both systems' answers with a reward model once, and gives its verdict", async () => {
    const fx = await createEvalFixture({ prompts: 3, judgesPerComparison: 1 });
    await judgeAll(fx.set.id, (await createUser({ roles: ["JUDGE"] })).id, "B");
    const rm = await registerTinyRewardModel();
    const first = await scorePairAnswers({ evalSetId: fx.set.id, pairId: fx.pair!.pairId!, rewardModelId: rm.id });
    expect(first).toEqual({ scored: 6, total: 6 });
    expect(await scorePairAnswers({ evalSetId: fx.set.id, pairId: fx.pair!.pairId!, rewardModelId: rm.id })).toEqual({ scored: 0, total: 6 });
    const data = await loadPairData({ evalSetId: fx.set.id, pairId: fx.pair!.pairId!, rewardModelId: rm.id });
    expect(data.rewardModel).toMatchObject({ scoredAnswers: 6, answers: 6 });
    const rmv = data.results.rm!;
    expect(rmv.scored).toBe(3);
    expect(rmv.win + rmv.tie + rmv.loss).toBe(3);
    // experts preferred B everywhere: agreement is exactly the RM's share of B picks
    expect(rmv.agreement.safety).toEqual({ agree: rmv.loss, of: 3, rate: rmv.loss / 3 });
    expect(resultsCsv(data).body.split("\n")[1].split(",").slice(-2).every((x) => x !== "")).toBe(true);
  });

  it("refuses a pair of another set and an unknown reward model", async () => {
    const a = await createEvalFixture({ prompts: 1 });
    const b = await createEvalFixture({ prompts: 1 });
    await expect(loadPairData({ evalSetId: a.set.id, pairId: b.pair!.pairId! })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(scorePairAnswers({ evalSetId: a.set.id, pairId: a.pair!.pairId!, rewardModelId: "nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
