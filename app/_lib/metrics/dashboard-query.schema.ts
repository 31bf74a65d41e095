// GET /api/projects/[projectId]/dashboard query: the window of the daily chart and the
// time zone that decides where one day ends (the browser's own, by default Beijing time).
import { z } from "zod";
import { storableString } from "@/app/_lib/api/storable-text";

export const DEFAULT_TIME_ZONE = "Asia/Shanghai";

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const dashboardQuerySchema = z.object({
  days: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(180, "must be at most 180").default(14),
  timeZone: storableString().refine(isTimeZone, "must be an IANA time zone such as Asia/Shanghai").default(DEFAULT_TIME_ZONE),
});

export type DashboardQuery = z.output<typeof dashboardQuerySchema>;
