// GET /api/agent/runs/[runId]/input — (agent token) the run's input JSONL (its pinned snapshot or prompts);
//   X-Content-SHA256 carries the hash pinned at launch
import { auditAgentInputDownload } from "@/app/_lib/audit-log/record-download";
import { withAgent } from "@/app/_lib/runs/agent-auth";
import { agentRunInput } from "@/app/_lib/runs/agent-run-input";

export const GET = withAgent<{ runId: string }>(async ({ agent, params }) => {
  const { content, sha256 } = await agentRunInput({ agent, runId: params.runId });
  await auditAgentInputDownload({ agent, runId: params.runId, sha256, bytes: Buffer.byteLength(content) });
  return new Response(content, {
    headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "X-Content-SHA256": sha256, "Cache-Control": "no-store" },
  });
});
