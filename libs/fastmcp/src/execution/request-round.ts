import { createHash } from 'node:crypto';

/**
 * What one 2026-07-28 request that may ask the client questions (`tools/call`, `prompts/get`,
 * `resources/read`) is bound to, and the answers it carries from earlier rounds. State minted
 * for it names its target and a digest of its arguments, so it is refused on any other request.
 */
export class McpRound {
  private argsDigest?: string;

  constructor(
    /** The tool or prompt name, or the resource URI. */
    readonly target: string,
    private readonly args: unknown,
    /** Answers received so far: from the verified state, and this round's responses to the questions it asked. */
    readonly answers: Readonly<Record<string, unknown>>,
  ) {}

  /** SHA-256 of the arguments in canonical JSON (keys sorted): the same arguments, in any key order, give the same digest. */
  get digest(): string {
    return (this.argsDigest ??= createHash('sha256').update(canonicalJson(this.args)).digest('base64url'));
  }
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
