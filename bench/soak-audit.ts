/**
 * Audit soak: does every acknowledged tool call keep its audit row through load, an attacker,
 * a database outage, a SIGTERM and a kill -9? See `USAGE`; docs/audit-integrity.md explains
 * the guarantees it checks.
 */
import { parseArgs } from 'node:util';
import { soakRun, type SoakResult, type SoakRunOptions } from './soak/soak-run.js';

const USAGE = `Usage: npm run bench:soak -- [options]

Starts the soak server (echo tool, persistence on) as its own process, drives it, cuts its
database off, stops it, restarts it once to replay its spill file, and counts acknowledged
calls without an audit row. Prints one Markdown table.

  --db <list>          postgres,sqlite                                (default both)
  --rate <n>           legitimate tools/call per second               (default 2000)
  --attack-rate <n>    calls per second with an overlong id and NUL   (default 5)
  --sessions <n>       sessions sharing the legitimate calls          (default 50)
  --warmup <s>         seconds of load before the outage              (default 10)
  --outage <s>         seconds the PostgreSQL server is unreachable   (default 30)
  --after <s>          seconds of load after the outage               (default 10)
  --kill9-at <s>       kill -9 rows: seconds into the outage, or after
                       the warm-up with the database up               (default 5)
  --no-kill9           skip the kill -9 rows
  --real-stop          stop the PostgreSQL cluster (pg_ctlcluster) instead of cutting the
                       server's connections through a proxy; other users of the cluster notice
  --postgres-url <u>   default $TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test
`;

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'postgres,sqlite' },
    rate: { type: 'string', default: '2000' },
    'attack-rate': { type: 'string', default: '5' },
    sessions: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '10' },
    outage: { type: 'string', default: '30' },
    after: { type: 'string', default: '10' },
    'kill9-at': { type: 'string', default: '5' },
    'no-kill9': { type: 'boolean', default: false },
    'real-stop': { type: 'boolean', default: false },
    'postgres-url': { type: 'string', default: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const base: Omit<SoakRunOptions, 'database'> = {
  postgresUrl: values['postgres-url'],
  rate: Number(values.rate),
  attackRate: Number(values['attack-rate']),
  sessions: Number(values.sessions),
  warmupS: Number(values.warmup),
  outageS: Number(values.outage),
  afterS: Number(values.after),
  realStop: values['real-stop'],
};

const results: SoakResult[] = [];
for (const database of values.db.split(',') as Array<SoakRunOptions['database']>) {
  // The embedded database has no server to lose: its rows show load, attacker and shutdown.
  const outageS = database === 'sqlite' ? 0 : base.outageS;
  const runs: SoakRunOptions[] = [{ ...base, database, outageS }];
  if (!values['no-kill9']) {
    const kill9AtS = Number(values['kill9-at']);
    // Killed during the outage (records in the spill file), and with the database up (records in memory).
    if (outageS > 0) runs.push({ ...base, database, outageS, kill9AtS });
    runs.push({ ...base, database, outageS: 0, kill9AtS });
  }
  for (const run of runs) {
    console.error(`soak: ${database}, ${run.rate} calls/s, outage ${run.outageS} s, ${run.kill9AtS === undefined ? 'SIGTERM' : 'kill -9'} …`);
    const result = await soakRun(run);
    console.error(`      ${JSON.stringify(result)}`);
    results.push(result);
  }
}

console.log('| database | calls/s sent (acknowledged) | attacker calls/s | outage | ending | acknowledged | audit rows | lost | lost, in ms of calls |');
console.log('|---|---:|---:|---|---|---:|---:|---:|---:|');
for (const r of results) {
  const achieved = r.acknowledged / r.seconds;
  const lostMs = Math.round((r.lost / achieved) * 1000);
  console.log(
    `| ${r.database} | ${r.rate} (${Math.round(achieved)}) | ${r.attackRate} | ${r.outage} | ${r.ending} | ${r.acknowledged} | ${r.rows} | ${r.lost} | ${lostMs} |`,
  );
}
