// Deterministic randomness for predictors: a seeded generator (mulberry32) and the original's
// "termial" choice that favours the first (newest) items with linearly decreasing weights.
import type { Random } from './types.js';

/** A generator of floats in [0, 1) fully determined by `seed` (a 32-bit unsigned integer). */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [0, n). */
export function randomIndex(rng: Random, n: number): number {
  return Math.min(n - 1, Math.floor(rng() * n));
}

/** Index in [0, n) with weight n - i: item 0 (the newest) is n times likelier than the last. */
export function termialIndex(rng: Random, n: number): number {
  const total = (n * (n + 1)) / 2;
  let r = rng() * total;
  for (let i = 0; i < n; i++) {
    r -= n - i;
    if (r < 0) return i;
  }
  return n - 1;
}
