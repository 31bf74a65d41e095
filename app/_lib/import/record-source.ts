import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { streamArray } from "stream-json/streamers/stream-array.js";
import { streamObject } from "stream-json/streamers/stream-object.js";
import type { FileContainer } from "./types";

/** One record as read from the file, with where it sits and how far the reader has got. */
export type RawRecord = {
  index: number;
  /** JSON Lines: 1-based line number */
  line?: number;
  /** object-map files: the record's key (its id) */
  key?: string;
  value: unknown;
  /** bytes of the file read so far (progress) */
  bytesRead: number;
  /** JSON Lines: the line is not JSON (reported as a record issue; the other lines are still read) */
  syntaxError?: string;
};

export class FileSyntaxError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
  }
}

/**
 * Streams the records of a file one at a time: JSON arrays and objects are parsed incrementally
 * (stream-json), JSON Lines line by line, so memory stays bounded whatever the file size.
 */
export async function* readRecords(path: string, container: FileContainer): AsyncGenerator<RawRecord> {
  const file = createReadStream(path);
  try {
    if (container === "lines") {
      yield* readLines(file);
      return;
    }
    const streamer = container === "array" ? streamArray.withParserAsStream() : streamObject.withParserAsStream();
    const items = file.pipe(streamer);
    // stream-json drops a parse error on the pipe's tail, not the source: forward read errors too.
    file.on("error", (err) => items.destroy(err));
    let index = 0;
    try {
      for await (const item of items as AsyncIterable<{ key: number | string; value: unknown }>) {
        yield {
          index,
          key: container === "object-map" ? String(item.key) : undefined,
          value: item.value,
          bytesRead: file.bytesRead,
        };
        index++;
      }
    } catch (err) {
      const where = index === 0 ? "before its first record" : `after record ${index - 1}`;
      throw new FileSyntaxError(`the file is not valid JSON ${where}: ${(err as Error).message}`, index);
    } finally {
      items.destroy();
    }
  } finally {
    file.destroy();
  }
}

async function* readLines(file: ReturnType<typeof createReadStream>): AsyncGenerator<RawRecord> {
  const lines = createInterface({ input: file, crlfDelay: Infinity });
  let line = 0;
  let index = 0;
  for await (const text of lines) {
    line++;
    // a UTF-8 byte-order mark on the first line is not part of the JSON
    const trimmed = (line === 1 ? text.replace(/^\uFEFF/, "") : text).trim();
    if (!trimmed) continue;
    let value: unknown;
    let syntaxError: string | undefined;
    try {
      value = JSON.parse(trimmed);
    } catch (err) {
      syntaxError = `is not valid JSON (${(err as Error).message})`;
    }
    yield { index, line, value, bytesRead: file.bytesRead, syntaxError };
    index++;
  }
}
