// POST /api/evaluations/import?name=…&fileName=…&format=auto&multiTurn=false — a set from a file in
//   an import format, sent as the raw request body (admin); all or nothing
import { parseSearch, withRole } from "@/app/_lib/api/handler";
import { importEvalSetSchema } from "@/app/_lib/evaluation/sets/create-eval-set.schema";
import { importEvalSet } from "@/app/_lib/evaluation/sets/import-eval-set";
import { saveUpload } from "@/app/_lib/import/save-upload";

export const POST = withRole(["ADMIN"], async ({ req, caller }) => {
  const input = parseSearch(req, importEvalSetSchema);
  const upload = await saveUpload(req.body);
  try {
    return Response.json(await importEvalSet({ caller, input, upload }), { status: 201 });
  } finally {
    await upload.remove();
  }
}, { body: "upload" }); // streamed to disk under save-upload's limit
