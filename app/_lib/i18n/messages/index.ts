// Every area's messages, keyed by area name: t("annotate.submit") looks up annotate.ts.
import { adjudicate } from "./adjudicate";
import { admin } from "./admin";
import { annotate } from "./annotate";
import { auth } from "./auth";
import { common } from "./common";
import { data } from "./data";
import { errors } from "./errors";
import { runs } from "./runs";
import { titles } from "./titles";

export const messages: Record<string, { zh: Record<string, string>; en: Record<string, string> }> = {
  common,
  auth,
  annotate,
  adjudicate,
  data,
  admin,
  runs,
  errors,
  titles,
};
