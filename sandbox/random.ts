/**
 * Seedable pseudo-random numbers (mulberry32), so that probability faults give the same sequence
 * on every run with the same seed.
 */

export interface Random {
	/** A number in [0, 1). */
	next(): number;
	reseed(seed: number): void;
	seed(): number;
}

export function createRandom(initialSeed = 1): Random {
	let seed = initialSeed >>> 0;
	let state = seed;
	return {
		next() {
			state = (state + 0x6d2b79f5) >>> 0;
			let t = state;
			t = Math.imul(t ^ (t >>> 15), t | 1);
			t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
			return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
		},
		reseed(next: number) {
			seed = next >>> 0;
			state = seed;
		},
		seed: () => seed,
	};
}
