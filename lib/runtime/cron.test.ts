import { describe, expect, it } from 'vitest';
import { nextSlot, parseCron } from './cron.js';

describe('nextSlot', () => {
  it.each([
    // The schedules of workflows/*.yaml
    ['0 * * * *', '2026-11-22T06:59:30Z', '2026-11-22T07:00:00.000Z'],
    ['0 * * * *', '2026-11-22T07:00:00Z', '2026-11-22T08:00:00.000Z'],
    ['0 */12 * * *', '2026-11-22T06:10:00Z', '2026-11-22T12:00:00.000Z'],
    ['0 */12 * * *', '2026-11-22T12:00:00Z', '2026-11-23T00:00:00.000Z'],
    ['30 2 * * *', '2026-11-22T03:00:00Z', '2026-11-23T02:30:00.000Z'],
    ['15 4 1 * *', '2026-11-22T00:00:00Z', '2026-12-01T04:15:00.000Z'],
    ['0 0 * * 0', '2026-11-22T00:00:00Z', '2026-11-29T00:00:00.000Z'], // 2026-11-22 is a Sunday
    ['0 0 * * 7', '2026-11-22T00:00:00Z', '2026-11-29T00:00:00.000Z'], // 7 is Sunday too
    ['0 0 29 2 *', '2026-03-01T00:00:00Z', '2028-02-29T00:00:00.000Z'],
    // Both day fields restricted: either one (the 1st, or any Monday).
    ['0 0 1 * 1', '2026-11-22T00:00:00Z', '2026-11-23T00:00:00.000Z'],
    ['5,35 1-2 * * *', '2026-11-22T01:36:00Z', '2026-11-22T02:05:00.000Z'],
  ])('%s after %s is %s', (cron, after, expected) => {
    expect(nextSlot(parseCron(cron), new Date(after))?.toISOString()).toBe(expected);
  });

  it.each(['* * * *', '60 * * * *', '*/0 * * * *', '5-1 * * * *', 'x * * * *'])('refuses "%s"', (cron) => {
    expect(() => parseCron(cron)).toThrow(/cron/);
  });
});
