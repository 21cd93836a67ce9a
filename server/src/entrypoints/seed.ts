import type { Scope } from '@yangfan/contracts';
import { bootstrapCompany } from '../modules/iam/index.js';
import type { Actor } from '../platform/audit.js';
import type { Principal } from '../platform/auth/principal.js';
import type { Runtime } from './runtime.js';

/** Deterministic pseudo-random numbers (mulberry32) so a seed always builds the same demo. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DEMO_PASSWORD = 'yangfan-demo';
export const DEMO_USERS = {
  admin: 'admin@demo.yangfan.dev',
  operator: 'operator@demo.yangfan.dev',
  operatorEu: 'operator.eu@demo.yangfan.dev',
  buyer: 'buyer@demo.yangfan.dev',
  finance: 'finance@demo.yangfan.dev',
  viewer: 'viewer@demo.yangfan.dev',
} as const;

const PRODUCTS = [
  ['Ceramic mug', '陶瓷马克杯', 'Kitchen'],
  ['Silicone spatula', '硅胶铲', 'Kitchen'],
  ['Bamboo cutting board', '竹砧板', 'Kitchen'],
  ['LED desk lamp', 'LED台灯', 'Home office'],
  ['Laptop stand', '笔记本支架', 'Home office'],
  ['Cable organizer', '理线器', 'Home office'],
  ['Yoga mat', '瑜伽垫', 'Sports'],
  ['Resistance bands', '弹力带', 'Sports'],
  ['Water bottle', '运动水壶', 'Sports'],
  ['Pet grooming glove', '宠物除毛手套', 'Pets'],
] as const;
const VARIANTS = ['Black', 'White', 'Blue', 'Green', 'Grey'];
const SIZES = ['S', 'M', 'L', 'XL'];
const MARKETPLACES_US = ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2', 'A1AM78C64UM0Y8'];
const MARKETPLACES_EU = ['A1PA6795UKMFR9', 'A13V1IB3VIYZZH', 'APJ6JRA9NG5V4', 'A1RKKUPIHCS9HS', 'A1F83G8C2ARO7P'];

export interface SeedOptions {
  skus: number;
  seed?: number;
  companyName?: string;
  /** Fewer argon2 rounds are not an option; tests pass `users: false` to skip the non-admin users when not needed. */
  users?: boolean;
  /** Seller ids of the two demo stores (the demo passes amazon-sim's sellers so that paths naming the seller match). */
  sellerIds?: { us: string; eu: string };
}

export interface SeedResult {
  companyId: string;
  storeIds: { us: string; eu: string };
  userIds: Record<keyof typeof DEMO_USERS, string>;
}

