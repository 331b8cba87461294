import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

const SERVER = new URL('./soak-server.js', import.meta.url);
const OUTPUT_TAIL = 8_000;

/** The soak server as a child process: started, stopped with a signal, its output kept for a failure report. */
export class SoakServerProcess {
  output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly origin: string,
  ) {
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-OUTPUT_TAIL);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
  }

  static async start(env: Record<string, string>): Promise<SoakServerProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, ['--no-allocation-site-pretenuring', SERVER.pathname], {
      env: { ...process.env, ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new SoakServerProcess(child, `http://127.0.0.1:${port}`);
    const deadline = Date.now() + 30_000;
    while (!server.output.includes('soak server listening')) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`soak server did not start:\n${server.output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return server;
  }

  /** Sends `signal` and waits for the process to exit. */
  async stop(signal: NodeJS.Signals): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill(signal);
    await exited;
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}
