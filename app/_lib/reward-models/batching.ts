// Batches for scoring: rows of similar length together (sorted), each batch padded to its longest
// row and capped in padded tokens and rows, so memory stays bounded whatever the caller sends.
export type BatchLimits = { maxBatchTokens: number; maxBatchRows: number };

export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxBatchTokens: 8192, maxBatchRows: 32 };

/** Indices of the rows, grouped into batches; every batch's rows × width stays ≤ maxBatchTokens
 *  (a single row longer than that gets a batch of its own). */
export function planBatches(lengths: readonly number[], limits: BatchLimits): number[][] {
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[b] - lengths[a] || a - b);
  const batches: number[][] = [];
  let current: number[] = [];
  let width = 0;
  for (const i of order) {
    const nextWidth = Math.max(width, lengths[i], 1);
    if (current.length && ((current.length + 1) * nextWidth > limits.maxBatchTokens || current.length >= limits.maxBatchRows)) {
      batches.push(current);
      current = [];
      width = 0;
    }
    current.push(i);
    width = Math.max(width, lengths[i], 1);
  }
  if (current.length) batches.push(current);
  return batches;
}
