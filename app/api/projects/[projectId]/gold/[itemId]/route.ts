// GET    /api/projects/[projectId]/gold/[itemId] — an item's candidates and expected order (admin)
// PUT    /api/projects/[projectId]/gold/[itemId] — make it a gold item with this expected order, or change the order (admin)
// DELETE /api/projects/[projectId]/gold/[itemId] — back to ordinary work, while nobody has ranked it (admin)
import { parseJson, withRole } from "@/app/_lib/api/handler";
import { getGoldItem } from "@/app/_lib/gold/list-gold";
import { setGoldItemSchema } from "@/app/_lib/gold/set-gold-item.schema";
import { setGoldItem, unsetGoldItem } from "@/app/_lib/gold/set-gold-item";

type Params = { projectId: string; itemId: string };

export const GET = withRole<Params>(["ADMIN"], async ({ params }) => getGoldItem(params));

export const PUT = withRole<Params>(["ADMIN"], async ({ req, caller, params }) => {
  const { ranks } = await parseJson(req, setGoldItemSchema);
  return setGoldItem({ ...params, ranks, actorId: caller.id });
});

export const DELETE = withRole<Params>(["ADMIN"], async ({ caller, params }) => unsetGoldItem({ ...params, actorId: caller.id }));
