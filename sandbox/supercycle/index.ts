/**
 * The Supercycle service of the sandbox: the Admin API under /api/v1 (items, rentals), seeded by
 * the `supercycle` key of POST /__sandbox/seed, shown under `supercycle` in GET /__sandbox/state,
 * with control actions under /__sandbox/supercycle/ (start, fulfil, return and cancel a rental;
 * change an item's condition or visibility; rate-limit settings). See README.md here.
 *
 *   const sandbox = await startSandbox({ services: [createSupercycleService] });
 *   // credential: base URL `${sandbox.url}/api/v1`, API key SUPERCYCLE_SANDBOX_API_KEY
 */
import { ControlError } from '../controlError';
import { controlRoute, parsedBody as body } from '../controlHttp';
import type { HttpMethod, Route, RouteHandler } from '../http/router';
import type { SandboxService, ServiceContext, ServiceFactory } from '../services';
import { cancelRental, changeItem, fulfilRental, returnRental, startRental } from './actions';
import { KeyRateLimiter, SUPERCYCLE_API_PREFIX, supercycleApiRoutes } from './routes';
import {
	DEFAULT_SETTINGS,
	applySeed,
	emptyState,
	isoSeconds,
	itemView,
	rentalView,
	type SupercycleSeedResult,
	type SupercycleSettings,
	type SupercycleState,
} from './state';

export { SUPERCYCLE_SANDBOX_API_KEY } from './state';
export type { SupercycleSeedResult, SupercycleSettings } from './state';
export { SUPERCYCLE_API_PREFIX } from './routes';

export const SUPERCYCLE_CONTROL_PREFIX = '/__sandbox/supercycle';

export interface SupercycleSandboxService extends SandboxService {
	name: 'supercycle';
	seed(value: unknown): SupercycleSeedResult;
	/** The same actions as the control routes; they return what the routes answer. */
	startRental(input: unknown): { rental: Record<string, unknown>; item: Record<string, unknown> };
	fulfilRental(rentalId: number | string, input?: unknown): { rental: Record<string, unknown> };
	returnRental(
		rentalId: number | string,
		input?: unknown,
	): { rental: Record<string, unknown>; item: Record<string, unknown> | null };
	cancelRental(rentalId: number | string, input?: unknown): { rental: Record<string, unknown> };
	changeItem(itemId: number | string, input: unknown): { item: Record<string, unknown> };
	settings(): SupercycleSettings;
	configure(changes: unknown): SupercycleSettings;
}

function supercycleRoute(
	method: HttpMethod,
	path: string,
	operation: string,
	handler: RouteHandler,
): Route {
	return controlRoute(method, `${SUPERCYCLE_CONTROL_PREFIX}${path}`, operation, handler);
}

/** The control routes: rental and item actions, and the rate-limit settings. */
function supercycleControlRoutes(service: SupercycleSandboxService): Route[] {
	return [
		supercycleRoute('POST', '/rentals', 'supercycleStartRental', (req) => ({
			status: 201,
			body: service.startRental(body(req)),
		})),
		supercycleRoute('POST', '/rentals/{rentalId}/fulfil', 'supercycleFulfilRental', (req) => ({
			status: 200,
			body: service.fulfilRental(req.params.rentalId, body(req)),
		})),
		supercycleRoute('POST', '/rentals/{rentalId}/return', 'supercycleReturnRental', (req) => ({
			status: 200,
			body: service.returnRental(req.params.rentalId, body(req)),
		})),
		supercycleRoute('POST', '/rentals/{rentalId}/cancel', 'supercycleCancelRental', (req) => ({
			status: 200,
			body: service.cancelRental(req.params.rentalId, body(req)),
		})),
		supercycleRoute('POST', '/items/{itemId}/change', 'supercycleChangeItem', (req) => ({
			status: 200,
			body: service.changeItem(req.params.itemId, body(req)),
		})),
		supercycleRoute('GET', '/config', 'supercycleGetConfig', () => ({
			status: 200,
			body: service.settings(),
		})),
		supercycleRoute('POST', '/config', 'supercycleSetConfig', (req) => ({
			status: 200,
			body: service.configure(body(req)),
		})),
	];
}

