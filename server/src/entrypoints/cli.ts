import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Command, Option } from 'commander';
import { loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/db/database.js';
import { createMigrator } from '../platform/db/migrate.js';
import { AppError } from '../platform/errors.js';
import { cliAddStore, cliAddUser, cliExportCatalog, cliImportCatalog, withRuntime } from './cli-commands.js';
import { cliImportReport, cliSync, cliTestStore } from './cli-sync-commands.js';
import { runServer, runWorker } from './server.js';

/** Prints a clear message and exits non-zero: the CLI's one error path. */
function fail(e: unknown): never {
  const msg = e instanceof AppError ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e);
  process.stderr.write(`yangfan: ${msg}\n`);
  process.exit(e instanceof AppError && e.code === 'INVALID_CONFIG' ? 78 : 1);
}

const program = new Command();
program
  .name('yangfan')
  .description('Yangfan (扬帆) — open-source ERP for Amazon sellers')
  .version('0.1.0')
  .showHelpAfterError();

program
  .command('start')
  .description('start the HTTP server (and in-process jobs); migrates the database first')
  .option('--port <port>', 'port (overrides YANGFAN_PORT)')
  .option('--host <host>', 'interface to listen on')
  .option('--demo', 'on an empty database, create the demo company and print its logins')
  .option('--no-worker', 'do not process jobs in this process (use `yangfan worker` elsewhere)')
  .option('--no-demo-amazon', 'with --demo: do not start the Amazon simulator and connect the demo stores to it')
  .action(async (o: { port?: string; host?: string; demo?: boolean; worker: boolean; demoAmazon: boolean }) => {
    const config = loadConfig(process.env, {
      ...(o.port ? { port: Number(o.port) } : {}),
      ...(o.host ? { host: o.host } : {}),
    });
    await runServer(config, { demo: o.demo === true, worker: o.worker, demoAmazon: o.demoAmazon });
  });

program
  .command('worker')
  .description('process background jobs (BullMQ on REDIS_URL when set, else the in-process queue)')
  .action(async () => runWorker(loadConfig()));

const db = program.command('db').description('database maintenance');
db.command('migrate')
  .description('apply pending migrations')
  .option('--status', 'only list migrations and whether they are applied')
  .action(async (o: { status?: boolean }) => {
    const config = loadConfig();
    const database = openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
    try {
      const migrator = await createMigrator(database.db);
      if (!o.status) {
        const { error, results } = await migrator.migrateToLatest();
        for (const r of results ?? [])
          process.stdout.write(`${r.status === 'Success' ? 'applied' : r.status}: ${r.migrationName}\n`);
        if (error) throw error;
      }
      for (const m of await migrator.getMigrations()) process.stdout.write(`${m.executedAt ? '✓' : '·'} ${m.name}\n`);
      process.stdout.write(`database: ${database.dialect}\n`);
    } finally {
      await database.close();
    }
  });

const user = program.command('user').description('users');
user
  .command('add')
  .description('add a user (creates the company on an empty database)')
  .requiredOption('--email <email>', 'sign-in email')
  .requiredOption('--name <name>', 'display name')
  .option('--password <password>', 'password (at least 10 characters); read from YANGFAN_PASSWORD when omitted')
  .option(
    '--role <role>',
    'role name: Administrator, Operator, Buyer, Finance, Viewer, or one you created',
    'Administrator',
  )
  .option('--company <name>', 'company name when creating the first company', 'My company')
  .option('--currency <code>', 'base currency of a new company', 'CNY')
  .addOption(new Option('--locale <locale>', 'UI language').choices(['zh-CN', 'en']).default('zh-CN'))
  .action(async (o) => withRuntime((rt) => cliAddUser(rt, o)));

