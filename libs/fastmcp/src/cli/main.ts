#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { runCli } from './cli-program.js';

const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }, manifest.version);
// Exit only once stdout has drained: process.exit() could cut off a large result written to a pipe.
process.exitCode = code;
process.stdout.write('', () => process.exit(code));
