import type { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { Readable } from 'node:stream';
import type { ExpressMiddleware } from '../../internals/express-app.js';

/** body-parser's default `limit` ('100kb'), which Nest's own JSON parser keeps. */
const DEFAULT_JSON_LIMIT = 100 * 1024;

export type ParsedBody = { body: unknown; raw: Buffer } | { replay: Readable };

/** How the parsers before the MCP route read a plain JSON body, when they read it as body-parser's defaults do. */
export interface DefaultJsonReading {
  /** Whether they keep the raw bytes as `req.rawBody` (Nest's `rawBody: true`). */
  readonly rawBody: boolean;
}

/**
 * The body parsers before the MCP route, when they behave as Nest's own JSON parser does
 * (body-parser's defaults: strict, UTF-8, 100 kb, no reviver; `rawBody` kept or not). Told apart
 * by what they do, not by how they were made: {@link recognise} runs them on a few sample
 * requests. Then a plain JSON body is read here, as they would read it, without their
 * per-request content-type, charset and stream machinery; any body they might read differently
 * (another type or charset, compressed, too large, not strict JSON) is handed to them, bytes
 * and all.
 */
export class DefaultJsonParsers {
  /** How `parsers` read JSON bodies, if exactly as body-parser's defaults do; `undefined` otherwise. */
  static async recognise(parsers: readonly ExpressMiddleware[]): Promise<DefaultJsonReading | undefined> {
    if (parsers.length === 0) return undefined;
    try {
      const sample = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"t","arguments":{"when":"2020-01-01T00:00:00.000Z","n":1.5,"list":[true,null,"\\u00e9"]}}}';
      const plain = await run(parsers, sample, 'application/json');
      if (plain.error !== undefined || JSON.stringify(plain.body) !== JSON.stringify(JSON.parse(sample)) || !isPlainObject(plain.body)) return undefined;
      const rawBody = plain.rawBody !== undefined;
      if (rawBody && plain.rawBody!.toString('utf8') !== sample) return undefined;
      const charset = await run(parsers, sample, 'application/json; charset=utf-8');
      if (charset.error !== undefined || JSON.stringify(charset.body) !== JSON.stringify(plain.body)) return undefined;
      const padding = (length: number) => `{"p":"${'x'.repeat(length - 8)}"}`;
      if ((await run(parsers, padding(DEFAULT_JSON_LIMIT), 'application/json')).error !== undefined) return undefined;
      if (errorType(await run(parsers, padding(DEFAULT_JSON_LIMIT + 1), 'application/json')) !== 'entity.too.large') return undefined;
      if (errorType(await run(parsers, '"not an object"', 'application/json')) !== 'entity.parse.failed') return undefined;
      return { rawBody };
    } catch {
      return undefined;
    }
  }

  /**
   * Whether such parsers would read this request's body as UTF-8 JSON of a declared length
   * within their limit, with nothing to decompress: what {@link read} reads itself.
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
   * headers, for the parsers to answer exactly as they would have. `undefined`: the client left.
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

interface ChainOutcome {
  error?: unknown;
  body?: unknown;
  rawBody?: Buffer;
}

/** Runs the parsers on a request carrying `text`, as Express would run them. */
function run(parsers: readonly ExpressMiddleware[], text: string, contentType: string): Promise<ChainOutcome> {
  const bytes = Buffer.from(text);
  const req = Object.assign(Readable.from([bytes]), {
    headers: { 'content-type': contentType, 'content-length': String(bytes.length) },
    method: 'POST',
    url: '/mcp',
    socket: new Socket(),
    complete: false,
  }) as unknown as IncomingMessage & { body?: unknown; rawBody?: Buffer; complete: boolean };
  // As a Node request does: once its body has been read, parsers that come later see it complete.
  req.once('end', () => (req.complete = true));
  const res = {} as ServerResponse;
  return new Promise((resolve) => {
    const next = (index: number) => (error?: unknown) => {
      if (error !== undefined) return resolve({ error });
      if (index === parsers.length) return resolve({ body: req.body, rawBody: req.rawBody });
      parsers[index]!(req, res, next(index + 1));
    };
    next(0)();
  });
}

function errorType(outcome: ChainOutcome): unknown {
  return (outcome.error as { type?: unknown } | undefined)?.type;
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
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
