import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { ExpressMiddleware } from './express-route-stack.js';

/** body-parser's default `limit` ('100kb'), which Nest's own JSON parser keeps. */
const DEFAULT_JSON_LIMIT = 100 * 1024;

interface ParserRegistrar {
  registerParserMiddleware(prefix?: string, rawBody?: boolean): void;
  getInstance(): { router: { stack: Array<{ handle: unknown }> } };
}

export type ParsedBody = { body: unknown; raw: Buffer } | { replay: Readable };

/** Nest's own parsers, as they were made. */
export interface NestParsers {
  /** Whether their `verify` stores the raw body as `req.rawBody` (Nest's `rawBody: true`). */
  readonly rawBody: boolean;
}

/**
 * The JSON and urlencoded parsers Nest installs itself (`ExpressAdapter.registerParserMiddleware`:
 * body-parser with its defaults, plus `verify` for `rawBody`), told apart from parsers the app
 * configured. When only they stand before the MCP route, a plain JSON body is read here, as they
 * would read it, without their per-request content-type, charset and stream machinery; any body
 * they might read differently (another type or charset, compressed, too large, not strict JSON)
 * is handed to them, bytes and all.
 */
export class NestBodyParsers {
  /** Nest's own parsers, with the `rawBody` option they were made with. */
  private readonly defaults = new WeakMap<object, boolean>();
  private readonly watched = new WeakSet<object>();

  /**
   * Records the parsers Nest registers with adapters of this class from now on (a wrapper around
   * `registerParserMiddleware`, which `app.init()` calls). In a testing module the adapter exists
   * only after the providers, so the class is watched, not an instance.
   */
  watch(adapterPrototype: ParserRegistrar): void {
    const register = adapterPrototype.registerParserMiddleware;
    if (typeof register !== 'function' || this.watched.has(adapterPrototype)) return;
    this.watched.add(adapterPrototype);
    const defaults = this.defaults;
    adapterPrototype.registerParserMiddleware = function (this: ParserRegistrar, prefix?: string, rawBody?: boolean) {
      const stack = this.getInstance().router.stack;
      const before = stack.length;
      register.call(this, prefix, rawBody);
      for (const layer of stack.slice(before)) if (typeof layer.handle === 'function') defaults.set(layer.handle, rawBody === true);
    };
  }

  /** How Nest made these parsers, if every one is its own and all were made alike; `undefined` otherwise. */
  madeByNest(parsers: readonly ExpressMiddleware[]): NestParsers | undefined {
    if (parsers.length === 0) return undefined;
    const rawBody = this.defaults.get(parsers[0]!);
    return rawBody !== undefined && parsers.every((parser) => this.defaults.get(parser) === rawBody) ? { rawBody } : undefined;
  }

  /**
   * Whether Nest's JSON parser would read this request's body as UTF-8 JSON of a declared length
   * within its limit, with nothing to decompress: what {@link read} reads itself.
   */
  readsPlainJson(req: IncomingMessage): boolean {
    const { headers } = req;
    if (headers['transfer-encoding'] !== undefined || headers['content-encoding'] !== undefined) return false;
    const type = headers['content-type']?.toLowerCase();
    if (type !== 'application/json' && type !== 'application/json; charset=utf-8') return false;
    const length = headers['content-length'];
    if (length === undefined || !/^[1-9][0-9]{0,8}$/.test(length)) return false;
    return Number(length) <= DEFAULT_JSON_LIMIT;
  }

  /**
   * Reads a body {@link readsPlainJson} admitted. Strict JSON (an object or array, as the parser
   * requires) comes back parsed; anything else comes back as a stream of the same bytes and
   * headers, for Nest's parsers to answer exactly as they would have. `undefined`: the client left.
   */
  read(req: IncomingMessage, done: (parsed: ParsedBody | undefined) => void): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('error', () => done(undefined));
    req.once('end', () => {
      const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      const body = parseStrictJson(raw);
      done(body === undefined ? { replay: replayOf(req, raw) } : { body, raw });
    });
  }
}

function parseStrictJson(raw: Buffer): unknown {
  // A byte-order mark, which the parser's decoder strips, takes the parser's own way too.
  if (raw[0] === 0xef) return undefined;
  const first = raw[firstNonWhitespace(raw)];
  if (first !== 0x7b /* { */ && first !== 0x5b /* [ */) return undefined;
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Where body-parser's strict check looks: past JSON's whitespace (space, tab, LF, CR). */
function firstNonWhitespace(raw: Buffer): number {
  let at = 0;
  while (at < raw.length && (raw[at] === 0x20 || raw[at] === 0x09 || raw[at] === 0x0a || raw[at] === 0x0d)) at++;
  return at;
}

/** A request-like stream of bytes already read, which body-parser reads as it would the request. */
function replayOf(req: IncomingMessage, raw: Buffer): Readable {
  return Object.assign(Readable.from([raw]), { headers: req.headers, method: req.method, url: req.url, socket: req.socket, complete: false });
}
