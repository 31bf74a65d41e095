// GET /api/projects/[projectId]/gold — the gold items, their scores and the items that may become gold (admin)
// PUT /api/projects/[projectId]/gold — set the share of served items drawn from the gold items (admin)
import { parseJson, withRole } from "@/app/_lib/api/handler";
import { listGold } from "@/app/_lib/gold/list-gold";
import { setGoldRateSchema } from "@/app/_lib/gold/set-gold-item.schema";
import { setGoldRate } from "@/app/_lib/gold/set-gold-item";

type Params = { projectId: string };

export const GET = withRole<Params>(["ADMIN"], async ({ params }) => listGold({ projectId: params.projectId }));

export const PUT = withRole<Params>(["ADMIN"], async ({ req, caller, params }) =>
  setGoldRate({ projectId: params.projectId, body: await parseJson(req, setGoldRateSchema), actorId: caller.id }),
);
