// Inputs of the results routes: which pair, which reward model, which export format.
import { z } from "zod";

const id = (what: string) => z.string().min(1, `must name the ${what}`).max(100);

export const requestPairSchema = z.object({ systemAId: id("first system"), systemBId: id("second system") });

export const resultsQuerySchema = z.object({
  pairId: id("pair"),
  rewardModelId: id("reward model").optional(),
});

export const exportQuerySchema = resultsQuerySchema.extend({
  format: z.enum(["csv", "json"], { message: "must be csv or json" }),
});

export const scoreRequestSchema = z.object({ pairId: id("pair"), rewardModelId: id("reward model") });
