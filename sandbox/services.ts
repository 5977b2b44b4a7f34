/**
 * Simulated shops and tools beside Amazon (Shopify, Magento, Supercycle...) plug into the one
 * sandbox server as services: each brings its routes under its own path prefix, its seed key, its
 * reset and its part of GET /__sandbox/state, and may add control routes under /__sandbox/<name>/.
 */
import type { SandboxClock } from './clock';
import type { FaultStore } from './faults';
import type { Route } from './http/router';
import type { Random } from './random';

export interface ServiceContext {
	clock: SandboxClock;
	faults: FaultStore;
	random: Random;
}

export interface SandboxService {
	/** Seed key and state key, e.g. "shopify"; also the `service` of its routes (request log, faults). */
	name: string;
	/** The simulated API's routes. */
	routes(): Route[];
	/** Extra control routes (paths under /__sandbox/<name>/), e.g. warehouse actions. */
	controlRoutes?(): Route[];
	/** Applies `seed[name]`; returns a summary of what was seeded. Throws ControlError(400) on a bad seed. */
	seed(value: unknown): unknown;
	/** Back to empty. */
	reset(): void;
	/** Everything the service holds, as JSON. */
	snapshot(): unknown;
}

export type ServiceFactory = (context: ServiceContext) => SandboxService;
