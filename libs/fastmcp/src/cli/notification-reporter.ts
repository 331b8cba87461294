import type { LoggingMessageNotificationParams, Progress } from '@modelcontextprotocol/client';
import { TerminalStyle, type Style, type TerminalStream } from './terminal-style.js';

const LEVEL_STYLE: Record<string, Style> = {
  debug: 'dim',
  info: 'blue',
  notice: 'cyan',
  warning: 'yellow',
  error: 'red',
  critical: 'red',
  alert: 'red',
  emergency: 'red',
};

const BAR_WIDTH = 24;

/**
 * Shows what the server says while a request runs, on stderr so stdout holds only the result:
 * log notifications as lines, progress as one bar redrawn in place on a terminal, or as one line
 * per notification when stderr is a file or a pipe (a `\r` would garble a log).
 */
export class NotificationReporter {
  private readonly style: TerminalStyle;
  private bar?: string;

  constructor(
    private readonly stream: TerminalStream,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.style = new TerminalStyle(stream, env);
  }

  log({ level, logger, data }: LoggingMessageNotificationParams): void {
    const tag = this.style.paint(LEVEL_STYLE[level] ?? 'dim', `[${level}]`);
    const source = logger ? `${this.style.paint('dim', logger)}: ` : '';
    this.writeLine(`${tag} ${source}${describeLogData(data)}`);
  }

  progress({ progress, total, message }: Progress): void {
    const counts = total !== undefined ? `${progress}/${total}` : `${progress}`;
    const suffix = message ? ` ${message}` : '';
    if (!this.stream.isTTY) {
      this.stream.write(`progress ${counts}${total ? ` (${percent(progress, total)}%)` : ''}${suffix}\n`);
      return;
    }
    const bar = total ? `[${filled(progress, total)}] ${String(percent(progress, total)).padStart(3)}% ` : '';
    this.bar = `${this.style.paint('cyan', bar)}${counts}${suffix}`;
    this.stream.write(`\r\x1b[2K${this.bar}`);
  }

  /** Removes the bar, so the next output starts on a clean line. */
  finish(): void {
    if (this.bar !== undefined) this.stream.write('\r\x1b[2K');
    this.bar = undefined;
  }

  private writeLine(line: string): void {
    if (this.bar !== undefined) this.stream.write('\r\x1b[2K');
    this.stream.write(`${line}\n`);
    if (this.bar !== undefined) this.stream.write(this.bar);
  }
}

function percent(progress: number, total: number): number {
  return Math.max(0, Math.min(100, Math.round((progress / total) * 100)));
}

function filled(progress: number, total: number): string {
  const done = Math.round((percent(progress, total) / 100) * BAR_WIDTH);
  return '#'.repeat(done) + '-'.repeat(BAR_WIDTH - done);
}

/** A log's `data` is any JSON value; servers built on this library send `{ message, data }`. */
function describeLogData(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data !== null && typeof data === 'object' && typeof (data as { message?: unknown }).message === 'string') {
    const { message, ...rest } = data as { message: string } & Record<string, unknown>;
    const extra = Object.keys(rest).length === 1 && 'data' in rest ? rest.data : Object.keys(rest).length > 0 ? rest : undefined;
    return extra === undefined ? message : `${message} ${JSON.stringify(extra)}`;
  }
  return JSON.stringify(data);
}
