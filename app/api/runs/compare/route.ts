// GET /api/runs/compare?ids=a,b,c — several runs with their configs and metric points, for one chart (admin)
import { parseSearch, withRole } from "@/app/_lib/api/handler";
import { compareRunsSchema } from "@/app/_lib/runs/list-runs.schema";
import { compareRuns } from "@/app/_lib/runs/run-metrics";

export const GET = withRole(["ADMIN"], async ({ req }) => compareRuns(parseSearch(req, compareRunsSchema)));
