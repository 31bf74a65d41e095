// The JSON shape of a reward model in the admin API (and so in the browser). Dates are ISO strings.
export type RewardModelRow = {
  id: string;
  name: string;
  status: "UPLOADING" | "READY" | "FAILED";
  source: string;
  run: { id: string; name: string } | null;
  project: { id: string; name: string } | null;
  snapshot: { id: string; version: number | null; hash: string | null } | null;
  bytes: number;
  receivedBytes: number;
  formats: string[];
  baseModel: string | null;
  pairwiseAccuracy: number | null;
  kendallTau: number | null;
  error: string | null;
  createdAt: string;
  readyAt: string | null;
};
