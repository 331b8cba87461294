#!/usr/bin/env node
// Installs the library as a user would and runs its Quick start: builds libs/fastmcp, packs it,
// creates a fresh Nest app outside the workspace (in the OS temp folder), installs the tarball
// plus only the packages the package README's install line lists (and typescript and
// @types/node, at the versions the root package.json pins), copies the README's Quick start into
// src/main.ts, compiles it with tsc, starts it, makes one MCP `tools/call` of `add` (2 + 3) over
// HTTP with plain fetch, and checks the answer is `5`, then again with the package's installed
// `nestjs-fastmcp` command (node_modules/.bin, so its shebang, mode and dependencies). Twice: a CommonJS app (the tsconfig
// `nest new` generates: module nodenext in a package without "type") and an ES module app
// ("type": "module", the ESM template); the CommonJS app's sources are also type-checked with
// the older `module: commonjs` (node10 resolution) tsconfig, against every entry point.
//
//   node scripts/pack-install.mjs [--node <path-to-node>] [--variant cjs|esm] [--keep]
//
// --node: the Node.js that compiles and runs the apps (default: the one running this script).
// --keep: leave the apps in the temp folder. Exits 1 when any variant fails.
import { execFile, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { quickStart, quickStartDifferences } from './quick-start.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const libDir = join(root, 'libs/fastmcp');
const { values: args } = parseArgs({
  options: { node: { type: 'string' }, variant: { type: 'string', multiple: true }, keep: { type: 'boolean' } },
});
const node = resolve(args.node ?? process.execPath);
const variants = args.variant ?? ['cjs', 'esm'];
const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const libManifest = JSON.parse(readFileSync(join(libDir, 'package.json'), 'utf8'));
const PROTOCOL_VERSION = '2025-11-25';

// npm variables of a parent `npm run` (workspace, prefix, node path) must not reach the app's npm.
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));

function run(command, argv, options = {}) {
  const started = performance.now();
  const result = spawnSync(command, argv, { encoding: 'utf8', env: cleanEnv, maxBuffer: 64 << 20, timeout: 300_000, ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${argv.join(' ')} (in ${options.cwd ?? root}) failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout ?? ''}${result.stderr ?? ''}`);
  }
  return { stdout: result.stdout, seconds: (performance.now() - started) / 1000 };
}

async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

function findFile(dir, name) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      const found = findFile(path, name);
      if (found) return found;
    } else if (entry === name) return path;
  }
  return undefined;
}

/** A JSON-RPC answer from a JSON body or from the first `data:` event of an SSE body. */
async function rpcAnswer(response) {
  const text = await response.text();
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${text}`);
  if ((response.headers.get('content-type') ?? '').includes('text/event-stream')) {
    for (const event of text.split(/\r?\n\r?\n/)) {
      const data = event.split(/\r?\n/).filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trimStart()).join('\n');
      if (data) return JSON.parse(data);
    }
    throw new Error(`no data event in the SSE answer: ${text}`);
  }
  return JSON.parse(text);
}

async function callAdd(endpoint) {
  const headers = { accept: 'application/json, text/event-stream', 'content-type': 'application/json' };
  const post = (body, extra = {}) => fetch(endpoint, { method: 'POST', headers: { ...headers, ...extra }, body: JSON.stringify(body), signal: AbortSignal.timeout(15_000) });
  const init = await post({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'pack-install', version: '1.0.0' } },
  });
  const sessionId = init.headers.get('mcp-session-id');
  const initAnswer = await rpcAnswer(init);
  if (!initAnswer.result) throw new Error(`initialize failed: ${JSON.stringify(initAnswer)}`);
  if (!sessionId) throw new Error('initialize answered without an Mcp-Session-Id header');
  const session = { 'mcp-session-id': sessionId, 'mcp-protocol-version': initAnswer.result.protocolVersion };
  const initialized = await post({ jsonrpc: '2.0', method: 'notifications/initialized' }, session);
  await initialized.arrayBuffer();
  if (initialized.status !== 202) throw new Error(`notifications/initialized: HTTP ${initialized.status}`);
  const call = await rpcAnswer(await post({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'add', arguments: { a: 2, b: 3 } } }, session));
  const text = call.result?.content?.[0]?.text;
  if (call.result?.isError || text !== '5') throw new Error(`tools/call add(2, 3) answered ${JSON.stringify(call)}`);
  await fetch(endpoint, { method: 'DELETE', headers: session }).then((response) => response.arrayBuffer()).catch(() => undefined);
  return text;
}

