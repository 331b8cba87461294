import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { McpModule } from 'nestjs-fastmcp';
import { CliTools } from './fixtures/cli.fixture.js';
import { startApp, type RunningApp } from './support/test-app.js';

const BIN = fileURLToPath(new URL('../../libs/fastmcp/dist/cli/main.js', import.meta.url));
const STDIO_SERVER = ['--', process.execPath, fileURLToPath(new URL('../apps/stdio/main.js', import.meta.url))];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

// The tests run concurrently, but only a few processes at a time: each one starts Node (and a
// stdio test a server besides), and a crowd of them on two cores would only time out together.
const RUNNING_AT_ONCE = 4;
let running = 0;
const waiting: Array<() => void> = [];

/** Runs the built `nestjs-fastmcp` bin as a user would, without a terminal. */
function cli(...args: string[]): Promise<Run> {
  return cliWithInput(undefined, ...args);
}

async function cliWithInput(input: string | undefined, ...args: string[]): Promise<Run> {
  if (running >= RUNNING_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await new Promise((resolve) => {
      const child = execFile(process.execPath, [BIN, ...args], { timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      });
      child.stdin?.end(input);
    });
  } finally {
    running--;
    waiting.shift()?.();
  }
}

const json = (run: Run) => JSON.parse(run.stdout) as Record<string, any>;

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const TOKEN = 'Bearer s3cret';
function requireToken(req: IncomingMessage, res: ServerResponse, next: () => void) {
  if (req.headers.authorization === TOKEN) return next();
  res.statusCode = 401;
  res.end('unauthorized');
}

