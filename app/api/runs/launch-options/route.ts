// GET /api/runs/launch-options — projects, snapshots, finished RM/PPO runs and known model paths for the launch forms (admin)
import { withRole } from "@/app/_lib/api/handler";
import { getLaunchOptions } from "@/app/_lib/runs/launch-options";

export const GET = withRole(["ADMIN"], async () => getLaunchOptions());
