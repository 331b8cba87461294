#!/usr/bin/env node
// Runs every server scenario of the official MCP conformance suites against apps/conformance,
// at every spec version each suite offers, and writes the scenario x version table.
//
//   npm run build && npm run conformance
//
// Both suites are pinned devDependencies (npm aliases): `conformance-stable` (0.1.x, session
// era) and `conformance-next` (0.2.0-alpha, adds 2026-07-28). Their CLIs need Node >= 22, so
// they run on the pinned `node22` binary; the app runs on the Node running this script.
// Exits 1 when any scenario fails or warns. Env: CONFORMANCE_JOBS (parallel CLI runs, default
// 4), CONFORMANCE_OUT (output directory, default conformance-results/).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const node22 = join(root, 'node_modules/node22/bin/node');
const appEntry = join(root, 'dist/apps/conformance/main.js');
const outDir = resolve(root, process.env.CONFORMANCE_OUT ?? 'conformance-results');
const jobs = Math.max(1, Number(process.env.CONFORMANCE_JOBS ?? 4));
// Extension scenarios (tasks, skills) are on no spec timeline: the CLI runs them, one by one,
// at its default wire version.
const EXTENSION = 'extension';

// Scenarios each pinned suite keeps out of its default "active" suite. Their warnings are
// reported but do not fail the run (stable 0.1.16's server-sse-polling sends a 2025-03-26
// protocol header mid-session, a revision without SSE priming events); failures still do.
const PENDING = new Set(['json-schema-2020-12', 'server-sse-polling']);

// Checks whose SHOULD the server deliberately does not follow, with the reason; such a warning
// is reported and does not fail the run. Any other warning of the same scenario still does.
const DELIBERATE = new Map([
  [
    'sep-2322-ignore-unexpected-params',
    'the check pre-fills inputResponses on a first request, without requestState; the server takes ' +
      'only responses to questions its sealed state says it asked (spec basic/patterns/mrtr, server ' +
      'requirements 4-5), so it asks the question instead of completing',
  ],
]);

const suites = [
  { id: 'stable', cli: join(root, 'node_modules/conformance-stable/dist/index.js') },
  { id: 'next', cli: join(root, 'node_modules/conformance-next/dist/index.js') },
];

const stripAnsi = (text) => text.replace(/\x1B\[[0-9;]*m/g, '');

function run(command, args, { logFile } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', async (code) => {
      if (logFile) await writeFile(logFile, output);
      resolvePromise({ code, output });
    });
  });
}

/** Scenario name -> spec versions, from `list --server` ("  - name [v1,v2]"). */
async function listScenarios(suite) {
  const { code, output } = await run(node22, [suite.cli, 'list', '--server']);
  if (code !== 0) throw new Error(`${suite.id}: list failed:\n${output}`);
  const scenarios = new Map();
  for (const line of stripAnsi(output).split('\n')) {
    if (/^\S/.test(line) && scenarios.size > 0) break; // the client scenario list follows
    const match = line.match(/^\s+- (\S+)(?: \[([^\]]*)\])?$/);
    if (match) scenarios.set(match[1], match[2] ? match[2].split(',') : [EXTENSION]);
  }
  return scenarios;
}

async function freePort() {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

async function startApp(logFile) {
  if (!existsSync(appEntry)) throw new Error(`${appEntry} is missing: run \`npm run build\` first`);
  const port = await freePort();
  const child = spawn(process.execPath, [appEntry], { cwd: root, env: { ...process.env, PORT: String(port) } });
  let log = '';
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`conformance app did not start within 20s:\n${log}`)), 20_000);
    const onData = (chunk) => {
      log += chunk;
      const match = log.match(/MCP endpoint: (\S+)/);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`conformance app exited with ${code}:\n${log}`)));
  });
  return {
    url,
    async stop() {
      child.removeAllListeners('exit');
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      await writeFile(logFile, log);
    },
  };
}

