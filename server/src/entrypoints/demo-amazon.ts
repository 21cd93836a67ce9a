import type { Principal } from '../platform/auth/principal.js';
import type { Runtime } from './runtime.js';

/**
 * `npm start` on the demo company: an in-process amazon-sim (LWA, SP-API, reports) on a fixed local port, the demo
 * stores connected to its sellers, and the sync started at once: a year of order history by report, then live orders
 * every few minutes. Progress is printed until the backfill is done (and shown on the Sync health page).
 */

export interface DemoAmazonOptions {
  /** Port of the simulator (stored in the stores' endpoints, so keep it stable across restarts). Default 4100. */
  port: number;
  historyDays: number;
  skus: number;
  log: (line: string) => void;
}

export interface DemoAmazon {
  url: string;
  close(): Promise<void>;
}

const REGION_OF_STORE: Record<string, 'na' | 'eu'> = { 'Demo US': 'na', 'Demo EU': 'eu' };

type DemoSim = Awaited<ReturnType<typeof import('amazon-sim').startSim>>;

/** Starts the simulator; null (with a message) when it cannot run here. */
export async function startDemoSim(o: DemoAmazonOptions): Promise<DemoSim | null> {
  try {
    const { startSim } = await import('amazon-sim');
    const sim = await startSim({
      port: o.port,
      host: '127.0.0.1',
      living: { historyDays: o.historyDays, skus: o.skus },
    });
    o.log(`Amazon simulator (amazon-sim) on ${sim.url}: ${o.skus} SKUs per seller, ${o.historyDays} days of history`);
    return sim;
  } catch (err) {
    o.log(`Amazon simulator not started (${(err as Error).message}); the demo runs without Amazon data.`);
    return null;
  }
}

/** The simulator's NA and EU seller ids, for the demo stores. */
export function demoSellerIds(sim: DemoSim): { us: string; eu: string } | undefined {
  const na = sim.info.sellers.find((s) => s.region === 'na');
  const eu = sim.info.sellers.find((s) => s.region === 'eu');
  return na && eu ? { us: na.sellerId, eu: eu.sellerId } : undefined;
}

/** Connects the demo stores without credentials to the simulator's sellers and starts their sync. */
export async function connectDemoStores(
  rt: Runtime,
  companyId: string,
  sim: DemoSim,
  log: (line: string) => void,
): Promise<DemoAmazon> {
  const o = { log };
  const admin: Principal = {
    kind: 'session',
    userId: '',
    companyId,
    name: 'demo',
    permissions: { stores: ['view', 'edit', 'admin'] },
    scope: { allStores: true, storeIds: [], marketplaceIds: [], productLines: [], ownOnly: false },
  };
  const meta = { actor: { type: 'system' as const, id: null, name: 'demo', companyId }, source: 'system' as const };
  const connected: string[] = [];
  for (const store of (await rt.services.stores.list(admin)).rows) {
    const region = REGION_OF_STORE[store.name];
    const seller = sim.info.sellers.find((s) => s.region === region);
    if (!region || !seller) continue;
    if (!store.hasCredentials) {
      await rt.services.stores.update(admin, meta, store.id, {
        credentials: {
          clientId: seller.clientId,
          clientSecret: seller.clientSecret,
          refreshToken: seller.refreshToken,
        },
        endpoints: { lwa: sim.info.lwaTokenUrl, spApi: sim.info.spApi[region], ads: sim.info.ads[region] },
      });
      await rt.services.sync.trigger(admin, meta, store.id, {}, 'demo');
      o.log(
        `Connected ${store.name} to the simulator's ${region.toUpperCase()} seller ${seller.sellerId}; sync queued.`,
      );
    }
    connected.push(store.id);
  }
  await rt.services.sync.enqueueDue();
  // Print the backfill's progress until every connected store has its history.
  const timer = setInterval(() => {
    void (async () => {
      const states = (await rt.services.sync.states(admin)).filter((s) => connected.includes(s.storeId));
      const backfills = states.filter((s) => s.dataType.endsWith('backfill'));
      if (backfills.length === 0) return;
      const line = backfills
        .map(
          (s) =>
            `${s.storeName} ${s.dataType}: ${s.status === 'ok' ? 'done' : s.progress ? `${s.progress.percent}% ${s.progress.message}` : s.status}`,
        )
        .join(' | ');
      o.log(`Sync: ${line}`);
      if (backfills.every((s) => s.status === 'ok')) {
        o.log('History backfilled; live sync continues every few minutes (see Stores → Sync health).');
        clearInterval(timer);
      }
    })().catch(() => undefined);
  }, 10_000);
  timer.unref();
  return {
    url: sim.url,
    async close() {
      clearInterval(timer);
      await sim.close();
    },
  };
}
