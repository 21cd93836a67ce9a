import { Command, InvalidArgumentError, Option } from 'commander';
import { parseFaults } from './faults.ts';
import { SCENARIO_NAMES } from './sellers.ts';
import { type SimInfo, startSim } from './server.ts';

/** `amazon-sim`: starts the simulator and prints its URLs and each seller's LWA credentials. */

const program = new Command('amazon-sim')
  .description('A local Amazon (LWA, SP-API per region, sandbox cases, rate limits) for Yangfan')
  .option('--port <port>', 'port to listen on (0 = any free port)', parseInteger, 4100)
  .option('--host <host>', 'interface to bind', '127.0.0.1')
  .option('--seed <seed>', 'seed for identities, tokens and faults', '42')
  .addOption(new Option('--scenario <name>', 'seller scenario').choices([...SCENARIO_NAMES]).default('demo'))
  .addOption(
    new Option('--mode <mode>', 'sandbox: static cases only; stateful: handlers')
      .choices(['sandbox', 'stateful'])
      .default('stateful'),
  )
  .addOption(
    new Option('--fallback <fallback>', 'stateful mode without a handler: sandbox cases or 501')
      .choices(['sandbox', 'none'])
      .default('sandbox'),
  )
  .option('--token-ttl <seconds>', 'access-token lifetime in seconds', parseInteger, 3600)
  .option(
    '--faults <spec>',
    'fault injection [operation:]kind[/ms]=probability, kinds 429 500 503 slow timeout expire gzip rows, e.g. 429=0.05,slow/2000=0.1,getOrders:503=0.2',
    checkFaults,
  )
  .option('--speed <factor>', 'virtual clock speed (1 = real time)', parseNumber, 1)
  .option('--no-rate-limits', 'do not throttle (report still counts calls)')
  .option(
    '--shared-dir <dir>',
    'folder with models/, rate-limits.tsv (default: AMAZON_SIM_SHARED_DIR or found upwards)',
  )
  .option('--json', 'print the /sim/info document as JSON instead of text')
  .option('--log', 'log every request (Fastify logger)')
  .option('--no-living', 'stateful mode without the living marketplace (orders, inventory, listings)')
  .option('--history-days <days>', 'living marketplace: days of order history before now', parsePositive, 365)
  .option('--skus <count>', 'living marketplace: catalog size per seller', parsePositive, 50);

program.parse();
const opts = program.opts<{
  port: number;
  host: string;
  seed: string;
  scenario: string;
  mode: 'sandbox' | 'stateful';
  fallback: 'sandbox' | 'none';
  tokenTtl: number;
  faults?: string;
  speed: number;
  rateLimits: boolean;
  sharedDir?: string;
  json?: boolean;
  log?: boolean;
  living: boolean;
  historyDays: number;
  skus: number;
}>();

try {
  const sim = await startSim({
    port: opts.port,
    host: opts.host,
    seed: opts.seed,
    scenario: opts.scenario,
    mode: opts.mode,
    fallback: opts.fallback,
    tokenTtlSeconds: opts.tokenTtl,
    faults: opts.faults,
    clockSpeed: opts.speed,
    rateLimits: opts.rateLimits,
    sharedDir: opts.sharedDir,
    logger: opts.log === true,
    living: opts.living && { historyDays: opts.historyDays, skus: opts.skus },
  });
  process.stdout.write(opts.json ? `${JSON.stringify(sim.info, null, 2)}\n` : describe(sim.info));
  if (sim.scenario && !opts.json) {
    const since = new Date(sim.scenario.historyStart()).toISOString().slice(0, 10);
    process.stdout.write(`living marketplace: ${sim.scenario.skus} SKUs per seller, orders since ${since}\n`);
  }
  const stop = () => {
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

function describe(info: SimInfo): string {
  const lines = [
    `amazon-sim listening (mode ${info.mode}, scenario ${info.scenario}, seed ${info.seed})`,
    `  LWA token URL      ${info.lwaTokenUrl}`,
    `  consent page       ${info.authorizeUrl}?application_id=${info.applicationId}`,
    ...(['na', 'eu', 'fe'] as const).map((r) => `  SP-API ${r.toUpperCase()}          ${info.spApi[r]}`),
    ...(['na', 'eu', 'fe'] as const).map((r) => `  SP-API sandbox ${r.toUpperCase()}  ${info.spApiSandbox[r]}`),
    ...(['na', 'eu', 'fe'] as const).map((r) => `  Ads API ${r.toUpperCase()}         ${info.ads[r]}`),
    `  info / report      ${info.lwaTokenUrl.replace('/auth/o2/token', '/sim/info')} , /sim/report`,
    '',
  ];
  for (const s of info.sellers) {
    lines.push(
      `seller ${s.sellerId} (${s.name}, ${s.region.toUpperCase()}: ${s.marketplaceIds.join(', ')})`,
      `  client id      ${s.clientId}`,
      `  client secret  ${s.clientSecret}`,
      `  refresh token  ${s.refreshToken}`,
      `  queue URL      ${s.queueUrl}`,
      `  ads profiles   ${Object.entries(s.adsProfileIds)
        .map(([m, p]) => `${m}=${p}`)
        .join(', ')}`,
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}

function parseInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number >= 0');
  return n;
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number >= 1');
  return n;
}

function parseNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number >= 0');
  return n;
}

function checkFaults(value: string): string {
  try {
    parseFaults(value);
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
  return value;
}
