import { fileURLToPath } from 'node:url';
import type { ServerSpec } from './server-spec.js';

/** The repository root, from `dist/bench/harness/` where this file runs. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const PEERS_DIR = `${REPO_ROOT}bench/peers`;
const COMPILED = fileURLToPath(new URL('../servers/', import.meta.url));

/**
 * The Node flags our server is deployed with, as `npm start` runs the reference server (see the
 * README's Operations section): V8's allocation-site pretenuring off. Peers run with Node's defaults.
 */
export const OURS_NODE_ARGS = ['--no-allocation-site-pretenuring'] as const;

/** Every server the bench knows, in table order. */
export const SERVER_CATALOG: readonly ServerSpec[] = [
  { id: 'ours', label: 'nestjs-fastmcp, 2025-11-25 sessions', role: 'ours', script: `${COMPILED}ours/main.js`, era: 'legacy', path: '/mcp', peer: false, nodeArgs: OURS_NODE_ARGS },
  { id: 'ours-2026', label: 'nestjs-fastmcp, 2026-07-28 per-request', role: 'ours', script: `${COMPILED}ours/main.js`, era: '2026-07-28', path: '/mcp', peer: false, nodeArgs: OURS_NODE_ARGS },
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