/** What GET /__sandbox/state shows under `supercycle`. */
function snapshotOf(state: SupercycleState, settings: SupercycleSettings, now: number) {
	return {
		apiKeys: [...state.apiKeys],
		baseUrlPath: SUPERCYCLE_API_PREFIX,
		settings: { ...settings },
		conditions: [...state.conditions.values()].map((c) => ({ ...c })),
		locations: [...state.locations.values()].map((l) => ({ ...l })),
		variants: [...state.variants.values()].map((v) => ({ ...v })),
		items: [...state.items.values()]
			.sort((a, b) => a.id - b.id)
			.map((item) => ({ ...itemView(state, item), sku: item.sku })),
		rentals: [...state.rentals.values()]
			.sort((a, b) => a.id - b.id)
			.map((r) => ({
				...rentalView(state, r, now),
				shopifyVariantId: r.shopifyVariantId,
				cancelledAt: r.cancelledAt,
			})),
	};
}

/** The settings with `changes` applied; a ControlError(400) names a wrong one. */
function nextSettings(current: SupercycleSettings, changes: unknown): SupercycleSettings {
	if (!changes || typeof changes !== 'object' || Array.isArray(changes)) {
		throw new ControlError(
			400,
			'The settings must be an object such as { "requestsPerMinute": 120, "burst": 120 }.',
		);
	}
	const next = { ...current };
	for (const [key, value] of Object.entries(changes as Record<string, unknown>)) {
		if (key === 'rateLimits') {
			if (typeof value !== 'boolean')
				throw new ControlError(400, 'rateLimits must be true or false.');
			next.rateLimits = value;
		} else if (key === 'requestsPerMinute') {
			if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
				throw new ControlError(400, 'requestsPerMinute must be a number > 0.');
			next.requestsPerMinute = value;
		} else if (key === 'burst') {
			if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
				throw new ControlError(400, 'burst must be a whole number >= 1.');
			next.burst = value;
		} else {
			throw new ControlError(
				400,
				`Unknown setting ${key}: use rateLimits, requestsPerMinute or burst.`,
			);
		}
	}
	return next;
}

export const createSupercycleService: ServiceFactory = (
	context: ServiceContext,
): SupercycleSandboxService => {
	const { clock, faults } = context;
	const nowIso = () => isoSeconds(clock.nowMs());
	let state: SupercycleState = emptyState(nowIso());
	// Settings survive a reset, as the sandbox's own settings do.
	const settings: SupercycleSettings = { ...DEFAULT_SETTINGS };
	const limiter = new KeyRateLimiter(
		() => clock.nowMs(),
		() => settings,
	);

	const views = {
		rental: (id: number) =>
			rentalView(state, state.rentals.get(id)!, clock.nowMs(), { withItem: true }),
		item: (id: number | null) => {
			const item = id !== null ? state.items.get(id) : undefined;
			return item ? itemView(state, item) : null;
		},
	};

	const service: SupercycleSandboxService = {
		name: 'supercycle',

		routes: () =>
			supercycleApiRoutes({
				state: () => state,
				settings: () => settings,
				faults,
				limiter,
				nowMs: () => clock.nowMs(),
			}),

		controlRoutes: () => supercycleControlRoutes(service),

		seed(value: unknown): SupercycleSeedResult {
			const applied = applySeed(state, value, nowIso());
			state = applied.state;
			return applied.result;
		},

		reset(): void {
			state = emptyState(nowIso());
			limiter.reset();
		},

		snapshot: () => snapshotOf(state, settings, clock.nowMs()),

		startRental(input) {
			const rental = startRental(state, input, nowIso());
			return { rental: views.rental(rental.id), item: views.item(rental.itemId)! };
		},
		fulfilRental(rentalId, input) {
			const rental = fulfilRental(state, rentalId, input, nowIso());
			return { rental: views.rental(rental.id) };
		},
		returnRental(rentalId, input) {
			const rental = returnRental(state, rentalId, input, nowIso());
			return { rental: views.rental(rental.id), item: views.item(rental.itemId) };
		},
		cancelRental(rentalId, input) {
			const rental = cancelRental(state, rentalId, input, nowIso());
			return { rental: views.rental(rental.id) };
		},
		changeItem(itemId, input) {
			const item = changeItem(state, itemId, input, nowIso());
			return { item: views.item(item.id)! };
		},

		settings: () => ({ ...settings }),

		configure(changes: unknown): SupercycleSettings {
			const next = nextSettings(settings, changes);
			Object.assign(settings, next);
			limiter.reset();
			return { ...settings };
		},
	};
	return service;
};
