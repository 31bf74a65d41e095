// The dashboard's agreement figures against values worked out by hand for a small project:
// two annotators, three items of K = 3.
//
//   item   annotator A   annotator B   Kendall tau-b
//   1      [1, 2, 3]     [1, 3, 2]     (2 concordant − 1 discordant) / 3 = 1/3
//   2      [1, 2, 3]     [3, 2, 1]     −1
//   3      [1, 1, 1]     [1, 2, 3]     undefined (A ties everything): left out of the mean
//
// mean tau = (1/3 − 1) / 2 = −1/3 (over the 2 comparisons where tau is defined, not all 3).
//
// Krippendorff's alpha, ordinal. Units are the 9 (item, candidate) cells, each with the two
// ranks given to it: (1,1) (2,3) (3,2) | (1,3) (2,2) (3,1) | (1,1) (1,2) (1,3).
// Coincidences o[c][k] (each unit adds 1 per ordered pair):
//   o11 = 4, o12 = o21 = 1, o13 = o31 = 3, o22 = 2, o23 = o32 = 2, o33 = 0
//   marginals n1 = 8, n2 = 5, n3 = 5, n = 18
// Ordinal δ²(c, k) = (Σ_{g=c..k} n_g − (n_c + n_k)/2)²:
//   δ²(1,2) = (13 − 6.5)² = 42.25, δ²(2,3) = (10 − 5)² = 25, δ²(1,3) = (18 − 6.5)² = 132.25
// D_o = (2·1·42.25 + 2·3·132.25 + 2·2·25) / 18 = 978 / 18 = 163/3
// D_e = (2·8·5·42.25 + 2·8·5·132.25 + 2·5·5·25) / (18·17) = 15210 / 306 = 845/17
// alpha = 1 − (163/3) / (845/17) = 1 − 2771/2535 = −236/2535 ≈ −0.0931
// (The interval metric would give 1 − (5/3)/(25/17) = −2/15 ≈ −0.1333.)
import { describe, expect, it } from "vitest";
import { createItems, createProject, createRanking, createUser } from "@/app/_lib/testing/factories";
import { dashboardQuerySchema } from "./dashboard-query.schema";
import { getProjectDashboard } from "./get-project-dashboard";

describe("dashboard agreement figures", () => {
  it("match the hand-computed Krippendorff alpha (ordinal), mean Kendall tau, exact and top-1 agreement", async () => {
    const project = await createProject({ k: 3 });
    const [a, b] = [await createUser({ name: "甲" }), await createUser({ name: "乙" })];
    const [i1, i2, i3] = await createItems(project.id, { count: 3 });
    const rankings: [string, number[], number[]][] = [
      [i1, [1, 2, 3], [1, 3, 2]],
      [i2, [1, 2, 3], [3, 2, 1]],
      [i3, [1, 1, 1], [1, 2, 3]],
    ];
    for (const [itemId, ranksA, ranksB] of rankings) {
      await createRanking({ itemId, annotatorId: a.id, ranks: ranksA });
      await createRanking({ itemId, annotatorId: b.id, ranks: ranksB });
    }

    const { agreement } = await getProjectDashboard({ projectId: project.id, query: dashboardQuerySchema.parse({}) });

    expect(agreement.project.items).toBe(3);
    expect(agreement.project.comparisons).toBe(3);
    expect(agreement.project.krippendorffAlpha).toBeCloseTo(-236 / 2535, 10);
    expect(agreement.project.meanKendallTau).toBeCloseTo(-1 / 3, 10);
    expect(agreement.project.exactOrder).toBe(0);
    // same best candidate only on item 1 (item 3: A ties all three for first, B has one best)
    expect(agreement.project.top1).toBeCloseTo(1 / 3, 10);
    expect(agreement.pairs).toHaveLength(1);
    expect(agreement.pairs[0]).toMatchObject({ comparisons: 3, exactOrder: 0 });
    expect(agreement.pairs[0].meanKendallTau).toBeCloseTo(-1 / 3, 10);
  });
});
