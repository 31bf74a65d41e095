// Every area's messages, keyed by area name: t("annotate.submit") looks up annotate.ts.
import { adjudicate } from "./adjudicate";
import { admin } from "./admin";
import { annotate } from "./annotate";
import { common } from "./common";
import { data } from "./data";
import { runs } from "./runs";

export const messages: Record<string, { zh: Record<string, string>; en: Record<string, string> }> = {
  common,
  annotate,
  adjudicate,
  data,
  admin,
  runs,
};
