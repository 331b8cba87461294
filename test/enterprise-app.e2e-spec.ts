import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ERAS, textOf } from './support/clients.js';
import { INITIALIZE, postJson } from './support/raw-http.js';
import { DataSource } from 'typeorm';
import { POSTGRES_URL } from './support/test-databases.js';
import { bearer } from './support/tokens.js';
import { freePort } from '../apps/scaled/cluster.js';

const script = (name: string) => fileURLToPath(new URL(`../apps/enterprise/${name}.js`, import.meta.url));

describe('apps/enterprise: the README walkthrough (start, mint a token, call)', () => {
  let child: ChildProcess;
  let env: NodeJS.ProcessEnv;
  let url: URL;
  const schema = `mcp_enterprise_${process.pid}_${Date.now()}`;
  const mint = (...args: string[]) => spawnSync(process.execPath, [script('mint-token'), ...args], { env, encoding: 'utf8' }).stdout.trim();

  before(async () => {
    const port = await freePort();
    env = { ...process.env, PORT: String(port), JWT_SECRET: 'walkthrough-secret-of-at-least-32-bytes', DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema };
    url = new URL(`http://127.0.0.1:${port}/mcp`);
    child = spawn(process.execPath, [script('main')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    // Keep draining stdout (Nest logs there) so the child never writes to a closed pipe.
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('MCP endpoint:')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`apps/enterprise exited with ${code}: ${output}`)));
    });
  });

  after(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill();
      await once(child, 'exit');
    }
    const db = await new DataSource({ type: 'postgres', url: POSTGRES_URL, poolSize: 1 }).initialize();
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.destroy();
  });

  it('refuses a request without a token, pointing at its metadata', async () => {
    const response = await postJson(url, INITIALIZE);
    assert.equal(response.status, 401);
    assert.match(response.headers.get('www-authenticate') ?? '', /resource_metadata="http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-protected-resource\/mcp"/);
  });

  for (const { era, connect } of ERAS) {
    it(`serves an employee and, with role and scope, an HR admin, ${era}`, async () => {
      const { client: employee } = await connect(url, bearer(mint('alice')));
      assert.deepEqual((await employee.listTools()).tools.map((tool) => tool.name), ['whoami', 'my_payslip']);
      assert.equal(textOf(await employee.callTool({ name: 'my_payslip', arguments: {} })), 'Payslip of alice: 4200.00 EUR net');
      await employee.close();

      const { client: admin } = await connect(url, bearer(mint('hank', 'hr-admin', 'payroll:read payroll:write')));
      assert.deepEqual(JSON.parse(textOf(await admin.callTool({ name: 'whoami', arguments: {} }))), {
        sub: 'hank',
        roles: ['hr-admin'],
        scopes: ['payroll:read', 'payroll:write'],
      });
      assert.equal(textOf(await admin.callTool({ name: 'run_payroll', arguments: { month: '2026-11' } })), 'Payroll for 2026-11 queued');
      await admin.close();
    });
  }
});