const store = program.command('store').description('stores (Amazon seller accounts)');
store
  .command('add')
  .description('connect a store: a seller account in one region with its marketplaces')
  .requiredOption('--name <name>', 'store name')
  .addOption(
    new Option('--region <region>', 'Amazon region')
      .choices(['na', 'eu', 'fe', 'NA', 'EU', 'FE'])
      .makeOptionMandatory(),
  )
  .requiredOption('--seller-id <id>', 'Amazon seller (merchant) id')
  .requiredOption('--marketplaces <ids>', 'marketplace ids or country codes, comma-separated (e.g. US,CA)')
  .option('--client-id <id>', 'LWA client id')
  .option('--client-secret <secret>', 'LWA client secret')
  .option('--refresh-token <token>', 'LWA refresh token')
  .option('--spapi-endpoint <url>', 'SP-API base URL override (e.g. amazon-sim)')
  .option('--lwa-endpoint <url>', 'LWA token URL override')
  .option('--ads-endpoint <url>', 'Ads API base URL override')
  .option('--queue-url <url>', 'notification queue URL')
  .action(async (o) => withRuntime((rt) => cliAddStore(rt, o)));

store
  .command('test')
  .description("test a store's Amazon connection (sellers/marketplaceParticipations)")
  .argument('<store>', 'store name or id')
  .action(async (name: string) => {
    if (!(await withRuntime((rt) => cliTestStore(rt, name)))) process.exitCode = 2;
  });

program
  .command('sync')
  .description("sync a store's Amazon data now, in this process, with progress (history backfill, then live orders)")
  .requiredOption('--store <store>', 'store name or id')
  .option('--only <types>', 'data types, comma-separated: orders-backfill, orders')
  .option('--since <date>', 're-sync from this date (YYYY-MM-DD)')
  .action(async (o: { store: string; only?: string; since?: string }) => {
    if (!(await withRuntime((rt) => cliSync(rt, o)))) process.exitCode = 2;
  });

program
  .command('import')
  .description('import an Amazon report file into a store (validates every row; all or nothing)')
  .requiredOption('--store <store>', 'store name or id')
  .requiredOption('--type <type>', 'Amazon report type, e.g. GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL')
  .option('--dry-run', 'validate and count only; write nothing')
  .option('--encoding <encoding>', 'text encoding when not UTF-8 (e.g. windows-1252, shift_jis)')
  .argument('<file>', 'the report file (tab-separated text, CSV or XLSX)')
  .action(async (file: string, o: { store: string; type: string; dryRun?: boolean; encoding?: string }) => {
    if (!existsSync(file)) throw new AppError('INVALID_INPUT', `No such file: ${file}`);
    const ok = await withRuntime((rt) =>
      cliImportReport(rt, {
        ...o,
        dryRun: o.dryRun === true,
        stream: createReadStream(file),
        fileName: basename(file),
      }),
    );
    if (!ok) process.exitCode = 2;
  });

const catalog = program.command('catalog').description('products and listings');
catalog
  .command('import')
  .description('import products or listings from CSV or Excel (validates every row; all or nothing)')
  .addOption(new Option('--kind <kind>', 'what the file holds').choices(['products', 'listings']).makeOptionMandatory())
  .option('--dry-run', 'validate and count only; write nothing')
  .argument('<file>', 'CSV, TSV or XLSX file')
  .action(async (file: string, o: { kind: 'products' | 'listings'; dryRun?: boolean }) => {
    if (!existsSync(file)) throw new AppError('INVALID_INPUT', `No such file: ${file}`);
    const ok = await withRuntime((rt) =>
      cliImportCatalog(rt, {
        kind: o.kind,
        dryRun: o.dryRun === true,
        stream: createReadStream(file),
        fileName: basename(file),
      }),
    );
    if (!ok) process.exitCode = 2;
  });
catalog
  .command('export')
  .description('export products or listings to Excel or CSV')
  .addOption(new Option('--kind <kind>', 'what to export').choices(['products', 'listings']).makeOptionMandatory())
  .addOption(new Option('--format <format>', 'file format').choices(['xlsx', 'csv']).default('xlsx'))
  .requiredOption('--out <file>', 'output file')
  .action(async (o: { kind: 'products' | 'listings'; format: 'xlsx' | 'csv'; out: string }) =>
    withRuntime(async (rt) => {
      const n = await pipeline(await cliExportCatalog(rt, o.kind, o.format), createWriteStream(o.out));
      void n;
      process.stdout.write(`wrote ${o.out}\n`);
    }),
  );

program.parseAsync(process.argv).catch(fail);
