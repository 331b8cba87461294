import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { createRequestStateCodec, ProtocolError, ProtocolErrorCode, type RequestStateCodec, type ServerContext } from '@modelcontextprotocol/server';
import { MCP_OPTIONS, type ResolvedMcpOptions } from '../options/mcp-options.js';
import { principalKey } from '../common/principal.js';
import { httpExchangeOf } from '../common/mcp-http-exchange.js';
import { McpRound } from './request-round.js';
import { UsedStateNonces } from './used-state-nonces.js';
import { INVALID_REQUEST_STATE } from '../errors/mcp.messages.js';

/** How long a minted `requestState` stays valid. */
const STATE_TTL_SECONDS = 600;

/** What a sealed `requestState` carries. */
export interface McpRoundState {
  /** Answers gathered over the earlier rounds. */
  answers: Record<string, unknown>;
  /** The keys of the questions the minting round asked: the only responses the retry may carry. */
  asked: string[];
  /** The request it was minted for (see `McpRound`). */
  target: string;
  digest: string;
  /** Makes the state single-use. */
  nonce: string;
}

/**
 * Seals the answers a 2026-07-28 handler already received into `requestState` (HMAC-SHA256),
 * because the client only echoes the latest round's responses. The spec requires integrity
 * protection for state the client carries, and recommends binding it to the principal, a short
 * expiry and the originating request (basic/patterns/mrtr, server requirements 4-5): the SDK's
 * codec binds method and principal and checks expiry before any handler runs; {@link round}
 * checks the target and arguments, and that the state was not used before.
 */
@Injectable()
export class McpRequestStateCodec {
  readonly codec: RequestStateCodec<McpRoundState>;
  private readonly used = new UsedStateNonces(STATE_TTL_SECONDS * 1000);

  constructor(@Inject(MCP_OPTIONS) options: ResolvedMcpOptions) {
    let key = options.requestStateSecret;
    if (!key) {
      key = randomBytes(32).toString('base64');
      if (options.transports.has('streamable-http')) {
        new Logger('McpModule').debug('No requestStateSecret: multi-round-trip state only verifies on this instance');
      }
    }
    this.codec = createRequestStateCodec<McpRoundState>({
      key,
      ttlSeconds: STATE_TTL_SECONDS,
      bind: (ctx: ServerContext) => `${ctx.mcpReq.method}\u0000${String(principalKey(httpExchangeOf(ctx)?.user) ?? '')}`,
    });
  }

  /**
   * The round a request is in. A request without `requestState` is a first round: responses it
   * carries answer no question this server asked, and are not taken. State minted for another
   * target or other arguments, or presented a second time, is refused like a tampered one.
   */
  round(ctx: ServerContext, target: string, args: unknown): McpRound {
    const state = ctx.mcpReq.requestState<McpRoundState>();
    if (state === undefined) return new McpRound(target, args, {});
    const round = new McpRound(target, args, {});
    if (!isRoundState(state) || state.target !== target || state.digest !== round.digest || !this.used.claim(state.nonce)) {
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, INVALID_REQUEST_STATE);
    }
    const responses = ctx.mcpReq.inputResponses ?? {};
    const answers: Record<string, unknown> = { ...state.answers };
    for (const key of state.asked) if (key in responses) answers[key] = responses[key];
    return new McpRound(target, args, answers);
  }

  /** The `requestState` of an `InputRequiredResult`: the answers so far, and the questions this round asks. */
  mint(ctx: ServerContext, round: McpRound, answers: Record<string, unknown>, asked: string[]): Promise<string> {
    return this.codec.mint({ answers, asked, target: round.target, digest: round.digest, nonce: randomUUID() }, ctx);
  }
}

function isRoundState(value: unknown): value is McpRoundState {
  const state = value as Partial<McpRoundState> | null;
  return (
    typeof state === 'object' &&
    state !== null &&
    typeof state.answers === 'object' &&
    state.answers !== null &&
    Array.isArray(state.asked) &&
    typeof state.target === 'string' &&
    typeof state.digest === 'string' &&
    typeof state.nonce === 'string'
  );
}
