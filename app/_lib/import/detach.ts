/**
 * A fresh copy of a string. Strings cut out of a parsed chunk can keep the whole chunk alive
 * (V8 "sliced strings"): anything an import keeps for the whole file (the answer pool, the ids
 * seen) is copied so that memory stays bounded by what is kept, not by the file size.
 */
export function detach(s: string): string {
  return Buffer.from(s, "utf8").toString("utf8");
}
