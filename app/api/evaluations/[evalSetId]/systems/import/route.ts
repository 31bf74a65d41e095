// POST /api/evaluations/[evalSetId]/systems/import?name=…&fileName=… — an IMPORTED system: answers
//   JSONL sent as the raw request body (admin); all or nothing, errors name the line
import { parseSearch, withRole } from "@/app/_lib/api/handler";
import { importAnswersSchema } from "@/app/_lib/evaluation/systems/add-system.schema";
import { importAnswers, MAX_ANSWERS_FILE_BYTES } from "@/app/_lib/evaluation/systems/import-answers";
import { saveUpload } from "@/app/_lib/import/save-upload";

export const POST = withRole<{ evalSetId: string }>(["ADMIN"], async ({ req, caller, params }) => {
  const input = parseSearch(req, importAnswersSchema);
  const upload = await saveUpload(req.body, MAX_ANSWERS_FILE_BYTES);
  try {
    return Response.json(await importAnswers({ caller, evalSetId: params.evalSetId, input, upload }), { status: 201 });
  } finally {
    await upload.remove();
  }
}, { body: "upload" });
