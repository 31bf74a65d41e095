// Bodies of the gold-item endpoints: the expected order of one item, and the project's gold rate.
import { z } from "zod";
import { MAX_GOLD_RATE } from "./gold-draw";

/** PUT /api/projects/[projectId]/gold/[itemId]: ranks[i] = expected rank of the candidate with canonical position i */
export const setGoldItemSchema = z.object({ ranks: z.array(z.number().int("must be whole numbers")).min(2).max(20) }).strict();

/** PUT /api/projects/[projectId]/gold: the share of served items drawn from the gold items */
export const setGoldRateSchema = z
  .object({ rate: z.number({ error: "must be a number" }).min(0, "must be at least 0").max(MAX_GOLD_RATE, `must be at most ${MAX_GOLD_RATE}`) })
  .strict();

export type SetGoldItemBody = z.output<typeof setGoldItemSchema>;
export type SetGoldRateBody = z.output<typeof setGoldRateSchema>;
