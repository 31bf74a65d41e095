import { expect, it } from "vitest";
import type { LaunchOptions } from "@/app/_lib/runs/launch-options";
import { blockReason, defaultProject } from "./launch-defaults";

const project = (id: string, over: Partial<LaunchOptions["projects"][number]> = {}) => ({ id, name: id, k: 4, awaitingCandidates: 0, finalItems: 0, snapshots: [], ...over });
const options = (projects: LaunchOptions["projects"]): LaunchOptions => ({ projects, rewardRuns: [], policyRuns: [], modelPaths: [], agentModels: [] });

it("preselects the project you came from, else the first that can run the kind (not the newest empty one)", () => {
  const o = options([project("empty-test"), project("ranked", { finalItems: 65 }), project("new-items", { awaitingCandidates: 6 })]);
  expect(defaultProject(o, "RM", "new-items")).toBe("new-items");
  expect(defaultProject(o, "RM", undefined)).toBe("ranked");
  expect(defaultProject(o, "SAMPLE", undefined)).toBe("new-items");
  expect(defaultProject(o, "RM", "deleted-project")).toBe("ranked");
});

it("says why a launch is impossible", () => {
  const base = { snapshotMode: "latest" as const, snapshotId: "", rewardRuns: 1 };
  expect(blockReason({ ...base, kind: "RM", project: project("p") })).toBe("noFinalRankings");
  expect(blockReason({ ...base, kind: "SAMPLE", project: project("p") })).toBe("noItemsAwaiting");
  expect(blockReason({ ...base, kind: "PPO", project: project("p", { finalItems: 3 }), rewardRuns: 0 })).toBe("noRewardRuns");
  const emptySnap = project("p", { snapshots: [{ id: "s0", version: 1, items: 0, createdAt: "" }] });
  expect(blockReason({ ...base, kind: "RM", project: emptySnap, snapshotMode: "existing", snapshotId: "s0" })).toBe("emptySnapshot");
  expect(blockReason({ ...base, kind: "RM", project: project("p", { finalItems: 65 }) })).toBeNull();
  expect(blockReason({ ...base, kind: "RM", project: undefined })).toBe("noProjects");
});
