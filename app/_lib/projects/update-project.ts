// Changes a project's settings. K is locked once items exist; annotators per item once
// rankings exist (see lockedSettingProblems). Checked under a row lock so that an import
// running at the same moment cannot slip items in between the check and the write.
import "server-only";
import { audit } from "@/app/_lib/audit";
import { db } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";
import { assertChoosableRewardModel } from "../reward-models/choosable-models";
import { kickRmWork } from "../reward-models/rm-worker";
import { lockedSettingProblems, ruleProblems } from "./project-settings";
import { projectViewSelect, type ProjectView } from "./project-view";
import { projectNameConflict } from "./unique-name-error";
import type { UpdateProjectData } from "./update-project.schema";

export async function updateProject(opts: { actorId: string; projectId: string; data: UpdateProjectData }): Promise<ProjectView> {
  try {
    const updated = await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Project" WHERE id = ${opts.projectId} FOR UPDATE`;
      const current = await tx.project.findUnique({ where: { id: opts.projectId }, select: projectViewSelect });
      if (!current) throw new AppError("NOT_FOUND", `project ${opts.projectId} not found`);

      const data = opts.data;
      const disagreementRule = data.disagreementRule ?? current.disagreementRule;
      // switching away from KENDALL drops its threshold unless one is sent explicitly
      const kendallThreshold =
        data.kendallThreshold !== undefined ? data.kendallThreshold : disagreementRule === "KENDALL" ? current.kendallThreshold : null;
      const next = {
        k: data.k ?? current.k,
        annotatorsPerItem: data.annotatorsPerItem ?? current.annotatorsPerItem,
      };
      const [itemCount, rankingCount] = await Promise.all([
        tx.item.count({ where: { projectId: current.id } }),
        tx.ranking.count({ where: { item: { projectId: current.id } } }),
      ]);
      if (data.rewardModelId) await assertChoosableRewardModel(tx, { projectId: current.id, rewardModelId: data.rewardModelId });
      const problems = [
        ...ruleProblems({ disagreementRule, kendallThreshold }),
        ...lockedSettingProblems({ current, next, itemCount, rankingCount }),
      ];
      if (problems.length) {
        const conflict = problems.some((p) => p.field === "k" || p.field === "annotatorsPerItem");
        throw new AppError(conflict ? "CONFLICT" : "VALIDATION", `${problems[0].field}: ${problems[0].message}`, {
          issues: problems.map((p) => ({ path: p.field, message: p.message })),
        });
      }

      const project = await tx.project.update({
        where: { id: current.id },
        data: { ...data, disagreementRule, kendallThreshold },
        select: projectViewSelect,
      });
      type Value = string | number | boolean | null;
      const changes: Record<string, { from: Value; to: Value }> = {};
      for (const key of Object.keys(data) as (keyof UpdateProjectData)[]) {
        if (key === "guidelines") continue;
        if (current[key] !== project[key]) changes[key] = { from: current[key], to: project[key] };
      }
      if (current.kendallThreshold !== project.kendallThreshold) {
        changes.kendallThreshold = { from: current.kendallThreshold, to: project.kendallThreshold };
      }
      const guidelinesChanged = current.guidelines !== project.guidelines;
      if (Object.keys(changes).length || guidelinesChanged) {
        await audit(tx, {
          actorId: opts.actorId,
          action: "project.update",
          entityType: "Project",
          entityId: project.id,
          projectId: project.id,
          data: { changes, ...(guidelinesChanged ? { guidelinesChanged: true } : {}) },
        });
      }
      return project;
    });
    // a newly chosen model scores the project's items in the background
    if (opts.data.rewardModelId) kickRmWork();
    return updated;
  } catch (err) {
    throw projectNameConflict(err, opts.data.name);
  }
}