/** Builds a demo company: departments, users with different roles and scopes, two stores, SKUs and listings, rates. */
export async function seedDemoCompany(rt: Runtime, opts: SeedOptions): Promise<SeedResult> {
  const rnd = prng(opts.seed ?? 42);
  const system: Actor = { type: 'system', id: null, name: 'demo-seed', companyId: null };
  const { companyId, roleIds } = await bootstrapCompany(
    { db: rt.database.db, clock: rt.clock },
    {
      name: opts.companyName ?? '扬帆演示公司 Yangfan Demo Co.',
      baseCurrency: 'CNY',
      timeZone: 'Asia/Shanghai',
      locale: 'zh-CN',
    },
    system,
  );
  const meta = { actor: { ...system, companyId }, source: 'system' as const };
  const p = { companyId };
  const { admin, stores, catalog, fx } = rt.services;
  const all: Scope = { allStores: true, storeIds: [], marketplaceIds: [], productLines: [], ownOnly: false };
  const deps: Record<string, string> = {};
  for (const [name, kind] of [
    ['运营部 Operations', 'operations'],
    ['采购部 Purchasing', 'purchasing'],
    ['物流部 Logistics', 'logistics'],
    ['财务部 Finance', 'finance'],
    ['管理层 Management', 'management'],
  ] as const) {
    deps[kind] = (
      await admin.createDepartment(
        { kind: 'session', userId: '', companyId, name: 'demo-seed', permissions: {}, scope: all },
        meta,
        { name, kind },
      )
    ).id;
  }
  const us = await stores.create(p, meta, {
    name: 'Demo US',
    region: 'NA',
    sellerId: opts.sellerIds?.us ?? 'A2DEMOSELLERNA',
    marketplaceIds: MARKETPLACES_US,
  });
  const eu = await stores.create(p, meta, {
    name: 'Demo EU',
    region: 'EU',
    sellerId: opts.sellerIds?.eu ?? 'A2DEMOSELLEREU',
    marketplaceIds: MARKETPLACES_EU,
  });
  const users: [keyof typeof DEMO_USERS, string, string, string, typeof all][] = [
    ['admin', '管理员 Admin', 'admin', 'management', all],
    ['operator', '运营 Li Wei (US)', 'operator', 'operations', { ...all, allStores: false, storeIds: [us.id] }],
    ['operatorEu', '运营 Zhang Min (EU)', 'operator', 'operations', { ...all, allStores: false, storeIds: [eu.id] }],
    ['buyer', '采购 Wang Fang', 'buyer', 'purchasing', all],
    ['finance', '财务 Chen Jing', 'finance', 'finance', all],
    ['viewer', '访客 Viewer', 'viewer', 'management', all],
  ];
  const userIds = {} as Record<keyof typeof DEMO_USERS, string>;
  for (const [key, displayName, role, dep, scope] of opts.users === false ? users.slice(0, 1) : users) {
    const u = await admin.createUser(p, meta, {
      email: DEMO_USERS[key],
      displayName,
      password: DEMO_PASSWORD,
      departmentId: deps[dep] ?? null,
      roleIds: [roleIds[role]!],
      scope,
      locale: key === 'viewer' ? 'en' : 'zh-CN',
    });
    userIds[key] = u.id;
  }
  // Exchange rates: the last 60 days, CNY base, a gentle walk.
  const base: Record<string, number> = { USD: 7.12, EUR: 7.75, GBP: 9.05, CAD: 5.15, MXN: 0.39, JPY: 0.0475 };
  const today = Date.parse(`${new Date(rt.clock.now()).toISOString().slice(0, 10)}T00:00:00Z`);
  for (let d = 60; d >= 0; d--) {
    const day = new Date(today - d * 86_400_000).toISOString().slice(0, 10);
    for (const [cur, rate] of Object.entries(base)) {
      base[cur] = rate * (1 + (rnd() - 0.5) * 0.004);
      await fx.upsert(companyId, meta, {
        fromCurrency: cur,
        toCurrency: 'CNY',
        rateDate: day,
        rate: base[cur]!.toFixed(cur === 'JPY' ? 6 : 4),
      });
    }
  }
  // Products and listings.
  const principal: Principal = {
    kind: 'session',
    userId: userIds.admin,
    companyId,
    name: 'demo-seed',
    permissions: { catalog: ['view', 'edit'] },
    scope: all,
  };
  const operatorFor = (storeKey: 'us' | 'eu') =>
    storeKey === 'us' ? (userIds.operator ?? null) : (userIds.operatorEu ?? null);
  const spuIds = new Map<string, string>();
  for (let i = 0; i < opts.skus; i++) {
    const [en, zh, line] = PRODUCTS[i % PRODUCTS.length]!;
    const spuCode = `SPU-${String((i % PRODUCTS.length) + 1).padStart(3, '0')}`;
    if (!spuIds.has(spuCode))
      spuIds.set(
        spuCode,
        (
          await catalog.createSpu(principal, meta, {
            code: spuCode,
            name: `${en} ${zh}`,
            productLine: line,
            brand: 'Yangfan Home',
          })
        ).id,
      );
    const variant = `${VARIANTS[Math.floor(i / PRODUCTS.length) % VARIANTS.length]}-${SIZES[Math.floor(i / (PRODUCTS.length * VARIANTS.length)) % SIZES.length]}`;
    const code = `YF-${String(i + 1).padStart(4, '0')}`;
    const sku = await catalog.createSku(principal, meta, {
      sku: code,
      name: `${zh} ${en} ${variant}`,
      spuId: spuIds.get(spuCode)!,
      productLine: line,
      cost: (8 + rnd() * 60).toFixed(2),
      costCurrency: 'CNY',
      lengthMm: 100 + Math.floor(rnd() * 300),
      widthMm: 80 + Math.floor(rnd() * 200),
      heightMm: 20 + Math.floor(rnd() * 150),
      weightG: 80 + Math.floor(rnd() * 1500),
      hsCode: '392490',
      declaredValue: (2 + rnd() * 8).toFixed(2),
      declaredCurrency: 'USD',
      casePack: [12, 20, 24, 36, 48][i % 5]!,
      moq: [200, 300, 500, 1000][i % 4]!,
      status: i % 17 === 0 ? 'inactive' : i % 23 === 0 ? 'draft' : 'active',
      tags: i % 7 === 0 ? ['new'] : i % 11 === 0 ? ['best-seller'] : [],
      operatorId: operatorFor(i % 2 === 0 ? 'us' : 'eu'),
      productManagerId: userIds.buyer ?? null,
      launchDate: new Date(today - Math.floor(rnd() * 700) * 86_400_000).toISOString().slice(0, 10),
    });
    const storeKey = i % 3 === 2 ? 'eu' : 'us';
    const store = storeKey === 'us' ? us : eu;
    const mps = storeKey === 'us' ? MARKETPLACES_US.slice(0, 1 + (i % 2)) : MARKETPLACES_EU.slice(0, 1 + (i % 4));
    const asin = `B0${(1_000_000_00 + i * 7919).toString(36).toUpperCase().padStart(8, '0').slice(-8)}`;
    for (const mp of mps) {
      const price = (9.99 + rnd() * 40).toFixed(2);
      await catalog.createListing(principal, meta, {
        storeId: store.id,
        marketplaceId: mp,
        sellerSku: `${code}-${storeKey.toUpperCase()}`,
        asin,
        parentAsin: null,
        fnsku: `X00${(i * 104729 + mp.length).toString(36).toUpperCase().padStart(7, '0').slice(-7)}`,
        title: `${en} ${variant} — Yangfan Home`,
        fulfillmentChannel: i % 9 === 0 ? 'FBM' : 'FBA',
        status: i % 19 === 0 ? 'suppressed' : i % 13 === 0 ? 'inactive' : 'active',
        price: mp === 'A1VC38T7YXB528' ? String(Math.round(Number(price) * 150)) : price,
        skus:
          i % 25 === 24 && i > 0
            ? [
                { sku: code, quantity: 1 },
                { sku: `YF-${String(i).padStart(4, '0')}`, quantity: 1 },
              ]
            : [{ sku: sku.sku, quantity: 1 }],
        operatorId: operatorFor(storeKey),
        launchDate: sku.launchDate,
        tags: [],
      });
    }
  }
  return { companyId, storeIds: { us: us.id, eu: eu.id }, userIds };
}