/** Calls `add` through the command npm linked into node_modules/.bin, found on PATH as a user's shell would. */
async function callAddWithBin(appDir, endpoint) {
  const bin = join(appDir, 'node_modules/.bin/nestjs-fastmcp');
  const env = { ...cleanEnv, PATH: `${dirname(node)}${delimiter}${cleanEnv.PATH ?? ''}` };
  try {
    const { stdout } = await promisify(execFile)(bin, ['call', endpoint, 'add', '--arg', 'a=2', '--arg', 'b=3'], { cwd: appDir, env, timeout: 60_000 });
    if (stdout !== '5\n') throw new Error(`printed ${JSON.stringify(stdout)}`);
  } catch (error) {
    throw new Error(`node_modules/.bin/nestjs-fastmcp call add: ${error.message}${error.stderr ? `\n${error.stderr}` : ''}`);
  }
}

/** Starts the compiled app, waits for it to listen, calls `add` (over fetch, then with the command), stops it. */
async function boot(appDir, entry) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(node, [entry], { cwd: appDir, env: { ...cleanEnv, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' } });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = once(child, 'exit');
  try {
    const deadline = Date.now() + 60_000;
    let endpoint;
    while (!endpoint) {
      if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}) before listening:\n${output}`);
      if (Date.now() > deadline) throw new Error(`the app did not print its MCP endpoint within 60 s:\n${output}`);
      endpoint = output.match(/https?:\/\/\S+\/mcp\b/)?.[0];
      if (!endpoint) await new Promise((r) => setTimeout(r, 100));
    }
    const bootSeconds = (performance.now() - started) / 1000;
    const result = await callAdd(endpoint);
    await callAddWithBin(appDir, endpoint);
    return { bootSeconds, result, endpoint };
  } catch (error) {
    error.message += output && !error.message.includes(output) ? `\napp output:\n${output}` : '';
    throw error;
  } finally {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
  }
}

const TSCONFIG = {
  // `nest new` (11, 12): CommonJS output from module nodenext, the package having no "type".
  cjs: {
    module: 'nodenext',
    moduleResolution: 'nodenext',
    resolvePackageJsonExports: true,
    esModuleInterop: true,
    isolatedModules: true,
    declaration: true,
    removeComments: true,
    emitDecoratorMetadata: true,
    experimentalDecorators: true,
    allowSyntheticDefaultImports: true,
    target: 'ES2023',
    types: ['node'],
    sourceMap: true,
    outDir: './dist',
    skipLibCheck: true,
    strict: true,
    strictPropertyInitialization: false,
  },
  // `nest new` 12's ESM template: "type": "module", module nodenext.
  esm: {
    module: 'nodenext',
    moduleResolution: 'nodenext',
    resolvePackageJsonExports: true,
    esModuleInterop: true,
    isolatedModules: true,
    declaration: true,
    removeComments: true,
    emitDecoratorMetadata: true,
    experimentalDecorators: true,
    allowSyntheticDefaultImports: true,
    target: 'ES2023',
    sourceMap: true,
    outDir: './dist',
    rootDir: '.',
    skipLibCheck: true,
    strict: true,
    strictPropertyInitialization: false,
    types: ['node'],
  },
};
// Apps made by `nest new` up to 10: module commonjs, and so node10 resolution (no "exports").
const LEGACY_CJS = { ...TSCONFIG.cjs, module: 'commonjs', moduleResolution: 'node10', resolvePackageJsonExports: undefined, noEmit: true };

async function installAndRun(variant, tarball, corePackages, code) {
  const appDir = mkdtempSync(join(tmpdir(), `nestjs-fastmcp-${variant}-`));
  const timings = {};
  try {
    const manifest = {
      name: `nestjs-fastmcp-quick-start-${variant}`,
      version: '0.0.0',
      private: true,
      ...(variant === 'esm' ? { type: 'module' } : {}),
      devDependencies: { typescript: rootManifest.devDependencies.typescript, '@types/node': rootManifest.devDependencies['@types/node'] },
    };
    writeFileSync(join(appDir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
    writeFileSync(join(appDir, 'tsconfig.json'), JSON.stringify({ compilerOptions: TSCONFIG[variant], include: ['src/**/*.ts'] }, null, 2) + '\n');
    mkdirSync(join(appDir, 'src'));
    writeFileSync(join(appDir, 'src/main.ts'), code);
    // Every entry point's types must resolve from the app (compile-time only: `import type`).
    const subpaths = Object.keys(libManifest.exports).filter((key) => key !== '.' && key !== './package.json' && !key.includes('*'));
    writeFileSync(
      join(appDir, 'src/entry-points.ts'),
      subpaths.map((subpath, i) => `import type * as entry${i} from '${libManifest.name}/${subpath.slice(2)}';\nexport type Entry${i} = typeof entry${i};\n`).join(''),
    );

    timings.install = run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball, ...corePackages], { cwd: appDir }).seconds;
    const tsc = join(appDir, 'node_modules/typescript/bin/tsc');
    timings.compile = run(node, [tsc, '-p', 'tsconfig.json'], { cwd: appDir }).seconds;
    if (variant === 'cjs') {
      writeFileSync(join(appDir, 'tsconfig.node10.json'), JSON.stringify({ compilerOptions: LEGACY_CJS, include: ['src/**/*.ts'] }, null, 2) + '\n');
      timings.compile += run(node, [tsc, '-p', 'tsconfig.node10.json'], { cwd: appDir }).seconds;
    }
    const entry = findFile(join(appDir, 'dist'), 'main.js');
    if (!entry) throw new Error(`tsc wrote no main.js under ${appDir}/dist`);
    const { bootSeconds, result } = await boot(appDir, entry);
    timings.boot = bootSeconds;
    return { ok: true, result, timings, appDir };
  } catch (error) {
    return { ok: false, error, timings, appDir };
  } finally {
    if (!args.keep) rmSync(appDir, { recursive: true, force: true });
  }
}

async function main() {
  const nodeVersion = run(node, ['--version']).stdout.trim();
  // The three copies of the Quick start are one program.
  const differences = quickStartDifferences(root);
  if (differences.length > 0) throw new Error(differences.join('\n'));
  const code = quickStart(join(libDir, 'README.md'));

  const installLine = readFileSync(join(libDir, 'README.md'), 'utf8')
    .split('\n')
    .map((line) => line.match(/^\s*npm (?:i|install) ([^#]+)/)?.[1].trim().split(/\s+/))
    .find((words) => words?.includes(libManifest.name));
  if (!installLine) throw new Error(`libs/fastmcp/README.md has no \`npm i ${libManifest.name} ...\` line`);
  const corePackages = installLine.filter((word) => word !== libManifest.name && !word.startsWith('-'));

  const buildSeconds = run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'libs/fastmcp']).seconds;
  const packDir = mkdtempSync(join(tmpdir(), 'nestjs-fastmcp-pack-'));
  let failed = 0;
  try {
    const packed = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--loglevel=error', '--pack-destination', packDir], { cwd: libDir }).stdout)[0];
    const tarball = join(packDir, packed.filename);
    console.log(`pack-install: ${packed.filename} (${packed.entryCount} files, ${(packed.size / 1024).toFixed(0)} kB), built in ${buildSeconds.toFixed(1)} s; app on Node ${nodeVersion}; installs ${corePackages.join(' ')}`);
    for (const variant of variants) {
      if (!TSCONFIG[variant]) throw new Error(`unknown variant "${variant}" (cjs, esm)`);
      const outcome = await installAndRun(variant, tarball, corePackages, code);
      const t = outcome.timings;
      const times = `install ${t.install?.toFixed(1) ?? '-'} s, tsc ${t.compile?.toFixed(1) ?? '-'} s, boot ${t.boot?.toFixed(1) ?? '-'} s`;
      if (outcome.ok) {
        console.log(`pack-install ${variant} (Node ${nodeVersion}): ok, tools/call add(2, 3) = ${outcome.result}, also through the nestjs-fastmcp command (${times})`);
      } else {
        failed++;
        console.error(`pack-install ${variant} (Node ${nodeVersion}): FAILED (${times})${args.keep ? ` in ${outcome.appDir}` : ''}\n${outcome.error.message}`);
      }
    }
  } finally {
    rmSync(packDir, { recursive: true, force: true });
  }
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(`pack-install: ${error.message}`);
  process.exit(1);
});
