import { describe, expect, it } from "vitest";
import { db } from "../../db";
import { createUser } from "../../testing/factories";
import { fillComparisons, requestPair } from "../pairs";
import { createEvalFixture } from "../testing/eval-fixtures";
import { judgeSets } from "./judge-sets";
import { nextComparison } from "./next-comparison";
import { saveJudgeDraft, skipJudgment, submitJudgment } from "./work-on-judgment";

const judge = () => createUser({ roles: ["JUDGE"] });

describe("pairs", () => {
  it("creates one comparison per prompt both systems answered, once, whatever the order asked", async () => {
    const { set, systems, pair } = await createEvalFixture({ prompts: 4 });
    expect(pair!.comparisons).toBe(4);
    const again = await requestPair({ caller: null, evalSetId: set.id, systemAId: systems[1].id, systemBId: systems[0].id });
    expect(again).toEqual(pair);
    expect(await db.evalComparison.count({ where: { evalSetId: set.id } })).toBe(4);
    expect(await fillComparisons(set.id)).toBe(0);
  });

  it("fills the comparisons of a prompt whose answers arrive later", async () => {
    const { set, systems, prompts } = await createEvalFixture({ prompts: 2 });
    const late = await db.evalPrompt.create({ data: { evalSetId: set.id, position: 2, externalId: `late-${set.id}`, messages: [{ role: "user", content: "头晕" }] } });
    await db.evalAnswer.create({ data: { systemId: systems[0].id, promptId: late.id, text: "甲", provenance: {} } });
    expect(await fillComparisons(set.id)).toBe(0); // B has not answered it yet
    await db.evalAnswer.create({ data: { systemId: systems[1].id, promptId: late.id, text: "乙", provenance: {} } });
    expect(await fillComparisons(set.id)).toBe(1);
    expect(await db.evalComparison.count({ where: { evalSetId: set.id } })).toBe(prompts.length + 1);
  });

  it("refuses a system compared with itself or from another set", async () => {
    const { set, systems } = await createEvalFixture({ prompts: 1, pair: false });
    const other = await createEvalFixture({ prompts: 1, pair: false });
    await expect(requestPair({ caller: null, evalSetId: set.id, systemAId: systems[0].id, systemBId: systems[0].id })).rejects.toThrow(/itself/);
    await expect(requestPair({ caller: null, evalSetId: set.id, systemAId: systems[0].id, systemBId: other.systems[1].id })).rejects.toThrow(/systemBId/);
  });
});

