import { randomFillSync } from 'node:crypto';

let lastMs = 0;
let sequence = 0;
// Random bytes fetched 4 KiB at a time: one system call per 512 ids instead of one per id.
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
/** The id's time part, made once per millisecond rather than once per id. */
let prefixMs = -1;
let prefix = '';

/** The variant and random part, `vxxx-xxxxxxxxxxxx`: 64 random bits with the RFC's variant bits. */
function randomTail(): string {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const at = poolOffset;
  poolOffset += 8;
  return `${HEX[(pool[at]! & 0x3f) | 0x80]}${HEX[pool[at + 1]!]}-${HEX[pool[at + 2]!]}${HEX[pool[at + 3]!]}${HEX[pool[at + 4]!]}${HEX[pool[at + 5]!]}${HEX[pool[at + 6]!]}${HEX[pool[at + 7]!]}`;
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
  if (prefixMs !== lastMs) {
    const time = lastMs.toString(16).padStart(12, '0');
    prefix = `${time.slice(0, 8)}-${time.slice(8)}-7`;
    prefixMs = lastMs;
  }
  return `${prefix}${sequence.toString(16).padStart(3, '0')}-${randomTail()}`;
}
