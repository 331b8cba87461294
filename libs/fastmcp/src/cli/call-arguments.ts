import { CliUsageError } from './cli-errors.js';

/** Commander's collector for repeatable options (`--arg a=1 --arg b=2`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function splitPair(pair: string): [string, string] {
  const at = pair.indexOf('=');
  if (at <= 0) throw new CliUsageError(`--arg "${pair}" is not key=value`);
  return [pair.slice(0, at), pair.slice(at + 1)];
}

/**
 * A tool's arguments from `--args '{...}'` and repeated `--arg key=value` (which win over the
 * same key in `--args`). A value that parses as JSON is taken as JSON (`n=2` is the number 2,
 * `tags=["a"]` an array), anything else as the string it is, so `name=Ada` needs no quotes.
 */
export function toolArguments(json: string | undefined, pairs: readonly string[] = []): Record<string, unknown> {
  let base: unknown = {};
  if (json !== undefined) {
    try {
      base = JSON.parse(json);
    } catch (error) {
      throw new CliUsageError(`--args is not JSON: ${(error as Error).message}`);
    }
    if (base === null || typeof base !== 'object' || Array.isArray(base)) throw new CliUsageError('--args must be a JSON object, e.g. \'{"a": 2}\'');
  }
  const result: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const pair of pairs) {
    const [key, text] = splitPair(pair);
    result[key] = parseLoose(text);
  }
  return result;
}

/** A prompt's arguments: the protocol types them as strings, so `--arg n=2` stays "2". */
export function promptArguments(pairs: readonly string[] = []): Record<string, string> {
  return Object.fromEntries(pairs.map(splitPair));
}

function parseLoose(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
