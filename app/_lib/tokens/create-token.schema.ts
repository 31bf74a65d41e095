// POST /api/tokens body, also used by the "new token" form.
import { z } from "zod";
import { storableString } from "@/app/_lib/api/storable-text";

export const createTokenSchema = z.object({
  name: storableString().trim().min(1, "must not be empty").max(80, "must be at most 80 characters"),
});

export type CreateTokenInput = z.input<typeof createTokenSchema>;
