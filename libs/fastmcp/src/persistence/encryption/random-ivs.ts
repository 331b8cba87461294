import { randomBytes } from 'node:crypto';

/** IVs drawn this many at a time: one call into the random generator costs as much as the encryption it serves. */
const IVS_PER_DRAW = 1024;

/**
 * Random IVs of one length, cut from a larger random draw. Each slice is handed out once, so
 * they are as unique as separate draws (GCM's rule: never one IV twice under one key).
 */
export class RandomIvs {
  private pool = Buffer.alloc(0);
  private offset = 0;

  constructor(private readonly length: number) {}

  next(): Buffer {
    if (this.offset + this.length > this.pool.length) {
      this.pool = randomBytes(this.length * IVS_PER_DRAW);
      this.offset = 0;
    }
    const iv = this.pool.subarray(this.offset, this.offset + this.length);
    this.offset += this.length;
    return iv;
  }
}