/** One CLI invocation: a whole version (`--suite all --spec-version v`) or one extension scenario. */
function plan(suite, scenarios) {
  const versions = [...new Set([...scenarios.values()].flat())].sort();
  const runs = versions
    .filter((version) => version !== EXTENSION)
    .map((version) => ({ suite, version, args: ['--suite', 'all', '--spec-version', version] }));
  for (const [name, tags] of scenarios) {
    if (tags.includes(EXTENSION)) runs.push({ suite, version: EXTENSION, scenario: name, args: ['--scenario', name] });
  }
  return runs;
}

async function execute(runDef, url) {
  const dir = join(outDir, runDef.suite.id, runDef.version);
  await mkdir(dir, { recursive: true });
  const label = runDef.scenario ? `${runDef.scenario}` : 'all';
  const { output } = await run(node22, [runDef.suite.cli, 'server', '--url', url, ...runDef.args, '-o', dir], {
    logFile: join(dir, `${label}.log`),
  });
  return { ...runDef, dir, output: stripAnsi(output) };
}

async function pool(items, size, worker) {
  const results = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(size, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await worker(items[index]);
      }
    }),
  );
  return results;
}

/** Scenario -> checks, from the `server-<scenario>-<timestamp>/checks.json` files the CLI writes. */
async function readChecks(dir) {
  const byScenario = new Map();
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const match = entry.isDirectory() && entry.name.match(/^server-(.+)-\d{4}-\d{2}-\d{2}T[\d-]+Z$/);
    if (!match) continue;
    const file = join(dir, entry.name, 'checks.json');
    if (existsSync(file)) byScenario.set(match[1], JSON.parse(await readFile(file, 'utf8')));
  }
  return byScenario;
}

function verdict(allChecks) {
  const checks = allChecks.filter((check) => !(check.status === 'WARNING' && DELIBERATE.has(check.id)));
  const count = (status) => checks.filter((check) => check.status === status).length;
  const failed = count('FAILURE');
  const warned = count('WARNING');
  if (failed > 0) return { status: 'fail', failed, warned };
  if (warned > 0) return { status: 'warn', failed, warned };
  const deliberate = allChecks.length - checks.length;
  if (deliberate > 0) return { status: 'deliberate', failed, warned, deliberate };
  return { status: count('SUCCESS') > 0 ? 'pass' : 'skip', failed, warned };
}

const SYMBOL = { pass: '✅', warn: '⚠️', fail: '❌', skip: '⏭️', missing: '❌ (no result)' };

function cell(result) {
  if (!result) return '—';
  if (result.status === 'fail') return `❌ ${result.failed}${result.warned ? ` +${result.warned}⚠️` : ''}`;
  if (result.status === 'warn') return `⚠️ ${result.warned}`;
  if (result.status === 'deliberate') return `✅ (${result.deliberate} ⚠️ by design)`;
  return SYMBOL[result.status];
}

function summarySection(output) {
  const start = output.lastIndexOf('=== SUMMARY ===');
  return start >= 0 ? output.slice(start).trim() : output.trim().split('\n').slice(-15).join('\n');
}

