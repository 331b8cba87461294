/** A fixed-size buffer that overwrites its oldest entry: bounded memory whatever the call rate. */
export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.items = new Array<T | undefined>(capacity);
  }

  push(item: T): void {
    this.items[this.next] = item;
    this.next = (this.next + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
  }

  /** Up to `limit` entries, newest first. */
  newest(limit: number): T[] {
    const out: T[] = [];
    for (let i = 1; i <= Math.min(limit, this.count); i++) out.push(this.items[(this.next - i + this.capacity) % this.capacity]!);
    return out;
  }

  get size(): number {
    return this.count;
  }
}
