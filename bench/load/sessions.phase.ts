import type { ServerProcess } from '../harness/server-process.js';
import type { McpSession, McpTarget } from './mcp-target.js';

export interface SessionsOptions {
  concurrency: number;
  /** Sessions to open in the timed part. */
  count: number;
  /** The timed part stops here even if fewer sessions are open (slow servers). */
  maxMs: number;
}

export interface SessionsSample {
  opened: number;
  /** RSS growth per 1000 sessions left idle, bytes. */
  rssPer1000: number;
  /** The same for the V8 heap in use plus external memory, bytes: a cross-check of the RSS. */
  heapPer1000: number;
}

export interface HoldSample {
  /** Sessions the hold opens on top of those the earlier phases left open. */
  wanted: number;
  /** Sessions it opened. */
  held: number;
  /** All sessions open at the hold (the earlier phases' too). */
  open: number;
  /** Probe calls (spread over all held sessions) that failed after the hold. */
  probeErrors: number;
  probes: number;
  rssAtHold: number;
  rssAfterHold: number;
  /**
   * RSS added per 1,000 sessions by the hold's own sessions (after a full GC both sides), on a
   * process in service. The allocator may still have room left by earlier phases (the figure
   * can come out below zero): `heapPer1000` is the steadier measure of what sessions keep.
   */
  rssPer1000: number;
  /**
   * V8 heap added per 1,000 sessions over the whole hold (after idling, against the process
   * before the hold opened any). Not RSS: earlier phases leave the allocator holding memory.
   */
  heapPer1000: number;
  holdMs: number;
  /** Time the opening was allowed. */
  openMaxMs: number;
  firstError?: string;
}

const PROBES = 50;

/**
 * Sessions opened by `concurrency` clients doing the full handshake (`initialize`, then
 * `notifications/initialized`): on a fresh server, the RSS a counted number of idle sessions
 * adds (after a full GC on both sides); on a warm one, how many open per second. Every session
 * is left open and idle.
 */
export class SessionsPhase {
  private readonly sessions: McpSession[] = [];

  constructor(
    private readonly server: ServerProcess,
    private readonly target: McpTarget,
    private readonly options: SessionsOptions,
  ) {}

  /** Memory: a counted number of sessions on a fresh process. */
  async measure(): Promise<SessionsSample> {
    const { count, maxMs } = this.options;
    // Warm-up, as many sessions in as much time as the count: compiles the handshake path and
    // grows the young generation to its working size, which would otherwise count as session
    // memory (a quarter as many left a server that allocates little per handshake still growing
    // it: 11–16 MB "per 1,000" where a young generation at full size from the start showed 1–2).
    // These sessions stay open, before the baseline.
    await this.openUpTo(this.sessions.length + count, maxMs);
    const before = await this.server.stats(true);
    const heldBefore = this.sessions.length;
    await this.openUpTo(heldBefore + count, maxMs);
    const after = await this.server.stats(true);
    const opened = this.sessions.length - heldBefore;
    return {
      opened,
      rssPer1000: ((after.rss - before.rss) / opened) * 1000,
      heapPer1000: ((after.heap - before.heap) / opened) * 1000,
    };
  }

  /**
   * Rate: sessions opened per second by the same clients once `warmupMs` of uncounted opening
   * has passed (the handshake path compiled, as on a server in service). No handshake starts
   * after `durationMs`; those in flight are counted, and the rate is over the time until the
   * last one is done, so a server slower per handshake than the window still gets its figure.
   */
  async measureRate(warmupMs: number, durationMs: number): Promise<number> {
    const windowOpensAt = performance.now() + warmupMs;
    const windowClosesAt = windowOpensAt + durationMs;
    let counted = 0;
    let failure: { error: unknown } | undefined;
    const opener = async () => {
      while (!failure && performance.now() < windowClosesAt) {
        try {
          this.sessions.push(await this.target.openSession());
          if (performance.now() >= windowOpensAt) counted++;
        } catch (error) {
          failure ??= { error };
        }
      }
    };
    await Promise.all(Array.from({ length: this.options.concurrency }, opener));
    if (failure) throw failure.error;
    return (counted * 1000) / (performance.now() - windowOpensAt);
  }

  /**
   * Opens `wanted` more sessions on top of those already open, waits `holdMs`, then checks that
   * memory stayed put and that sessions from the first to the last still answer a `tools/call`.
   */
  async hold(wanted: number, holdMs: number, maxMs: number): Promise<HoldSample> {
    let firstError: string | undefined;
    const before = await this.server.stats(true);
    const heldBefore = this.sessions.length;
    try {
      await this.openUpTo(heldBefore + wanted, maxMs);
    } catch (error) {
      firstError = String(error);
    }
    const open = this.sessions.length;
    const atHold = await this.server.stats(true);
    await new Promise((resolve) => setTimeout(resolve, holdMs));
    const afterHold = await this.server.stats(true);
    let probeErrors = 0;
    const probes = Math.min(PROBES, open);
    for (let i = 0; i < probes; i++) {
      const session = this.sessions[Math.round((i * (open - 1)) / Math.max(1, probes - 1))];
      try {
        await this.target.callEcho(session);
      } catch (error) {
        probeErrors++;
        firstError ??= String(error);
      }
    }
    const held = open - heldBefore;
    const added = Math.max(1, held);
    return {
      wanted,
      held,
      open,
      probeErrors,
      probes,
      rssAtHold: atHold.rss,
      rssAfterHold: afterHold.rss,
      rssPer1000: ((atHold.rss - before.rss) / added) * 1000,
      heapPer1000: ((afterHold.heap - before.heap) / added) * 1000,
      holdMs,
      openMaxMs: maxMs,
      firstError,
    };
  }

  /**
   * `concurrency` clients open sessions until `total` are held or `maxMs` has passed (handshakes
   * in flight then still complete); the first failure stops them all and is thrown.
   */
  private async openUpTo(total: number, maxMs: number): Promise<void> {
    const deadline = performance.now() + maxMs;
    let inFlight = 0;
    let failure: { error: unknown } | undefined;
    const opener = async () => {
      while (!failure && this.sessions.length + inFlight < total && performance.now() < deadline) {
        inFlight++;
        try {
          this.sessions.push(await this.target.openSession());
        } catch (error) {
          failure ??= { error };
        } finally {
          inFlight--;
        }
      }
    };
    await Promise.all(Array.from({ length: this.options.concurrency }, opener));
    if (failure) throw failure.error;
  }
}
