// POST /api/agent/claim — (agent token) take the oldest queued run of the given kinds, with a lease; {run: null} when none
import { parseJson } from "@/app/_lib/api/handler";
import { claimSchema } from "@/app/_lib/runs/agent-api.schema";
import { withAgent } from "@/app/_lib/runs/agent-auth";
import { claimRun } from "@/app/_lib/runs/claim-run";

export const POST = withAgent(async ({ req, agent }) => ({ run: await claimRun({ agent, input: await parseJson(req, claimSchema) }) }));
