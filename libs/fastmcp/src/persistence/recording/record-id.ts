import { randomFillSync } from 'node:crypto';

let lastMs = 0;
let sequence = 0;
// Random bytes fetched 4 KiB at a time: one system call per 512 ids instead of one per id.
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function randomTail(): string {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  pool[poolOffset] = (pool[poolOffset]! & 0x3f) | 0x80;
  const tail = pool.toString('hex', poolOffset, poolOffset + 8);
  poolOffset += 8;
  return tail;
}

/**
 * A UUIDv7 (RFC 9562): time-ordered, so rows sort by id in the order they were made, with a
 * 12-bit counter keeping that order within a millisecond. Made by the process, not the
 * database, so a retried insert carries the same id and is ignored instead of duplicated.
 */
export function recordId(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    sequence = 0;
  } else if (++sequence > 0xfff) {
    lastMs++;
    sequence = 0;
  }
  const time = lastMs.toString(16).padStart(12, '0');
  const tail = randomTail();
  return `${time.slice(0, 8)}-${time.slice(8)}-7${sequence.toString(16).padStart(3, '0')}-${tail.slice(0, 4)}-${tail.slice(4)}`;
}
