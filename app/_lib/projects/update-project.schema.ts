// PATCH /api/projects/[projectId] body: any subset of the settings. Rules that need the
// stored values (K locked once items exist, the KENDALL threshold) are checked in updateProject.
import { z } from "zod";
import { projectFields } from "./project-fields.schema";

export const updateProjectSchema = z
  .object({
    name: projectFields.name.optional(),
    description: projectFields.description.optional(),
    k: projectFields.k.optional(),
    annotatorsPerItem: projectFields.annotatorsPerItem.optional(),
    allowTies: projectFields.allowTies.optional(),
    disagreementRule: projectFields.disagreementRule.optional(),
    kendallThreshold: projectFields.kendallThreshold.optional(),
    leaseMinutes: projectFields.leaseMinutes.optional(),
    guidelines: projectFields.guidelines.optional(),
    rewardModelId: projectFields.rewardModelId.optional(),
    queueOrder: projectFields.queueOrder.optional(),
    randomShare: projectFields.randomShare.optional(),
    showRmAfterAdjudication: projectFields.showRmAfterAdjudication.optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "nothing to change" });

export type UpdateProjectInput = z.input<typeof updateProjectSchema>;
export type UpdateProjectData = z.output<typeof updateProjectSchema>;
