import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Another checkout of this repository whose server is measured beside ours (`--baseline <dir>`). */
export interface Baseline {
  /** Absolute path of the checkout. */
  dir: string;
  /** `git rev-parse --short HEAD` of the checkout, `+uncommitted` when tracked files differ from it. */
  revision: string;
  /** Its compiled bench server, `<dir>/dist/bench/servers/ours/main.js`. */
  script: string;
}

/** A `--baseline` directory that cannot be run: the message says what to do. */
export class BaselineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BaselineError';
  }
}

/** The script a checkout's `npm run build` writes for the bench's own server. */
export const OURS_SCRIPT = 'dist/bench/servers/ours/main.js';

/**
 * The revision of a checkout: its short commit, marked when tracked files were changed since
 * (what was built may then not be that commit); the directory's name when it is not a git checkout.
 */
export function checkoutRevision(dir: string): string {
  const git = (...args: string[]) => spawnSync('git', ['-C', dir, ...args], { encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD');
  if (head.status !== 0) return `${dir} (not a git checkout)`;
  // No optional locks: a status beside other people's git commands must not take the index lock.
  const changed = git('--no-optional-locks', 'status', '--porcelain', '--untracked-files=no');
  return `${head.stdout.trim()}${changed.status === 0 && changed.stdout.trim() ? '+uncommitted' : ''}`;
}

/** Checks that `dir` holds a built checkout with its own dependencies, and names its revision. */
export function resolveBaseline(dir: string): Baseline {
  const absolute = resolve(dir);
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) throw new BaselineError(`--baseline ${dir}: no such directory`);
  const script = join(absolute, OURS_SCRIPT);
  const build = `(e.g. git worktree add ${absolute} <commit> && cd ${absolute} && npm ci && npm run build)`;
  if (!existsSync(join(absolute, 'node_modules'))) {
    throw new BaselineError(`--baseline ${dir}: no node_modules: install and build that checkout first ${build}`);
  }
  if (!existsSync(script)) throw new BaselineError(`--baseline ${dir}: no ${OURS_SCRIPT}: build that checkout first ${build}`);
  return { dir: absolute, revision: checkoutRevision(absolute), script };
}
