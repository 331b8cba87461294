import type { Logger } from '@nestjs/common';
import type { BatchSink } from './batch-writer.options.js';

/** What one write of a batch came to, once the records the database refused were set apart. */
export interface WriteOutcome {
  written: number;
  /** Written in the form the sink salvaged them to (counted in `written` too). */
  salvaged: number;
  rejected: number;
}

/**
 * Writes a batch; when the database refuses it for good, writes each half the same way, so a
 * bad record costs about 2·log2(batch) statements and the rest of its batch is written at once
 * (a row-by-row retry of the batch made a few bad records per second starve everyone else's).
 * A single refused record is salvaged if the sink can, else dropped. A transient error
 * propagates: the caller retries the whole batch, whose rows are keyed, so none is doubled.
 */
export async function writeIsolating<T>(sink: BatchSink<T>, items: readonly T[], logger: Logger): Promise<WriteOutcome> {
  try {
    await sink.write(items);
    return { written: items.length, salvaged: 0, rejected: 0 };
  } catch (error) {
    if (!sink.isPermanent(error)) throw error;
    if (items.length === 1) return salvage(sink, items[0]!, error, logger);
    const half = Math.ceil(items.length / 2);
    const first = await writeIsolating(sink, items.slice(0, half), logger);
    const second = await writeIsolating(sink, items.slice(half), logger);
    return { written: first.written + second.written, salvaged: first.salvaged + second.salvaged, rejected: first.rejected + second.rejected };
  }
}

async function salvage<T>(sink: BatchSink<T>, item: T, refusal: unknown, logger: Logger): Promise<WriteOutcome> {
  const salvaged = sink.salvage?.(item);
  if (salvaged !== undefined) {
    try {
      await sink.write([salvaged]);
      logger.warn(`Wrote a refused record in salvaged form: ${(refusal as Error).message}`);
      return { written: 1, salvaged: 1, rejected: 0 };
    } catch (error) {
      if (!sink.isPermanent(error)) throw error;
    }
  }
  logger.error(`Dropped a record the database refused: ${(refusal as Error).message}`);
  return { written: 0, salvaged: 0, rejected: 1 };
}
