import { HttpPool } from '../load/http-pool.js';
import { INITIALIZED_BODY, INITIALIZE_HEADERS, initializeBody, sessionHeaders, toolCallBodyPrefix } from '../load/mcp-wire.js';

/** The length of the `request_id` column: an attacker's longer id is stored cut to it. */
const REQUEST_ID_COLUMN = 128;

export interface SoakLoadOptions {
  origin: string;
  sessions: number;
  /** Legitimate tools/call per second. */
  rate: number;
  /** Calls per second carrying values the database refuses as they are. */
  attackRate: number;
}

/**
 * Drives a server at a fixed call rate from many 2025-era sessions, plus an attacker whose calls
 * carry an id longer than its column, NUL and a lone surrogate in the arguments. Remembers the
 * JSON-RPC id of every call the server acknowledged (answered with a result), as the database
 * should store it.
 */
export class SoakLoad {
  /** Ids of acknowledged calls, as stored (the attacker's cut to the column). */
  readonly acknowledged: string[] = [];
  failed = 0;
  private readonly pool: HttpPool;
  private readonly sessionIds: string[] = [];
  private attackerSession = '';
  private timers: NodeJS.Timeout[] = [];
  private inFlight = new Set<Promise<void>>();
  private seq = 0;
  private readonly goodPrefix = toolCallBodyPrefix('legacy', 'echo', { text: 'soak' });
  private readonly badPrefix = toolCallBodyPrefix('legacy', 'echo', { text: 'nul \u0000 and lone \ud800 surrogate' });

  constructor(private readonly options: SoakLoadOptions) {
    this.pool = new HttpPool(options.origin, 64);
  }

  async open(): Promise<void> {
    for (let i = 0; i <= this.options.sessions; i++) {
      const reply = await this.pool.request('POST', '/mcp', INITIALIZE_HEADERS, initializeBody(1));
      const sessionId = reply.headers['mcp-session-id'];
      if (reply.status !== 200 || !sessionId) throw new Error(`initialize answered ${reply.status}: ${reply.body.slice(0, 200)}`);
      await this.pool.request('POST', '/mcp', sessionHeaders(sessionId), INITIALIZED_BODY);
      if (i === this.options.sessions) this.attackerSession = sessionId;
      else this.sessionIds.push(sessionId);
    }
  }

  /** Sends calls every 10 ms at the configured rates until `stop()`. */
  start(): void {
    const tick = 10;
    let owedGood = 0;
    let owedBad = 0;
    this.timers.push(
      setInterval(() => {
        owedGood += (this.options.rate * tick) / 1000;
        owedBad += (this.options.attackRate * tick) / 1000;
        for (; owedGood >= 1; owedGood--) this.track(this.good());
        for (; owedBad >= 1; owedBad--) this.track(this.bad());
      }, tick),
    );
  }

  /** Stops sending and waits for the calls in flight. */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await Promise.allSettled([...this.inFlight]);
  }

  async close(): Promise<void> {
    await this.stop();
    await this.pool.close().catch(() => undefined);
  }

  private good(): Promise<void> {
    const seq = ++this.seq;
    const sessionId = this.sessionIds[seq % this.sessionIds.length]!;
    const id = `g${seq}`;
    return this.call(sessionId, `${this.goodPrefix}${JSON.stringify(id)}}`, id);
  }

  private bad(): Promise<void> {
    const seq = ++this.seq;
    // The sequence number first: the stored, cut id stays unique.
    const id = `b${seq}-${'A'.repeat(300)}`;
    return this.call(this.attackerSession, `${this.badPrefix}${JSON.stringify(id)}}`, id.slice(0, REQUEST_ID_COLUMN));
  }

  private async call(sessionId: string, body: string, storedId: string): Promise<void> {
    try {
      const reply = await this.pool.request('POST', '/mcp', sessionHeaders(sessionId), body);
      if (reply.status === 200 && reply.body.includes('"result"')) this.acknowledged.push(storedId);
      else this.failed++;
    } catch {
      this.failed++;
    }
  }

  private track(call: Promise<void>): void {
    this.inFlight.add(call);
    void call.finally(() => this.inFlight.delete(call));
  }
}
