/** The few ANSI styles the command uses. */
const CODES = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], blue: [34, 39], magenta: [35, 39], cyan: [36, 39] } as const;

export type Style = keyof typeof CODES;

export interface TerminalStream {
  write(chunk: string | Uint8Array): boolean;
  isTTY?: boolean;
  columns?: number;
}

/**
 * Colours a stream only when a person is watching it: a TTY, without NO_COLOR (https://no-color.org:
 * any non-empty value turns colour off) and not a dumb terminal. Piped output stays plain text.
 */
export class TerminalStyle {
  readonly enabled: boolean;

  constructor(stream: TerminalStream, env: NodeJS.ProcessEnv = process.env) {
    this.enabled = stream.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb';
  }

  paint(style: Style, text: string): string {
    if (!this.enabled) return text;
    const [open, close] = CODES[style];
    return `\x1b[${open}m${text}\x1b[${close}m`;
  }
}
