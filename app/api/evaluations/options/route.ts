// GET /api/evaluations/options — projects, finished runs and agents' models for the forms (admin)
import { withRole } from "@/app/_lib/api/handler";
import { evaluationOptions } from "@/app/_lib/evaluation/systems/system-options";

export const GET = withRole(["ADMIN"], async () => evaluationOptions());
