import { randomBytes } from "node:crypto";

let counter = 0;
// random bytes drawn 4 KiB at a time: an import makes hundreds of thousands of ids
let pool = Buffer.alloc(0);
let offset = 0;

function random6(): string {
  if (offset + 6 > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  offset += 6;
  return pool.toString("hex", offset - 6, offset);
}

/**
 * A collision-resistant id in the same spirit as Prisma's cuid() (time + counter + randomness),
 * generated here so that batched inserts can link dialogues → items → candidates without
 * reading ids back.
 */
export function newId(): string {
  counter = (counter + 1) % 1679616; // 36^4
  return "c" + Date.now().toString(36) + counter.toString(36).padStart(4, "0") + random6();
}
