import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { PEERS_DIR } from './server-catalog.js';

function installedVersion(name: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(`${PEERS_DIR}/node_modules/${name}/package.json`, 'utf8')) as { version: string }).version;
  } catch {
    return undefined;
  }
}

/**
 * The peers live in their own package (`bench/peers`) because their peer ranges clash with the
 * root tree; it is installed from its committed lockfile the first time the bench needs it, or
 * again when a pinned version changed.
 */
export function ensurePeersInstalled(log: (line: string) => void): void {
  const manifest = JSON.parse(readFileSync(`${PEERS_DIR}/package.json`, 'utf8')) as { devDependencies: Record<string, string> };
  const stale = Object.entries(manifest.devDependencies).filter(([name, version]) => installedVersion(name) !== version);
  if (stale.length === 0) return;
  log(`Installing the peer servers (npm ci --prefix bench/peers): ${stale.map(([name, version]) => `${name}@${version}`).join(', ')}`);
  // No install scripts: nothing the peers use is native, and the bench should not run any.
  const result = spawnSync('npm', ['ci', '--prefix', PEERS_DIR, '--ignore-scripts', '--no-audit', '--no-fund'], { stdio: ['ignore', 2, 2] });
  if (result.status !== 0) throw new Error(`npm ci --prefix bench/peers failed (exit ${result.status ?? result.signal})`);
}
