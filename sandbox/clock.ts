/**
 * The sandbox's notion of "now". Everything time-dependent (token expiry, transaction processing,
 * rate-limit refill, purchase-order dates) reads this clock, so tests can move time instead of
 * waiting. It wraps a base clock (the real one unless `now` is given) plus an offset that the
 * control API can move.
 */

export interface SandboxClock {
	now(): Date;
	nowMs(): number;
	nowIso(): string;
	/** Moves the clock forward (or back, with a negative value). */
	advance(ms: number): void;
	/** Makes the clock read `date` now; it keeps running from there at the base clock's pace. */
	set(date: Date | string): void;
	/** Offset applied to the base clock, in milliseconds. */
	offsetMs(): number;
	/** Drops the offset. */
	resetOffset(): void;
}

export function createClock(base: () => Date = () => new Date()): SandboxClock {
	let offset = 0;
	const nowMs = () => base().getTime() + offset;
	return {
		now: () => new Date(nowMs()),
		nowMs,
		nowIso: () => new Date(nowMs()).toISOString(),
		advance(ms: number) {
			if (!Number.isFinite(ms)) throw new Error('advance() needs a finite number of milliseconds');
			offset += ms;
		},
		set(date: Date | string) {
			const target = typeof date === 'string' ? Date.parse(date) : date.getTime();
			if (!Number.isFinite(target)) throw new Error(`Invalid date: ${String(date)}`);
			offset = target - base().getTime();
		},
		offsetMs: () => offset,
		resetOffset() {
			offset = 0;
		},
	};
}

/** A frozen clock for tests: it only moves when told to. Pass `now` to startSandbox({ now }). */
export interface ManualClock {
	now: () => Date;
	advance(ms: number): void;
	set(date: Date | string): void;
}

export function manualClock(start: Date | string): ManualClock {
	let current = typeof start === 'string' ? Date.parse(start) : start.getTime();
	if (!Number.isFinite(current)) throw new Error(`Invalid start date: ${String(start)}`);
	return {
		now: () => new Date(current),
		advance(ms: number) {
			current += ms;
		},
		set(date: Date | string) {
			current = typeof date === 'string' ? Date.parse(date) : date.getTime();
		},
	};
}
