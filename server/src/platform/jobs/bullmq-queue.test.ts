import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { bullmqJobId, createBullmqQueue } from './bullmq-queue.js';
import { describeJobQueueContract } from './job-queue.contract.js';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `yftest${randomBytes(4).toString('hex')}`;

afterAll(async () => {
  const redis = new Redis(redisUrl);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
});

describeJobQueueContract('bullmq', async (queue) => createBullmqQueue({ redisUrl, queue, prefix }));

describe('bullmq job ids', () => {
  it('maps any jobId to one BullMQ accepts: no colon, never an integer, reversible', () => {
    expect(bullmqJobId('order:123:sync')).toBe('k-order%3A123%3Async');
    expect(bullmqJobId('123')).toBe('k-123');
    expect(bullmqJobId('a%3A')).not.toBe(bullmqJobId('a:'));
  });
});
