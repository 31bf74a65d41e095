// Launch-form defaults from context: the project you came from (or the first one that can run this
// kind), the model an agent reports, and why a launch cannot happen yet (the button says so).
import type { LaunchOptions } from "@/app/_lib/runs/launch-options";

export type Kind = "RM" | "PPO" | "SAMPLE";
type Project = LaunchOptions["projects"][number];

/** A project this kind can run on right now. */
export function canRun(kind: Kind, p: Project): boolean {
  if (kind === "SAMPLE") return p.awaitingCandidates > 0;
  return p.finalItems > 0 || p.snapshots.some((s) => s.items > 0);
}

export function defaultProject(options: LaunchOptions, kind: Kind, fromContext: string | undefined): string {
  if (fromContext && options.projects.some((p) => p.id === fromContext)) return fromContext;
  return (options.projects.find((p) => canRun(kind, p)) ?? options.projects[0])?.id ?? "";
}

export type BlockReason = "noProjects" | "noFinalRankings" | "emptySnapshot" | "noRewardRuns" | "noItemsAwaiting";

export function blockReason(opts: {
  kind: Kind;
  project: Project | undefined;
  snapshotMode: "latest" | "existing";
  snapshotId: string;
  rewardRuns: number;
}): BlockReason | null {
  const { kind, project } = opts;
  if (!project) return "noProjects";
  if (kind === "SAMPLE") return project.awaitingCandidates === 0 ? "noItemsAwaiting" : null;
  if (kind === "PPO" && opts.rewardRuns === 0) return "noRewardRuns";
  if (opts.snapshotMode === "latest" && project.finalItems === 0) return "noFinalRankings";
  const snap = project.snapshots.find((s) => s.id === opts.snapshotId);
  if (opts.snapshotMode === "existing" && snap && snap.items === 0) return "emptySnapshot";
  return null;
}

/** How many rankings the run would train on (for the RM's scaled settings). */
export function snapshotSize(project: Project | undefined, mode: "latest" | "existing", snapshotId: string): number | null {
  if (!project) return null;
  if (mode === "latest") return project.finalItems;
  return project.snapshots.find((s) => s.id === snapshotId)?.items ?? null;
}
