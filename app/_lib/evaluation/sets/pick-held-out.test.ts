import { describe, expect, it } from "vitest";
import { pickHeldOut, type ProjectTurn } from "./pick-held-out";

const turns: ProjectTurn[] = [];
for (let d = 0; d < 20; d++) for (let t = 0; t < 3; t++) turns.push({ itemId: `i${d}-${t}`, dialogueId: `d${d}`, turnIndex: t });

describe("pickHeldOut", () => {
  it("never picks a turn of a dialogue that is in a snapshot", () => {
    const trained = new Set(["d0", "d1", "d2", "d3", "d4"]);
    const picked = pickHeldOut({ turns, trainedDialogues: trained, multiTurn: false, count: 100, seed: "s" });
    expect(picked).toHaveLength(15);
    expect(picked.some((p) => trained.has(p.dialogueId))).toBe(false);
  });

  it("keeps single-turn and multi-turn apart, one prompt per dialogue", () => {
    const single = pickHeldOut({ turns, trainedDialogues: new Set(), multiTurn: false, count: 8, seed: "s" });
    expect(single.every((p) => p.turnIndex === 0)).toBe(true);
    const multi = pickHeldOut({ turns, trainedDialogues: new Set(), multiTurn: true, count: 8, seed: "s" });
    expect(multi.every((p) => p.turnIndex > 0)).toBe(true);
    expect(new Set(multi.map((p) => p.dialogueId)).size).toBe(8);
  });

  it("draws the same set for the same seed and another for another seed", () => {
    const a = pickHeldOut({ turns, trainedDialogues: new Set(), multiTurn: true, count: 5, seed: "one" });
    const b = pickHeldOut({ turns, trainedDialogues: new Set(), multiTurn: true, count: 5, seed: "one" });
    const c = pickHeldOut({ turns, trainedDialogues: new Set(), multiTurn: true, count: 5, seed: "two" });
    expect(b).toEqual(a);
    expect(c.map((p) => p.itemId)).not.toEqual(a.map((p) => p.itemId));
  });
});