describe('nestjs-fastmcp command', { concurrency: true }, () => {
  let open: RunningApp;
  let guarded: RunningApp;
  let url: string;

  before(async () => {
    const metadata = { imports: [McpModule.forRoot({ name: 'cli-test', version: '1.2.3', progressIntervalMs: 0, transports: ['streamable-http', 'sse'] })], providers: [CliTools] };
    open = await startApp(metadata);
    guarded = await startApp(metadata, '/mcp', (app) => app.use(requireToken));
    url = open.mcpUrl.href;
  });

  after(async () => {
    await open.close();
    await guarded.close();
  });

  describe('inspect', { concurrency: true }, () => {
    it('prints the tools with their required and optional fields, resources, templates and prompts as tables', async () => {
      const run = await cli('inspect', url);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^cli-test 1\.2\.3 {2}protocol 2026-07-28, Streamable HTTP$/m);
      assert.match(run.stdout, /^Tools \(3\)\n {2}NAME +DESCRIPTION +REQUIRED +OPTIONAL$/m);
      assert.match(run.stdout, /^ {2}add +Add two numbers +a: number, b: number +label: string$/m);
      assert.match(run.stdout, /^ {2}refuse +Always answers with a tool error +- +-$/m);
      assert.match(run.stdout, /^ {2}config:\/\/app +app-config +application\/json +The app settings$/m);
      assert.match(run.stdout, /^ {2}users:\/\/\{id\}\/profile +user-profile +- +A user profile$/m);
      assert.match(run.stdout, /^ {2}greet +Greet someone +name +tone$/m);
    });

    it('--json prints one document with the server, the protocol revision and each list', async () => {
      const document = json(await cli('inspect', url, '--json'));
      assert.deepEqual(Object.keys(document).sort(), ['capabilities', 'prompts', 'protocolVersion', 'resourceTemplates', 'resources', 'server', 'tools']);
      assert.equal(document.server.name, 'cli-test');
      assert.equal(document.protocolVersion, '2026-07-28');
      assert.deepEqual(document.tools.map((tool: { name: string }) => tool.name), ['add', 'count', 'refuse']);
      assert.deepEqual(document.tools[0].inputSchema.required, ['a', 'b']);
      assert.equal(document.resourceTemplates[0].uriTemplate, 'users://{id}/profile');
    });

    it('--era 2025-11-25 speaks the session-based revision', async () => {
      assert.equal(json(await cli('inspect', url, '--json', '--era', '2025-11-25')).protocolVersion, '2025-11-25');
    });

    it('--sse speaks the legacy HTTP+SSE transport to the SSE endpoint', async () => {
      const run = await cli('inspect', '--sse', `${open.baseUrl}/sse`);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^cli-test 1\.2\.3 {2}protocol 2025-11-25, HTTP\+SSE$/m);
    });
  });

  describe('call', { concurrency: true }, () => {
    it('prints a text result on stdout and exits 0', async () => {
      const run = await cli('call', url, 'add', '--args', '{"a": 2, "b": 3}');
      assert.deepEqual([run.code, run.stdout], [0, 'sum=5\n']);
    });

    it('reads --arg values as JSON when they parse, as strings otherwise, over --args', async () => {
      const run = await cli('call', url, 'add', '--args', '{"a": 1, "b": 1}', '--arg', 'a=2', '-a', 'b=3', '--arg', 'label=total');
      assert.equal(run.stdout, 'total=5\n');
    });

    it('reads --args - from stdin', async () => {
      const run = await cliWithInput('{"a": 4, "b": 5}', 'call', url, 'add', '--args', '-');
      assert.deepEqual([run.code, run.stdout], [0, 'sum=9\n'], run.stderr);
    });

    it('streams progress and log notifications to stderr, keeping stdout for the result', async () => {
      const run = await cli('call', url, 'count', '--arg', 'to=3');
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, 'counted to 3\n');
      assert.match(run.stderr, /^progress 1\/3 \(33%\) step 1\nprogress 2\/3 \(67%\) step 2\nprogress 3\/3 \(100%\) step 3$/m);
      assert.match(run.stderr, /^\[info\] count: counting \{"to":3\}$/m);
      assert.match(run.stderr, /^\[warning\] count: counted$/m);
      assert.doesNotMatch(run.stderr, /details nobody asked for/);
    });

    it('--log-level sets the lowest level shown, on the 2025-11-25 revision too', async () => {
      const run = await cli('call', url, 'count', '--arg', 'to=1', '--log-level', 'debug', '--era', '2025-11-25');
      assert.match(run.stderr, /^\[debug\] count: details nobody asked for$/m);
      assert.match(run.stderr, /^progress 1\/1 \(100%\) step 1$/m);
    });

    it('exits 1 when the tool answers isError: true, with its message on stdout', async () => {
      const run = await cli('call', url, 'refuse');
      assert.deepEqual([run.code, run.stdout], [1, 'Quota exceeded for today\n']);
    });

    it('--json prints the raw result', async () => {
      const ok = await cli('call', url, 'add', '--arg', 'a=1', '--arg', 'b=1', '--json');
      assert.deepEqual(json(ok).content, [{ type: 'text', text: 'sum=2' }]);
      const refused = await cli('call', url, 'refuse', '--json');
      assert.equal(refused.code, 1);
      assert.equal(json(refused).isError, true);
    });

    it('exits 1 for arguments the schema refuses: the server answers them as a tool error', async () => {
      const run = await cli('call', url, 'add', '--arg', 'a=x', '--arg', 'b=1');
      assert.equal(run.code, 1);
      assert.notEqual(run.stdout, '');
    });

    it('exits 2 on a JSON-RPC error, with its message and code on stderr', async () => {
      const unknown = await cli('call', url, 'nope');
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /^error: .*nope.*\(JSON-RPC error -32602\)$/m);
      assert.equal(unknown.stdout, '');
    });
  });

  describe('read and prompt', { concurrency: true }, () => {
    it('read prints a text resource', async () => {
      assert.deepEqual(await cli('read', url, 'config://app'), { code: 0, stdout: '{"debug":false}\n', stderr: '' });
    });

    it('read fills a resource template, and --json prints the raw contents', async () => {
      const document = json(await cli('read', url, 'users://7/profile', '--json'));
      assert.equal(document.contents.length, 1);
      assert.deepEqual([document.contents[0].uri, document.contents[0].text], ['users://7/profile', 'Profile of 7']);
    });

    it('read exits 2 for an unknown resource', async () => {
      assert.equal((await cli('read', url, 'config://missing')).code, 2);
    });

    it('prompt prints the messages with their roles', async () => {
      const run = await cli('prompt', url, 'greet', '--arg', 'name=Ada', '--arg', 'tone=warm');
      assert.deepEqual([run.code, run.stdout], [0, 'user: Say hello to Ada in a warm tone\n']);
    });

    it('prompt exits 2 when a required argument is missing', async () => {
      assert.equal((await cli('prompt', url, 'greet')).code, 2);
    });
  });

  describe('connection failures and headers', { concurrency: true }, () => {
    it('exits 3 when nothing listens', async () => {
      const run = await cli('inspect', `http://127.0.0.1:${await closedPort()}/mcp`);
      assert.equal(run.code, 3);
      assert.match(run.stderr, /^error: cannot connect: /m);
    });

    it('exits 3 on an HTTP error while connecting (no endpoint at the path)', async () => {
      assert.equal((await cli('inspect', `${open.baseUrl}/not-mcp`)).code, 3);
    });

    it('sends --header with every request: without it the guarded server answers 401 (exit 3)', async () => {
      const refused = await cli('call', guarded.mcpUrl.href, 'add', '--arg', 'a=1', '--arg', 'b=2');
      assert.equal(refused.code, 3);
      assert.match(refused.stderr, /401/);
      for (const era of ['2026-07-28', '2025-11-25']) {
        const run = await cli('call', guarded.mcpUrl.href, 'add', '--arg', 'a=1', '--arg', 'b=2', '--header', `Authorization: ${TOKEN}`, '--era', era);
        assert.deepEqual([run.code, run.stdout], [0, 'sum=3\n'], `${era}: ${run.stderr}`);
      }
      const sse = await cli('call', '--sse', `${guarded.baseUrl}/sse`, 'add', '--arg', 'a=1', '--arg', 'b=2', '-H', `Authorization: ${TOKEN}`);
      assert.deepEqual([sse.code, sse.stdout], [0, 'sum=3\n'], `HTTP+SSE: ${sse.stderr}`);
    });
  });

  describe('usage', { concurrency: true }, () => {
    const usage = async (...args: string[]) => {
      const run = await cli(...args);
      assert.equal(run.code, 64, `${args.join(' ')}: ${run.stderr}`);
      return run.stderr;
    };

    it('exits 64 on a command line it cannot read', async () => {
      assert.match(await usage('call'), /no server/);
      assert.match(await usage('call', 'add', '--args', '{"a": 2}'), /is not a URL/);
      assert.match(await usage('call', url), /missing <tool>/);
      assert.match(await usage('call', url, 'add', '--args', '{not json'), /--args is not JSON/);
      assert.match(await usage('call', url, 'add', '--arg', 'novalue'), /not key=value/);
      assert.match(await usage('inspect', url, '--era', '2024-01-01'), /Allowed choices are 2025-11-25, 2026-07-28/);
      assert.match(await usage('inspect', url, '--bogus'), /unknown option '--bogus'/);
      assert.match(await usage('inspect', url, '--header', 'no colon'), /not "Name: value"/);
      assert.match(await usage('inspect', '--header', 'X-A: 1', ...STDIO_SERVER), /--header applies to HTTP servers/);
      assert.match(await usage('inspect', '--sse', '--era', '2026-07-28', url), /--sse speaks the 2025-11-25 revision at most/);
      assert.match(await usage('frobnicate'), /unknown command 'frobnicate'/);
    });

    it('--help documents the server forms and the exit codes', async () => {
      const top = await cli('--help');
      assert.equal(top.code, 0);
      assert.match(top.stdout, /call add --arg a=2 --arg b=3 -- node dist\/main\.js/);
      for (const code of ['0 ', '1 ', '2 ', '3 ', '64']) assert.match(top.stdout, new RegExp(`^ {2}${code} +\\S`, 'm'));
      const call = await cli('call', '--help');
      assert.match(call.stdout, /Usage: nestjs-fastmcp call \[options\] <url> <tool>\n +nestjs-fastmcp call \[options\] <tool> -- <command> \[args\.\.\.\]/);
      assert.match(call.stdout, /64 +usage error/);
    });
  });

  describe('a stdio server after --', { concurrency: true }, () => {
    it('inspect starts the child and lists its tools', async () => {
      const run = await cli('inspect', ...STDIO_SERVER);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^stdio-example 1\.0\.0 {2}protocol 2026-07-28, stdio$/m);
      assert.match(run.stdout, /^ {2}echo +Echo the text back +text: string +-$/m);
    });

    it('call prints the result and the log notifications of the child', async () => {
      const run = await cli('call', 'echo', '--arg', 'text=over stdio', ...STDIO_SERVER);
      assert.deepEqual([run.code, run.stdout], [0, 'over stdio\n'], run.stderr);
      assert.match(run.stderr, /^\[info\] echo: echoing \{"length":10\}$/m);
    });

    it('exits 2 on a JSON-RPC error from the child', async () => {
      assert.equal((await cli('call', 'nope', '--era', '2025-11-25', ...STDIO_SERVER)).code, 2);
    });

    it('exits 3 when the child fails, showing what it printed', async () => {
      const run = await cli('inspect', '--', process.execPath, '-e', 'console.error("no database"); process.exit(1)');
      assert.equal(run.code, 3);
      assert.match(run.stderr, /^error: cannot connect: /m);
      assert.match(run.stderr, /^no database$/m);
    });
  });

  describe('config', { concurrency: true }, () => {
    const header = ['--header', `Authorization: ${TOKEN}`];

    it('claude-desktop: a stdio entry that bridges to the URL with mcp-remote, headers through env', async () => {
      const run = await cli('config', 'https://api.example.com/mcp', '--client', 'claude-desktop', '--name', 'notes', ...header);
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(json(run), {
        mcpServers: {
          notes: {
            command: 'npx',
            args: ['-y', 'mcp-remote', 'https://api.example.com/mcp', '--header', 'Authorization:${MCP_HEADER_AUTHORIZATION}'],
            env: { MCP_HEADER_AUTHORIZATION: TOKEN },
          },
        },
      });
      assert.match(run.stderr, /macOS +~\/Library\/Application Support\/Claude\/claude_desktop_config\.json/);
      assert.match(run.stderr, /Windows +%APPDATA%\\Claude\\claude_desktop_config\.json/);
      assert.match(run.stderr, /mcp-remote/);
    });

    it('cursor: an mcpServers entry with the url and headers', async () => {
      const run = await cli('config', 'http://127.0.0.1:3000/mcp', '--client', 'cursor', ...header);
      assert.deepEqual(json(run), { mcpServers: { '127-0-0-1': { url: 'http://127.0.0.1:3000/mcp', headers: { Authorization: TOKEN } } } });
      assert.match(run.stderr, /project +\.cursor\/mcp\.json/);
      assert.match(run.stderr, /~\/\.cursor\/mcp\.json/);
    });

    it('vscode: a servers entry of type http', async () => {
      const run = await cli('config', 'http://127.0.0.1:3000/mcp', '--client', 'vscode', '--name', 'notes', ...header);
      assert.deepEqual(json(run), { servers: { notes: { type: 'http', url: 'http://127.0.0.1:3000/mcp', headers: { Authorization: TOKEN } } } });
      assert.match(run.stderr, /workspace +\.vscode\/mcp\.json/);
      assert.match(run.stderr, /Linux \(user profile\) +~\/\.config\/Code\/User\/mcp\.json/);
    });

    it('a stdio server becomes a command entry; --json adds the file locations', async () => {
      const document = json(await cli('config', '--client', 'vscode', '--json', '--', 'node', 'dist/main.js'));
      assert.deepEqual(document.snippet, { servers: { main: { type: 'stdio', command: 'node', args: ['dist/main.js'] } } });
      assert.deepEqual(document.files[0], { scope: 'workspace', path: '.vscode/mcp.json' });
    });

    it('exits 64 without --client', async () => {
      assert.equal((await cli('config', url)).code, 64);
    });
  });
});