async function main() {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const started = Date.now();
  const catalogs = await Promise.all(suites.map(async (suite) => ({ suite, scenarios: await listScenarios(suite) })));
  const app = await startApp(join(outDir, 'app.log'));
  console.log(`Conformance app at ${app.url}; ${jobs} parallel CLI runs`);
  let runs;
  try {
    runs = await pool(catalogs.flatMap(({ suite, scenarios }) => plan(suite, scenarios)), jobs, (runDef) => execute(runDef, app.url));
  } finally {
    await app.stop();
  }

  // results[scenario][column] = verdict; columns are "<suite> <version>".
  const columns = [];
  const results = new Map();
  const problems = [];
  const notes = [];
  for (const { suite, scenarios } of catalogs) {
    const suiteRuns = runs.filter((r) => r.suite === suite);
    console.log(`\n## ${suite.id} suite summaries\n`);
    for (const version of [...new Set(suiteRuns.map((r) => r.version))]) {
      const column = `${suite.id} ${version}`;
      columns.push(column);
      const versionRuns = suiteRuns.filter((r) => r.version === version);
      const checks = await readChecks(versionRuns[0].dir);
      for (const r of versionRuns) if (!r.scenario) console.log(`### ${column}\n${summarySection(r.output)}\n`);
      const expected = [...scenarios].filter(([, tags]) => tags.includes(version)).map(([name]) => name);
      for (const name of expected) {
        const scenarioChecks = checks.get(name);
        const result = scenarioChecks ? verdict(scenarioChecks) : { status: 'missing', failed: 1, warned: 0 };
        if (!results.has(name)) results.set(name, new Map());
        results.get(name).set(column, result);
        if (result.status === 'fail' || result.status === 'warn' || result.status === 'missing') {
          const bad = (scenarioChecks ?? []).filter((check) => check.status === 'FAILURE' || check.status === 'WARNING');
          (result.status === 'warn' && PENDING.has(name) ? notes : problems).push({ column, name, checks: bad });
        } else if (result.status === 'deliberate') {
          notes.push({ column, name, checks: scenarioChecks.filter((check) => DELIBERATE.has(check.id)).map((check) => ({ ...check, errorMessage: `by design: ${DELIBERATE.get(check.id)}` })) });
        }
      }
      if (version === EXTENSION) {
        console.log(`### ${column}\n${expected.map((name) => `${cell(results.get(name).get(column))} ${name}`).join('\n')}\n`);
      }
    }
  }

  const header = `| scenario | ${columns.join(' | ')} |\n|---|${columns.map(() => '---').join('|')}|`;
  const rows = [...results.keys()].sort().map((name) => `| ${name}${PENDING.has(name) ? ' (pending)' : ''} | ${columns.map((column) => cell(results.get(name).get(column))).join(' | ')} |`);
  const totals = columns.map((column) => {
    const cells = [...results.values()].map((row) => row.get(column)).filter(Boolean);
    return `${cells.filter((c) => c.status === 'pass' || c.status === 'skip' || c.status === 'deliberate').length}/${cells.length}`;
  });
  const table = [header, ...rows, `| **passing** | ${totals.join(' | ')} |`].join('\n');
  const legend = '✅ pass · ⚠️ n warnings · ✅ (n ⚠️ by design) passes, with warnings on a SHOULD the server deliberately does not follow (reasons below) · ❌ n failed checks · ⏭️ all checks skipped · — not in this version';
  console.log(`\n## Conformance results\n\n${table}\n\n${legend}`);

  const details = [...problems, ...notes].map(({ column, name, checks }) => {
    const lines = checks.length > 0 ? checks.map((c) => `- \`${c.id}\` ${c.status}: ${(c.errorMessage ?? c.description ?? '').replace(/\s+/g, ' ').slice(0, 400)}`) : ['- no checks.json (the scenario did not run to completion; see the log)'];
    return `### ${name} (${column})\n${lines.join('\n')}`;
  });
  const report = `# Conformance results\n\n${new Date().toISOString()}, ${Math.round((Date.now() - started) / 1000)}s\n\n${table}\n\n${legend}\n\n## Failing and warning checks\n\n${details.join('\n\n') || 'None.'}\n`;
  await writeFile(join(outDir, 'results.md'), report);
  console.log(`\nFull report: ${join(outDir, 'results.md')} (${Math.round((Date.now() - started) / 1000)}s)`);
  if (notes.length > 0) console.log(`Not gating (pending scenarios, or by design): ${notes.map((n) => `${n.name} (${n.column})`).join(', ')}`);
  console.log(problems.length > 0 ? `${problems.length} scenario results failing or warning` : 'All gating scenarios pass with no warnings');
  process.exitCode = problems.length > 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
