import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimInfo } from '../src/server.ts';
import { packageDir, resolveSharedAmazonDir } from '../src/shared-dir.ts';
import { http } from './helpers.ts';

const bin = join(packageDir, 'bin', 'amazon-sim.mjs');
let child: ChildProcess | undefined;

afterEach(() => {
  if (child?.pid && child.exitCode === null) child.kill('SIGTERM');
  child = undefined;
});

/** Starts the CLI and resolves with its stdout once `done(stdout)` is true (or rejects on exit). */
function runCli(
  args: string[],
  done: (out: string) => boolean,
): Promise<{ out: string; err: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let out = '';
    let err = '';
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (done(out)) resolve({ out, err, code: null });
    });
    proc.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    proc.on('error', reject);
    proc.on('exit', (code) => resolve({ out, err, code }));
  });
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('amazon-sim CLI', () => {
  it('starts, prints its URLs and sellers as JSON, and serves /sim/info', async () => {
    const { out } = await runCli(['--port', '0', '--seed', '7', '--mode', 'sandbox', '--json'], isJson);
    const info = JSON.parse(out) as SimInfo;
    expect(info.mode).toBe('sandbox');
    expect(info.seed).toBe('7');
    expect(info.sellers.map((s) => s.region)).toEqual(['na', 'eu']);
    const live = await http(info.lwaTokenUrl.replace('/auth/o2/token', '/sim/info'));
    expect(live.json).toEqual(info);
  });

  it('prints the human-readable summary by default', async () => {
    const { out } = await runCli(
      ['--port', '0', '--token-ttl', '120'],
      (o) => (o.match(/refresh token/g) ?? []).length >= 2,
    );
    expect(out).toMatch(/LWA token URL\s+http:\/\/127\.0\.0\.1:\d+\/auth\/o2\/token/);
    expect(out).toMatch(/SP-API EU\s+http:\/\/127\.0\.0\.1:\d+\/eu/);
    expect(out).toMatch(/client secret\s+amzn1\.oa2-cs\.v1\./);
  });

  it('exits non-zero on a bad option', async () => {
    const { code, err } = await runCli(['--mode', 'live'], () => false);
    expect(code).not.toBe(0);
    expect(err).toMatch(/mode/);
  });
});

describe('shared dir resolution', () => {
  it('accepts the shared folder or its amazon/ subfolder, and rejects a folder without the TSV', () => {
    const amazon = resolveSharedAmazonDir();
    expect(existsSync(join(amazon, 'rate-limits.tsv'))).toBe(true);
    expect(resolveSharedAmazonDir(join(amazon, '..'))).toBe(amazon);
    expect(resolveSharedAmazonDir(amazon)).toBe(amazon);
    const empty = mkdtempSync(join(tmpdir(), 'amazon-sim-'));
    writeFileSync(join(empty, 'README'), 'nothing here');
    expect(() => resolveSharedAmazonDir(empty)).toThrow(/rate-limits\.tsv/);
  });
});
