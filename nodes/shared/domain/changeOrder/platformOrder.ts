/**
 * The platform order (Shopify, Magento or any shop) as Apply Change Order reads it: its lines in
 * eaches and its statuses. Pure: no n8n imports.
 */
import { isObject, shown } from '../values';
import { ChangeOrderInputError } from './errors';

export interface PlatformOrderLine {
	sku: string;
	/** Eaches on the order line. */
	ordered: number;
	/** Eaches already fulfilled (shipped). Default 0. */
	fulfilled?: number;
	/** Eaches being picked or packed (fulfilment in progress). Default 0. */
	inProgress?: number;
	/** Shopify: gid://shopify/LineItem/... */
	lineItemId?: string;
	/** Shopify: gid://shopify/ProductVariant/... */
	variantId?: string;
}

export interface PlatformOrder {
	/** Shopify: gid://shopify/Order/...; Magento: entity id. */
	id?: string;
	name?: string;
	/** Shopify displayFulfillmentStatus (or fulfilment order statuses); Magento state/status. */
	status?: string | readonly string[];
	/** Magento: the order has shipments (makes "processing" count as in fulfilment). */
	hasShipments?: boolean;
	lines: PlatformOrderLine[];
}

function wholeNumber(value: unknown, path: string, problems: string[], fallback?: number): number {
	if (value === undefined || value === null || value === '') {
		if (fallback !== undefined) return fallback;
		problems.push(`${path} is required`);
		return 0;
	}
	const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value.trim()) : value;
	if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
		problems.push(`${path} must be a whole number of 0 or more (got ${shown(value)})`);
		return 0;
	}
	return n;
}

/** A string id, or a number as text; undefined for anything else. */
function idOf(value: unknown): string | undefined {
	if (typeof value === 'string' && value !== '') return value;
	if (typeof value === 'number') return String(value);
	return undefined;
}

function readLine(raw: unknown, path: string, problems: string[]): PlatformOrderLine | undefined {
	if (!isObject(raw)) {
		problems.push(`${path} must be an object`);
		return undefined;
	}
	const sku =
		typeof raw.sku === 'string'
			? raw.sku.trim()
			: typeof raw.sku === 'number'
				? String(raw.sku)
				: '';
	if (sku === '') {
		problems.push(`${path}.sku is required`);
		return undefined;
	}
	const line: PlatformOrderLine = {
		sku,
		ordered: wholeNumber(raw.ordered ?? raw.quantity, `${path}.ordered`, problems),
		fulfilled: wholeNumber(raw.fulfilled, `${path}.fulfilled`, problems, 0),
		inProgress: wholeNumber(raw.inProgress, `${path}.inProgress`, problems, 0),
	};
	const lineItemId = idOf(raw.lineItemId ?? raw.id);
	if (lineItemId !== undefined) line.lineItemId = lineItemId;
	const variantId = idOf(raw.variantId);
	if (variantId !== undefined) line.variantId = variantId;
	return line;
}

/**
 * Reads a platform order from JSON (a node input): `{ id?, name?, status? | statuses?, hasShipments?,
 * lines: [{ sku, ordered | quantity, fulfilled?, inProgress?, lineItemId? | id?, variantId? }] }`.
 * Quantities may be numeric strings. Throws ChangeOrderInputError listing every problem.
 */
export function parsePlatformOrder(value: unknown): PlatformOrder {
	if (!isObject(value))
		throw new ChangeOrderInputError(`The platform order must be an object (got ${shown(value)})`);
	const rawLines = value.lines;
	if (!Array.isArray(rawLines))
		throw new ChangeOrderInputError(
			`The platform order's lines must be a list (got ${shown(rawLines)})`,
			'lines',
		);
	const problems: string[] = [];
	const lines = rawLines
		.map((raw, i) => readLine(raw, `lines[${i}]`, problems))
		.filter((line): line is PlatformOrderLine => line !== undefined);
	if (problems.length)
		throw new ChangeOrderInputError(
			`The platform order has problems: ${problems.join('; ')}`,
			'lines',
		);
	const out: PlatformOrder = { lines };
	if (typeof value.id === 'string' || typeof value.id === 'number') out.id = String(value.id);
	if (typeof value.name === 'string') out.name = value.name;
	const status = value.statuses ?? value.status;
	if (typeof status === 'string') out.status = status;
	else if (Array.isArray(status))
		out.status = status.filter((s): s is string => typeof s === 'string');
	if (typeof value.hasShipments === 'boolean') out.hasShipments = value.hasShipments;
	return out;
}

/**
 * Throws ChangeOrderInputError unless `value` is a platform order as {@link parsePlatformOrder}
 * returns it (for callers that give one directly).
 */
export function requirePlatformOrder(value: unknown, path = 'platformOrder'): void {
	if (!isObject(value) || !Array.isArray(value.lines))
		throw new ChangeOrderInputError(
			`${path} must be a platform order {lines: [...]} (got ${shown(value)})`,
			path,
		);
	const problems: string[] = [];
	value.lines.forEach((line, i) => {
		const at = `${path}.lines[${i}]`;
		if (!isObject(line) || typeof line.sku !== 'string' || line.sku === '') {
			problems.push(`${at} must be an object with a sku`);
			return;
		}
		for (const key of ['ordered', 'fulfilled', 'inProgress'] as const) {
			const n = line[key];
			if (n === undefined && key !== 'ordered') continue;
			if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0)
				problems.push(`${at}.${key} must be a whole number of 0 or more (got ${shown(n)})`);
		}
		for (const key of ['lineItemId', 'variantId'] as const)
			if (line[key] !== undefined && typeof line[key] !== 'string')
				problems.push(`${at}.${key} must be a string (got ${shown(line[key])})`);
	});
	const status = value.status;
	const statusOk =
		status === undefined ||
		typeof status === 'string' ||
		(Array.isArray(status) && status.every((s) => typeof s === 'string'));
	if (!statusOk) problems.push(`${path}.status must be a string or a list of strings`);
	if (value.id !== undefined && typeof value.id !== 'string')
		problems.push(`${path}.id must be a string (got ${shown(value.id)})`);
	if (value.hasShipments !== undefined && typeof value.hasShipments !== 'boolean')
		problems.push(`${path}.hasShipments must be true or false`);
	if (problems.length)
		throw new ChangeOrderInputError(
			`The platform order has problems: ${problems.join('; ')}`,
			path,
		);
}
