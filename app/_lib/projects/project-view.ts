// What the projects API returns about a project's settings.
import type { Prisma } from "@/app/_generated/prisma/client";

export const projectViewSelect = {
  id: true,
  name: true,
  description: true,
  k: true,
  annotatorsPerItem: true,
  allowTies: true,
  disagreementRule: true,
  kendallThreshold: true,
  leaseMinutes: true,
  guidelines: true,
  rewardModelId: true,
  queueOrder: true,
  randomShare: true,
  showRmAfterAdjudication: true,
  createdAt: true,
  createdById: true,
} satisfies Prisma.ProjectSelect;

export type ProjectView = Prisma.ProjectGetPayload<{ select: typeof projectViewSelect }>;
