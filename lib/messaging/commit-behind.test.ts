import { describe, expect, it } from 'vitest';
import { CommitBehind } from './commit-behind.js';

/** A commit sink whose calls the test completes one by one. */
function sink(): {
  sent: string[];
  finish: (error?: Error) => Promise<void>;
  send: (offset: string) => Promise<void>;
} {
  const sent: string[] = [];
  const waiting: { resolve: () => void; reject: (e: Error) => void }[] = [];
  return {
    sent,
    send: (offset) =>
      new Promise<void>((resolve, reject) => {
        sent.push(offset);
        waiting.push({ resolve, reject });
      }),
    finish: async (error) => {
      const next = waiting.shift()!;
      if (error === undefined) next.resolve();
      else next.reject(error);
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe('CommitBehind', () => {
  it('keeps one commit in flight and folds offsets finished meanwhile into the next one', async () => {
    const s = sink();
    const c = new CommitBehind(s.send, { everyRecords: 1, everyMs: 1_000 });
    c.finished('1');
    c.finished('2');
    c.finished('3');
    expect(s.sent).toEqual(['1']);
    await s.finish();
    expect(s.sent).toEqual(['1', '3']);
    const flushed = c.flush();
    await s.finish();
    await flushed;
    expect(s.sent).toEqual(['1', '3']);
  });

  it('waits for everyRecords unless flushed, then commits the newest offset once', async () => {
    const s = sink();
    let now = 0;
    const c = new CommitBehind(s.send, { everyRecords: 3, everyMs: 1_000 }, () => now);
    c.finished('1');
    c.finished('2');
    expect(s.sent).toEqual([]);
    c.finished('3');
    expect(s.sent).toEqual(['3']);
    await s.finish();
    c.finished('4');
    now = 1_000; // the time limit makes the next one due
    c.finished('5');
    expect(s.sent).toEqual(['3', '5']);
    await s.finish();
    c.finished('6');
    const flushed = c.flush();
    await new Promise((resolve) => setImmediate(resolve)); // flush starts its commit after a tick
    await s.finish();
    await flushed;
    expect(s.sent).toEqual(['3', '5', '6']);
  });

  it('hands a failed background commit to the next caller, once', async () => {
    const s = sink();
    const c = new CommitBehind(s.send, { everyRecords: 1, everyMs: 1_000 });
    c.finished('1');
    const refused = Object.assign(new Error('The group is rebalancing'), { type: 'REBALANCE_IN_PROGRESS' });
    await s.finish(refused);
    expect(() => c.finished('2')).toThrow(refused);
    await expect(c.flush()).resolves.toBeUndefined();
  });
});
