// POST /api/projects body, also used by the "new project" form. Omitted settings take the
// Zhongjing defaults: K = 4, two annotators per item, no ties, any order difference → adjudication.
import { z } from "zod";
import { projectFields } from "./project-fields.schema";
import { projectDefaults, ruleProblems } from "./project-settings";

export const createProjectSchema = z
  .object({
    name: projectFields.name,
    description: projectFields.description.default(projectDefaults.description),
    k: projectFields.k.default(projectDefaults.k),
    annotatorsPerItem: projectFields.annotatorsPerItem.default(projectDefaults.annotatorsPerItem),
    allowTies: projectFields.allowTies.default(projectDefaults.allowTies),
    disagreementRule: projectFields.disagreementRule.default(projectDefaults.disagreementRule),
    kendallThreshold: projectFields.kendallThreshold.default(projectDefaults.kendallThreshold),
    leaseMinutes: projectFields.leaseMinutes.default(projectDefaults.leaseMinutes),
    guidelines: projectFields.guidelines.default(projectDefaults.guidelines),
  })
  .strict()
  .superRefine((v, ctx) => {
    for (const p of ruleProblems(v)) ctx.addIssue({ code: "custom", path: [p.field], message: p.message });
  });

export type CreateProjectInput = z.input<typeof createProjectSchema>;
export type CreateProjectData = z.output<typeof createProjectSchema>;
