// Query of GET /api/projects/[projectId]/adjudications — paging through the queue.
import { z } from "zod";

export const adjudicationQueueQuerySchema = z.object({
  take: z.coerce.number().int().min(1).max(200).default(50),
  skip: z.coerce.number().int().min(0).default(0),
});
