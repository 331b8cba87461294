import { CliUsageError } from './cli-errors.js';

/** Where the server is: a Streamable HTTP endpoint, or a command whose stdin/stdout speak MCP. */
export type McpTarget = { kind: 'http'; url: URL } | { kind: 'stdio'; command: string; args: string[] };

/**
 * Splits the command line at the first `--`. What follows it is the server's command and is never
 * read as options of ours, so a server's own flags (`-- node server.js --port 0`) pass through.
 */
export function splitAtServerCommand(argv: readonly string[]): { own: string[]; serverCommand?: string[] } {
  const at = argv.indexOf('--');
  if (at === -1) return { own: [...argv] };
  return { own: argv.slice(0, at), serverCommand: argv.slice(at + 1) };
}

export function parseHttpUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CliUsageError(`"${text}" is not a URL: give the server's http:// or https:// URL, or its command after --`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliUsageError(`"${text}" is not an http:// or https:// URL`);
  }
  return url;
}

/**
 * Reads a command's operands against its target. With a server command after `--` the operands
 * are the command's own (`call add -- node server.js`); without one, the first operand is the URL
 * (`call http://host/mcp add`). `names` are the operands besides the target, all required.
 */
export function resolveTarget(
  operands: ReadonlyArray<string | undefined>,
  serverCommand: readonly string[] | undefined,
  names: readonly string[],
): { target: McpTarget; values: string[] } {
  const given = operands.filter((operand): operand is string => operand !== undefined);
  let target: McpTarget;
  let rest: string[];
  if (serverCommand !== undefined) {
    const [command, ...args] = serverCommand;
    if (command === undefined || command === '') throw new CliUsageError('nothing follows --: give the command that starts the server, e.g. -- node server.js');
    target = { kind: 'stdio', command, args };
    rest = given;
    if (rest.length > names.length && /^https?:\/\//.test(rest[0] ?? '')) {
      throw new CliUsageError('give either a URL or a command after --, not both');
    }
  } else {
    const [first, ...others] = given;
    if (first === undefined) throw new CliUsageError("no server: give its http:// or https:// URL, or its command after --");
    target = { kind: 'http', url: parseHttpUrl(first) };
    rest = others;
  }
  if (rest.length < names.length) throw new CliUsageError(`missing ${names.slice(rest.length).map((name) => `<${name}>`).join(' ')}`);
  if (rest.length > names.length) throw new CliUsageError(`unexpected operand "${rest[names.length]}"`);
  return { target, values: rest };
}

/** `Name: value` → [name, value]; the header syntax curl users already type. */
export function parseHeader(text: string): [string, string] {
  const colon = text.indexOf(':');
  const name = colon > 0 ? text.slice(0, colon).trim() : '';
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
    throw new CliUsageError(`--header "${text}" is not "Name: value"`);
  }
  return [name, text.slice(colon + 1).trim()];
}

export function parseHeaders(texts: readonly string[]): Record<string, string> {
  return Object.fromEntries(texts.map(parseHeader));
}
