// PUT /api/agent/runs/[runId]/reward-model/files/[name]?offset=N — (agent token) bytes of one file of
//   the announced model, appended at N (= bytes received so far), at most 64 MiB per request
import { AppError, zodToAppError } from "@/app/_lib/errors";
import { fileNameSchema, offsetSchema, receiveChunk } from "@/app/_lib/reward-models/agent-upload";
import { withAgent } from "@/app/_lib/runs/agent-auth";

export const PUT = withAgent<{ runId: string; name: string }>(async ({ req, agent, params }) => {
  const name = fileNameSchema.safeParse(decodeURIComponent(params.name));
  if (!name.success) throw zodToAppError(name.error, "file name");
  const query = offsetSchema.safeParse({ offset: req.nextUrl.searchParams.get("offset") ?? undefined });
  if (!query.success) throw new AppError("BAD_REQUEST", "send ?offset=N: the number of bytes of this file already received");
  return receiveChunk({ agent, runId: params.runId, name: name.data, offset: query.data.offset, body: req.body, contentLength: req.headers.get("content-length") });
});