describe("judging queue", () => {
  it("never gives one comparison to more than N judges, nor twice to one judge, under concurrency", async () => {
    const { set } = await createEvalFixture({ prompts: 5, judgesPerComparison: 2 });
    const judges = await Promise.all([judge(), judge(), judge()]);
    // rounds of parallel requests: each judge asks several times at once, then submits what they got
    for (let round = 0; round < 6; round++) {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => nextComparison({ evalSetId: set.id, judgeId: judges[i % 3].id })),
      );
      // one judge's parallel calls resume the same lease
      for (const j of judges) {
        const mine = new Set(results.filter((_, i) => judges[i % 3].id === j.id).map((r) => r.judgment?.id ?? null));
        expect(mine.size).toBe(1);
      }
      await Promise.all(
        [...new Set(results.map((r) => r.judgment?.id).filter(Boolean))].map(async (id) => {
          const row = await db.evalJudgment.findUniqueOrThrow({ where: { id: id! } });
          await submitJudgment({ judgmentId: row.id, judgeId: row.judgeId, body: { safety: "left", professionalism: "tie", fluency: "right", note: "" } });
        }),
      );
    }
    const rows = await db.evalJudgment.findMany({ where: { comparison: { evalSetId: set.id } }, select: { comparisonId: true, judgeId: true, status: true } });
    const perComparison = new Map<string, string[]>();
    for (const r of rows) perComparison.set(r.comparisonId, [...(perComparison.get(r.comparisonId) ?? []), r.judgeId]);
    // 5 comparisons × 2 judges = 10 judgments, all submitted: the queue is drained, no comparison over N
    expect(rows).toHaveLength(10);
    expect(rows.every((r) => r.status === "SUBMITTED")).toBe(true);
    for (const judgeIds of perComparison.values()) {
      expect(judgeIds).toHaveLength(2);
      expect(new Set(judgeIds).size).toBe(2);
    }
    const counts = await db.evalComparison.findMany({ where: { evalSetId: set.id }, select: { judgedCount: true } });
    expect(counts.every((c) => c.judgedCount === 2)).toBe(true);
    for (const j of judges) expect((await nextComparison({ evalSetId: set.id, judgeId: j.id })).judgment).toBeNull();
  });

  it("gives a lapsed lease's slot to another judge, and a skipped comparison never comes back", async () => {
    const { set } = await createEvalFixture({ prompts: 1, judgesPerComparison: 1 });
    const [a, b] = await Promise.all([judge(), judge()]);
    const t0 = new Date();
    const first = (await nextComparison({ evalSetId: set.id, judgeId: a.id, now: t0 })).judgment!;
    expect((await nextComparison({ evalSetId: set.id, judgeId: b.id, now: t0 })).judgment).toBeNull();
    const later = new Date(t0.getTime() + 31 * 60_000);
    const second = (await nextComparison({ evalSetId: set.id, judgeId: b.id, now: later })).judgment!;
    expect(second).not.toBeNull();
    await skipJudgment({ judgmentId: second.id, judgeId: b.id });
    expect((await nextComparison({ evalSetId: set.id, judgeId: b.id, now: later })).judgment).toBeNull();
    // a's lease lapsed but the slot is free again (b skipped): a's late submit is accepted
    const late = await submitJudgment({ judgmentId: first.id, judgeId: a.id, body: { safety: "left", professionalism: "left", fluency: "left", note: "" }, now: later });
    expect(late.created).toBe(true);
  });

  it("randomises left/right per judgment and stores verdicts as A / TIE / B", async () => {
    const { set, systems } = await createEvalFixture({ prompts: 40, judgesPerComparison: 1 });
    const j = await judge();
    const answerA = await db.evalAnswer.findMany({ where: { systemId: systems[0].id }, select: { text: true } });
    const aTexts = new Set(answerA.map((a) => a.text));
    let leftA = 0;
    for (let n = 0; n < 40; n++) {
      const view = (await nextComparison({ evalSetId: set.id, judgeId: j.id })).judgment!;
      const shownLeftIsA = aTexts.has(view.left);
      if (shownLeftIsA) leftA++;
      await submitJudgment({ judgmentId: view.id, judgeId: j.id, body: { safety: "left", professionalism: "right", fluency: "tie", note: "" } });
      const row = await db.evalJudgment.findUniqueOrThrow({ where: { id: view.id } });
      expect(row.leftIsA).toBe(shownLeftIsA);
      expect(row.safety).toBe(shownLeftIsA ? "A" : "B");
      expect(row.professionalism).toBe(shownLeftIsA ? "B" : "A");
      expect(row.fluency).toBe("TIE");
    }
    // both orders occur (40 fair coins all one way: p < 1e-11)
    expect(leftA).toBeGreaterThan(0);
    expect(leftA).toBeLessThan(40);
  });

  it("keeps the draft, restores it, and makes submit idempotent", async () => {
    const { set } = await createEvalFixture({ prompts: 1, judgesPerComparison: 2 });
    const j = await judge();
    const view = (await nextComparison({ evalSetId: set.id, judgeId: j.id })).judgment!;
    expect(view.draft).toBeNull();
    const draft = { safety: "left" as const, professionalism: null, fluency: "tie" as const, note: "左边更谨慎", elapsedMs: 1200 };
    await saveJudgeDraft({ judgmentId: view.id, judgeId: j.id, draft });
    const resumed = (await nextComparison({ evalSetId: set.id, judgeId: j.id })).judgment!;
    expect(resumed.id).toBe(view.id);
    expect(resumed.draft).toEqual(draft);

    const body = { safety: "left", professionalism: "right", fluency: "tie", note: "左边更谨慎" } as const;
    expect((await submitJudgment({ judgmentId: view.id, judgeId: j.id, body })).created).toBe(true);
    const again = await submitJudgment({ judgmentId: view.id, judgeId: j.id, body });
    expect(again.created).toBe(false);
    expect(again.judgment.submitted).toEqual({ safety: "left", professionalism: "right", fluency: "tie", note: "左边更谨慎" });
    await expect(submitJudgment({ judgmentId: view.id, judgeId: j.id, body: { ...body, safety: "right" } })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(saveJudgeDraft({ judgmentId: view.id, judgeId: j.id, draft })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await db.evalComparison.findFirstOrThrow({ where: { evalSetId: set.id } })).judgedCount).toBe(1);

    const other = await judge();
    await expect(submitJudgment({ judgmentId: view.id, judgeId: other.id, body })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lists the sets with the judge's progress", async () => {
    const { set } = await createEvalFixture({ prompts: 3, judgesPerComparison: 1 });
    const j = await judge();
    const view = (await nextComparison({ evalSetId: set.id, judgeId: j.id })).judgment!;
    await submitJudgment({ judgmentId: view.id, judgeId: j.id, body: { safety: "tie", professionalism: "tie", fluency: "tie", note: "" } });
    const [row] = await judgeSets({ judgeId: j.id, evalSetId: set.id });
    expect(row).toMatchObject({ id: set.id, judged: 1, open: 2, total: 3 });
  });
});
