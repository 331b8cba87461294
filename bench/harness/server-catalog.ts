import { fileURLToPath } from 'node:url';
import type { Baseline } from './baseline.js';
import type { ServerSpec } from './server-spec.js';

/** The repository root, from `dist/bench/harness/` where this file runs. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const PEERS_DIR = `${REPO_ROOT}bench/peers`;
const COMPILED = fileURLToPath(new URL('../servers/', import.meta.url));

/**
 * V8's allocation-site pretenuring off (see the README's Operations section). The headline rows
 * run every server, ours included, with Node's defaults, as a user's app would; this flag is only
 * on the optional `ours-flag` / `ours-2026-flag` rows, which show what it buys.
 */
export const PRETENURING_OFF = ['--no-allocation-site-pretenuring'] as const;

const OURS_SCRIPT = `${COMPILED}ours/main.js`;
const SESSIONS = '2025-11-25 sessions';
const PER_REQUEST = '2026-07-28 per-request';
const FLAG_LABEL = `\`${PRETENURING_OFF.join(' ')}\``;
/** The production profile (`BenchProdAppModule`): endpoint JWT (McpJwtModule, McpAuthGuard in `guards`) and PostgreSQL audit. */
const PROD = { BENCH_PROFILE: 'prod' } as const;

/**
 * Every server the bench knows but the baseline's, in table order. Ours starts from the
 * repository's root, as the baseline's starts from its checkout's (and a rebuild that replaces
 * `dist/bench` under a running server leaves it a directory that still exists).
 */
export const SERVER_CATALOG: readonly ServerSpec[] = [
  { id: 'ours-prod', label: `nestjs-fastmcp production profile, ${SESSIONS}`, role: 'ours', script: OURS_SCRIPT, cwd: REPO_ROOT, era: 'legacy', path: '/mcp', peer: false, env: PROD, bearer: true },
  { id: 'ours-prod-2026', label: `nestjs-fastmcp production profile, ${PER_REQUEST}`, role: 'ours', script: OURS_SCRIPT, cwd: REPO_ROOT, era: '2026-07-28', path: '/mcp', peer: false, env: PROD, bearer: true },
  { id: 'ours', label: `nestjs-fastmcp, ${SESSIONS}`, role: 'ours', script: OURS_SCRIPT, cwd: REPO_ROOT, era: 'legacy', path: '/mcp', peer: false },
  { id: 'ours-2026', label: `nestjs-fastmcp, ${PER_REQUEST}`, role: 'ours', script: OURS_SCRIPT, cwd: REPO_ROOT, era: '2026-07-28', path: '/mcp', peer: false },
  {
    id: 'ours-flag',
    label: `nestjs-fastmcp, ${SESSIONS}, ${FLAG_LABEL}`,
    role: 'ours',
    script: OURS_SCRIPT,
    cwd: REPO_ROOT,
    era: 'legacy',
    path: '/mcp',
    peer: false,
    optional: true,
    nodeArgs: PRETENURING_OFF,
  },
  {
    id: 'ours-2026-flag',
    label: `nestjs-fastmcp, ${PER_REQUEST}, ${FLAG_LABEL}`,
    role: 'ours',
    script: OURS_SCRIPT,
    cwd: REPO_ROOT,
    era: '2026-07-28',
    path: '/mcp',
    peer: false,
    optional: true,
    nodeArgs: PRETENURING_OFF,
  },
  {
    id: 'ours-mount',
    label: `nestjs-fastmcp gateway, the tool on a mounted stdio child, ${SESSIONS}`,
    role: 'ours',
    script: `${COMPILED}ours/mount.main.js`,
    cwd: REPO_ROOT,
    era: 'legacy',
    path: '/mcp',
    peer: false,
    optional: true,
  },
  {
    id: 'ours-2026-mount',
    label: `nestjs-fastmcp gateway, the tool on a mounted stdio child, ${PER_REQUEST}`,
    role: 'ours',
    script: `${COMPILED}ours/mount.main.js`,
    cwd: REPO_ROOT,
    era: '2026-07-28',
    path: '/mcp',
    peer: false,
    optional: true,
  },
  { id: 'sdk', label: 'bare official SDK 2.4 (stateful)', role: 'peer', script: `${PEERS_DIR}/sdk.server.mjs`, era: 'legacy', path: '/mcp', peer: true },
  { id: 'rekog', label: '`@rekog/mcp-nest` 2.0.5 (stateful)', role: 'peer', script: `${PEERS_DIR}/rekog.server.mjs`, era: 'legacy', path: '/mcp', peer: true },
  { id: 'fastmcp', label: '`fastmcp` 4.20 (JSON responses)', role: 'peer', script: `${PEERS_DIR}/fastmcp.server.mjs`, era: 'legacy', path: '/mcp', peer: true },
  {
    id: 'sdk-2026',
    label: 'bare official SDK 2.4, 2026-07-28 per-request',
    role: 'peer',
    script: `${PEERS_DIR}/sdk-per-request.server.mjs`,
    era: '2026-07-28',
    path: '/mcp',
    peer: true,
    optional: true,
  },
  {
    id: 'nest-floor',
    label: 'Nest 12 route on Express, fixed result (Express floor)',
    role: 'ceiling',
    script: `${COMPILED}nest-floor.server.js`,
    era: 'legacy',
    path: '/mcp',
    peer: false,
    optional: true,
  },
  { id: 'ceiling', label: 'plain `node:http`, fixed result (ceiling)', role: 'ceiling', script: `${COMPILED}ceiling.server.js`, era: 'legacy', path: '/mcp', peer: false },
];

/** The rows `--baseline` adds; without it, naming them is an error. */
export const BASELINE_IDS = ['base', 'base-2026', 'base-prod', 'base-prod-2026'] as const;

/**
 * The baseline checkout's own bench server (its `ours`), with Node's defaults, started from that
 * checkout so that it runs on its own `node_modules` and its own build of the library.
 */
export function baselineSpecs(baseline: Baseline): ServerSpec[] {
  const common = { role: 'baseline', script: baseline.script, cwd: baseline.dir, path: '/mcp', peer: false } as const;
  return [
    { ...common, id: 'base', label: `nestjs-fastmcp @ ${baseline.revision} (baseline), ${SESSIONS}`, era: 'legacy' },
    { ...common, id: 'base-2026', label: `nestjs-fastmcp @ ${baseline.revision} (baseline), ${PER_REQUEST}`, era: '2026-07-28' },
    // Only when named: the baseline's bench server must know the production profile (BENCH_PROFILE=prod).
    { ...common, id: 'base-prod', label: `nestjs-fastmcp @ ${baseline.revision} (baseline) production profile, ${SESSIONS}`, era: 'legacy', env: PROD, bearer: true, optional: true },
    { ...common, id: 'base-prod-2026', label: `nestjs-fastmcp @ ${baseline.revision} (baseline) production profile, ${PER_REQUEST}`, era: '2026-07-28', env: PROD, bearer: true, optional: true },
  ];
}

/** The catalog with the baseline's rows right after ours (and before the flagged variants), when there is one. */
export function serverCatalog(baseline?: Baseline): ServerSpec[] {
  if (!baseline) return [...SERVER_CATALOG];
  const afterOurs = SERVER_CATALOG.findIndex((spec) => spec.id === 'ours-2026') + 1;
  return [...SERVER_CATALOG.slice(0, afterOurs), ...baselineSpecs(baseline), ...SERVER_CATALOG.slice(afterOurs)];
}
