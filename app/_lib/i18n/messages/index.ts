// Every area's messages, keyed by area name: t("annotate.submit") looks up annotate.ts.
import { adjudicate } from "./adjudicate";
import { admin } from "./admin";
import { annotate } from "./annotate";
import { auth } from "./auth";
import { common } from "./common";
import { data } from "./data";
import { errors } from "./errors";
import { evalSets } from "./eval-sets";
import { evalResults } from "./eval-results";
import { judge } from "./judge";
import { rmQuality } from "./rm-quality";
import { rewardModels } from "./reward-models";
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
  rewardModels,
  rmQuality,
  judge,
  evalResults,
  errors,
  evalSets,
  titles,
};
