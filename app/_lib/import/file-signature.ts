import { createReadStream } from "node:fs";
import { parser } from "stream-json";
import type { FileSignature } from "./detect-format";

type Token = { name: string; value?: unknown };

export class FileShapeError extends Error {}

/**
 * Reads just enough tokens of a file to see its layout and the keys of its first record, without
 * loading it: `[{…}, …]` → array, `{"id": {…}, …}` → object keyed by id, `{…}\n{…}` → JSON Lines.
 */
export async function readSignature(path: string): Promise<FileSignature> {
  const file = createReadStream(path);
  const tokens = file.pipe(parser.asStream({ packValues: true, streamValues: false, jsonStreaming: true }));
  const it = tokens[Symbol.asyncIterator]() as AsyncIterator<Token>;
  const next = async (): Promise<Token | null> => {
    const r = await it.next();
    return r.done ? null : r.value;
  };

  // Collects the depth-1 keys of the object being read, skipping nested values; `depth` says how
  // deep the reader already is inside it (1 = just after its startObject).
  const objectKeys = async (depth = 1): Promise<string[]> => {
    const keys: string[] = [];
    while (depth > 0) {
      const tok = await next();
      if (!tok) break;
      if (tok.name === "startObject" || tok.name === "startArray") depth++;
      else if (tok.name === "endObject" || tok.name === "endArray") depth--;
      else if (tok.name === "keyValue" && depth === 1) keys.push(String(tok.value));
    }
    return keys;
  };

  try {
    const first = await next();
    if (!first) throw new FileShapeError("the file is empty");
    if (first.name === "startArray") {
      const el = await next();
      if (!el || el.name === "endArray") throw new FileShapeError("the file holds no records (an empty list)");
      return { container: "array", recordKeys: el.name === "startObject" ? await objectKeys() : [] };
    }
    if (first.name !== "startObject") throw new FileShapeError("the file is neither a JSON list, a JSON object nor JSON Lines");
    const key = await next();
    if (!key || key.name === "endObject") throw new FileShapeError("the file holds no records (an empty object)");
    const value = await next();
    if (value?.name === "startObject") return { container: "object-map", recordKeys: await objectKeys() };
    // A record itself: the first line of a JSON Lines file (or a file holding one record).
    const rest = await objectKeys(value?.name === "startArray" ? 2 : 1);
    return { container: "lines", recordKeys: [String(key.value), ...rest] };
  } catch (err) {
    if (err instanceof FileShapeError) throw err;
    throw new FileShapeError(`the file is not valid JSON or JSON Lines at its start (${(err as Error).message})`);
  } finally {
    tokens.destroy();
    file.destroy();
  }
}
