// The "reward model vs experts" panel of the project dashboard: a model's agreement with the final
// rankings it never trained on (added up from RmItemAgreement rows, never rescored here), and the
// human ceiling beside it. The model is the one asked for, else the project's chosen model.
import "server-only";
import { db } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";
import { listChoosableModels } from "@/app/_lib/reward-models/choosable-models";
import type { Person } from "./get-project-dashboard";
import { type AgreementRow, humanCeiling, type HumanCeiling, type RmAgreementReport, rmAgreementReport } from "./rm-agreement";

/** InstructGPT (Ouyang et al. 2022): inter-labeler agreement 72.6 ± 1.5% on training labelers' pairwise comparisons. */
export const INSTRUCTGPT_AGREEMENT = 0.726;

export type RmDashboard = {
  models: { id: string; name: string; chosen: boolean }[];
  model: { id: string; name: string; snapshotVersion: number | null; pinned: boolean } | null;
  report: RmAgreementReport | null;
  /** FINAL items of the project, measured or not (in the training snapshot, not scored yet) */
  finalItems: number;
  ceiling: HumanCeiling;
  reference: number;
  people: Person[];
};

export async function getRmDashboard(opts: { projectId: string; rewardModelId?: string }): Promise<RmDashboard> {
  const project = await db.project.findUnique({ where: { id: opts.projectId }, select: { id: true, rewardModelId: true } });
  if (!project) throw new AppError("NOT_FOUND", `project ${opts.projectId} not found`);
  const choosable = await listChoosableModels(db, project.id);
  const modelId = opts.rewardModelId ?? project.rewardModelId;
  if (opts.rewardModelId && !choosable.some((m) => m.id === opts.rewardModelId))
    throw new AppError("NOT_FOUND", `reward model ${opts.rewardModelId} is not a READY model of project ${project.id}`);
  const model = modelId
    ? await db.rewardModel.findUnique({ where: { id: modelId }, select: { id: true, name: true, snapshotId: true } })
    : null;

  const [finalItems, finals, rows] = await Promise.all([
    db.item.count({ where: { projectId: project.id, status: "FINAL" } }),
    db.item.findMany({
      where: { projectId: project.id, status: "FINAL" },
      select: { finalRanks: true, rankings: { select: { annotatorId: true, ranks: true } } },
    }),
    model
      ? db.rmItemAgreement.findMany({
          where: { rewardModelId: model.id, item: { projectId: project.id, status: "FINAL" } },
          select: { pairs: true, agree: true, top1: true, tau: true, flags: true, pickedBy: true, annotators: true, finalizedAt: true, item: { select: { finalizedAt: true } } },
        })
      : Promise.resolve([]),
  ]);
  // a row measured against an earlier final ranking (an adjudication undone and redone) waits for its redo
  const current: AgreementRow[] = rows
    .filter((r) => r.item.finalizedAt?.getTime() === r.finalizedAt.getTime())
    .map((r) => ({ ...r, annotators: r.annotators as unknown as AgreementRow["annotators"] }));
  const report = model ? rmAgreementReport(current) : null;
  const ceiling = humanCeiling(finals);

  const ids = new Set([...ceiling.annotators.map((a) => a.annotatorId), ...(report?.sidedWith.map((s) => s.annotatorId) ?? [])]);
  const people = await db.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true, email: true } });
  const snapshot = model?.snapshotId ? await db.snapshot.findUnique({ where: { id: model.snapshotId }, select: { version: true } }) : null;

  return {
    models: choosable.map((m) => ({ id: m.id, name: m.name, chosen: m.id === project.rewardModelId })),
    model: model ? { id: model.id, name: model.name, snapshotVersion: snapshot?.version ?? null, pinned: model.snapshotId !== null } : null,
    report,
    finalItems,
    ceiling,
    reference: INSTRUCTGPT_AGREEMENT,
    people: people.sort((a, b) => a.name.localeCompare(b.name)),
  };
}
