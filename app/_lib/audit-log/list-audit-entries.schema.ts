// GET /api/audit query: filters and keyset pagination (newest first; `before` = the last id seen).
import { z } from "zod";
import { storableString } from "@/app/_lib/api/storable-text";
import { isPgBigIntId } from "@/app/_lib/api/db-numbers";

const optionalText = storableString()
  .trim()
  .max(200, "must be at most 200 characters")
  .optional()
  .transform((v) => (v ? v : undefined));

export const listAuditEntriesSchema = z.object({
  /** an action ("user.create") or the start of one ("user" matches every user.* action) */
  action: optionalText,
  actorId: optionalText,
  projectId: optionalText,
  entityType: optionalText,
  entityId: optionalText,
  before: z
    .string()
    .refine(isPgBigIntId, "must be an audit entry id")
    .optional(),
  limit: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(200, "must be at most 200").default(50),
});

export type ListAuditEntriesQuery = z.output<typeof listAuditEntriesSchema>;
