/** Reproducible randomness for simulations in tests: the same seed gives the same numbers on every machine. */

/** mulberry32: a tiny 32-bit generator, uniform in [0, 1). Good enough for simulations, not for secrets. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Standard normal draws by Box-Muller (one of each pair is used: simple, and speed does not matter here). */
export function normal(uniform: () => number): () => number {
  return () => {
    const u = 1 - uniform() // (0, 1]: log(0) would be -Infinity
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform())
  }
}

/** n lognormal draws with the given median and log-scale spread: the usual shape of request latencies. */
export function lognormal(gauss: () => number, n: number, median: number, sigma: number): number[] {
  return Array.from({ length: n }, () => median * Math.exp(sigma * gauss()))
}
