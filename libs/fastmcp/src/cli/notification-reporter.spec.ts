import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NotificationReporter } from './notification-reporter.js';
import { TerminalStyle } from './terminal-style.js';

function stream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, isTTY, write: (chunk: string | Uint8Array) => chunks.push(String(chunk)) > 0 };
}

describe('NotificationReporter', () => {
  it('redraws one progress bar in place on a terminal and clears it when done', () => {
    const tty = stream(true);
    const reporter = new NotificationReporter(tty, {});
    reporter.progress({ progress: 1, total: 4, message: 'loading' });
    reporter.progress({ progress: 2, total: 4 });
    reporter.finish();
    assert.equal(tty.chunks[0], `\r\x1b[2K\x1b[36m[######------------------]  25% \x1b[39m1/4 loading`);
    assert.equal(tty.chunks[1], `\r\x1b[2K\x1b[36m[############------------]  50% \x1b[39m2/4`);
    assert.equal(tty.chunks.at(-1), '\r\x1b[2K');
  });

  it('writes a log line above the bar, then draws the bar again', () => {
    const tty = stream(true);
    const reporter = new NotificationReporter(tty, { NO_COLOR: '1' });
    reporter.progress({ progress: 1 });
    reporter.log({ level: 'warning', logger: 'job', data: { message: 'slow disk', data: { ms: 900 } } });
    assert.deepEqual(tty.chunks, ['\r\x1b[2K1', '\r\x1b[2K', '[warning] job: slow disk {"ms":900}\n', '1']);
  });

  it('prints one plain line per notification when stderr is not a terminal', () => {
    const pipe = stream(false);
    const reporter = new NotificationReporter(pipe, {});
    reporter.progress({ progress: 3, total: 4, message: 'almost' });
    reporter.log({ level: 'info', data: 'plain text' });
    reporter.finish();
    assert.deepEqual(pipe.chunks, ['progress 3/4 (75%) almost\n', '[info] plain text\n']);
  });
});

describe('TerminalStyle', () => {
  it('colours a terminal only, and never with NO_COLOR set or on a dumb terminal', () => {
    assert.equal(new TerminalStyle(stream(true), {}).paint('red', 'x'), '\x1b[31mx\x1b[39m');
    assert.equal(new TerminalStyle(stream(false), {}).paint('red', 'x'), 'x');
    assert.equal(new TerminalStyle(stream(true), { NO_COLOR: '1' }).paint('red', 'x'), 'x');
    assert.equal(new TerminalStyle(stream(true), { TERM: 'dumb' }).paint('red', 'x'), 'x');
  });
});
