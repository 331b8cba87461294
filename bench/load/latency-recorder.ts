/** Latencies of one measurement window, kept raw (a few hundred thousand doubles at most). */
export class LatencyRecorder {
  private samples = new Float64Array(1 << 16);
  private size = 0;

  record(ms: number): void {
    if (this.size === this.samples.length) {
      const grown = new Float64Array(this.samples.length * 2);
      grown.set(this.samples);
      this.samples = grown;
    }
    this.samples[this.size++] = ms;
  }

  get count(): number {
    return this.size;
  }

  /** Nearest-rank percentiles, `p` in 0..100. */
  percentiles(...ps: number[]): number[] {
    const sorted = this.samples.slice(0, this.size).sort();
    return ps.map((p) => (this.size === 0 ? NaN : sorted[Math.min(this.size - 1, Math.max(0, Math.ceil((p / 100) * this.size) - 1))]!));
  }
}
