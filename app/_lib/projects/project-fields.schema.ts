// Field schemas of a project's settings, shared by the create and update operations.
import { z } from "zod";
import { storableString } from "@/app/_lib/api/storable-text";
import { DisagreementRule, QueueOrder } from "@/app/_generated/prisma/enums";
import { ANNOTATORS_MAX, ANNOTATORS_MIN, K_MAX, K_MIN, LEASE_MAX_MINUTES, LEASE_MIN_MINUTES } from "./project-settings";

const int = (min: number, max: number) =>
  z.number({ message: "must be a number" }).int("must be a whole number").min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

export const projectFields = {
  name: storableString().trim().min(1, "must not be empty").max(120, "must be at most 120 characters"),
  description: storableString().max(2000, "must be at most 2000 characters"),
  k: int(K_MIN, K_MAX),
  annotatorsPerItem: int(ANNOTATORS_MIN, ANNOTATORS_MAX),
  allowTies: z.boolean(),
  disagreementRule: z.enum(DisagreementRule, { message: `must be one of ${Object.values(DisagreementRule).join(", ")}` }),
  kendallThreshold: z.number({ message: "must be a number" }).min(-1, "must be at least -1").max(1, "must be at most 1").nullable(),
  leaseMinutes: int(LEASE_MIN_MINUTES, LEASE_MAX_MINUTES),
  guidelines: storableString().max(50_000, "must be at most 50000 characters"),
  /** the project's chosen reward model (a READY model of this project or of none); null: none */
  rewardModelId: z.string().trim().min(1, "must not be empty").max(64, "must be at most 64 characters").nullable(),
  queueOrder: z.enum(QueueOrder, { message: `must be one of ${Object.values(QueueOrder).join(", ")}` }),
  randomShare: z.number({ message: "must be a number" }).min(0, "must be at least 0").max(1, "must be at most 1"),
  showRmAfterAdjudication: z.boolean(),
};
