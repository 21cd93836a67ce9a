import { findFirstCompany, purgeSessionsJob } from '../modules/iam/index.js';
import { syncJobs } from '../modules/sync/index.js';
import type { Config } from '../platform/config.js';
import { connectDemoStores, demoSellerIds, startDemoSim } from './demo-amazon.js';
import { createApp, createRuntime, type Runtime } from './runtime.js';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoCompany } from './seed.js';

/** Registers every module's jobs and their schedules on the queue. */
export async function registerJobs(rt: Runtime): Promise<void> {
  for (const job of [
    purgeSessionsJob({ db: rt.database.db, clock: rt.clock }),
    ...syncJobs(rt.services.sync, rt.notifications),
  ]) {
    rt.jobs.register(job);
    if (job.schedule) await rt.jobs.schedule(job.name, job.name, job.schedule);
  }
}

/** `yangfan start`: migrate, optionally seed the demo, serve HTTP (and process jobs unless --no-worker). */
export async function runServer(
  config: Config,
  opts: { demo: boolean; worker: boolean; demoAmazon?: boolean },
): Promise<Runtime> {
  const rt = await createRuntime(config);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  // The demo's Amazon starts first: the demo stores are created with its sellers' ids.
  const sim =
    opts.demo && opts.demoAmazon !== false
      ? await startDemoSim({
          port: Number(process.env.YANGFAN_DEMO_SIM_PORT ?? 4100),
          historyDays: Number(process.env.YANGFAN_DEMO_HISTORY_DAYS ?? 365),
          skus: Number(process.env.YANGFAN_DEMO_SKUS ?? 60),
          log,
        })
      : null;
  if (opts.demo && !(await findFirstCompany(rt.database.db))) {
    log('Creating the demo company (about 200 SKUs, 2 stores, 6 users)…');
    const t0 = Date.now();
    const sellerIds = sim ? demoSellerIds(sim) : undefined;
    await seedDemoCompany(rt, { skus: 200, ...(sellerIds ? { sellerIds } : {}) });
    log(`Demo company ready in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
  }
  await registerJobs(rt);
  if (opts.worker) await rt.jobs.startWorker();
  const company = opts.demo ? await findFirstCompany(rt.database.db) : null;
  const demoAmazon = company && sim ? await connectDemoStores(rt, company.id, sim, log) : null;
  const app = await createApp(rt);
  const address = await app.listen({ port: config.port, host: config.host });
  const url = address.replace('0.0.0.0', '127.0.0.1').replace('[::]', '127.0.0.1');
  process.stdout.write(`Yangfan listening on ${url} (database: ${rt.database.dialect}, jobs: ${rt.jobs.kind})\n`);
  process.stdout.write(`API docs: ${url}/api/docs\n`);
  if (opts.demo) {
    process.stdout.write(`Demo logins (password "${DEMO_PASSWORD}"):\n`);
    for (const [role, email] of Object.entries(DEMO_USERS)) process.stdout.write(`  ${role.padEnd(11)} ${email}\n`);
  }
  const stop = async () => {
    await app.close();
    await rt.close();
    await demoAmazon?.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return rt;
}

/** `yangfan worker`: processes jobs only; run as many as you like against the same Redis and database. */
export async function runWorker(config: Config): Promise<void> {
  const rt = await createRuntime(config);
  await registerJobs(rt);
  await rt.jobs.startWorker();
  process.stdout.write(`Yangfan worker started (jobs: ${rt.jobs.kind}, database: ${rt.database.dialect})\n`);
  const stop = async () => {
    await rt.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
