import { hostname } from 'node:os';

/** This process as a lease holder: `host:pid`. */
export const LEASE_OWNER = `${hostname()}:${process.pid}`;

/**
 * Whether a lease holder is a process of this host that no longer exists (a killed worker or CLI): its run cannot be
 * making progress, so its lease can be taken over at once. Holders on other hosts are judged by lease age only.
 */
export function isDeadLocalOwner(owner: string | null): boolean {
  if (!owner) return false;
  const at = owner.lastIndexOf(':');
  if (at <= 0 || owner.slice(0, at) !== hostname()) return false;
  const pid = Number(owner.slice(at + 1));
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
