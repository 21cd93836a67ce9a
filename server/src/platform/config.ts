import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { AppError } from './errors.js';

const configSchema = z
  .object({
    port: z.coerce.number().int().min(0).max(65535).default(8080),
    host: z.string().default('0.0.0.0'),
    dataDir: z.string().min(1).default('./data'),
    databaseUrl: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
      .optional(),
    redisUrl: z
      .string()
      .regex(/^rediss?:\/\//, 'REDIS_URL must start with redis:// or rediss://')
      .optional(),
    secretKey: z
      .string()
      .regex(/^[0-9a-f]{64}$/i, 'YANGFAN_SECRET_KEY must be 64 hex characters (32 bytes)')
      .optional(),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    cookieSecure: z.coerce.boolean().default(false),
    /** Multiplies Amazon's documented rates: 1 for Amazon; the clock speed of an accelerated amazon-sim. */
    amazonRateScale: z.coerce.number().positive().max(100_000).default(1),
  })
  .strict();

export type RawConfig = z.input<typeof configSchema>;
export interface Config extends Omit<z.output<typeof configSchema>, 'secretKey'> {
  secretKey: string;
  sqlitePath: string;
}

const ENV_MAP: Record<string, keyof RawConfig> = {
  YANGFAN_PORT: 'port',
  YANGFAN_HOST: 'host',
  YANGFAN_DATA_DIR: 'dataDir',
  DATABASE_URL: 'databaseUrl',
  REDIS_URL: 'redisUrl',
  YANGFAN_SECRET_KEY: 'secretKey',
  YANGFAN_LOG_LEVEL: 'logLevel',
  YANGFAN_COOKIE_SECURE: 'cookieSecure',
  YANGFAN_AMAZON_RATE_SCALE: 'amazonRateScale',
};

/**
 * Reads the configuration: an optional JSON file (YANGFAN_CONFIG), overridden by environment variables.
 * Invalid configuration throws INVALID_CONFIG with every problem listed.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<RawConfig> = {}): Config {
  let fromFile: Record<string, unknown> = {};
  if (env.YANGFAN_CONFIG) {
    try {
      fromFile = JSON.parse(readFileSync(env.YANGFAN_CONFIG, 'utf8')) as Record<string, unknown>;
    } catch (e) {
      throw new AppError('INVALID_CONFIG', `Cannot read config file ${env.YANGFAN_CONFIG}: ${(e as Error).message}`);
    }
  }
  const fromEnv: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(ENV_MAP)) {
    const v = env[name];
    if (v !== undefined && v !== '') fromEnv[key] = v;
  }
  const parsed = configSchema.safeParse({ ...fromFile, ...fromEnv, ...overrides });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new AppError('INVALID_CONFIG', `Invalid configuration: ${problems}`);
  }
  const c = parsed.data;
  const dataDir = resolve(c.dataDir);
  return {
    ...c,
    dataDir,
    sqlitePath: join(dataDir, 'yangfan.sqlite'),
    secretKey: c.secretKey ?? ensureSecretKey(dataDir),
  };
}

/** Generates the encryption key on first start and keeps it (mode 0600) in the data directory. */
function ensureSecretKey(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) {
    const k = readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/i.test(k)) throw new AppError('INVALID_CONFIG', `${file} does not hold a 64-hex-digit key`);
    return k;
  }
  const k = randomBytes(32).toString('hex');
  writeFileSync(file, `${k}\n`, { mode: 0o600 });
  return k;
}
