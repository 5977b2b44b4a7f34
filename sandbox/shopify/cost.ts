/**
 * Query cost and the leaky bucket behind `extensions.cost`.
 *
 * Cost follows Shopify's published rules: scalars and enums 0, an object 1, a connection
 * 2 + size × (cost of one node), sized by `first`/`last` when requested and by the nodes returned
 * when actual, a mutation field 10 plus its selection. `requestedQueryCost` is computed before
 * running the query, `actualQueryCost` from the answer (null fields cost nothing). Shopify's own
 * figures are often lower than these rules give (it discounts some nested connections); the
 * sandbox errs on the expensive side. A query above 1000 is refused (MAX_COST_EXCEEDED).
 *
 * The bucket (default 2000 points, refilled at 100 points per second of sandbox time) is charged
 * the requested cost and refunded the difference to the actual cost. A query whose requested cost
 * exceeds what is left is refused with a THROTTLED error (HTTP 200, as Shopify does).
 */
import {
	getNamedType,
	isCompositeType,
	isListType,
	isNonNullType,
	isObjectType,
	isInterfaceType,
	type DocumentNode,
	type FieldNode,
	type FragmentDefinitionNode,
	type GraphQLCompositeType,
	type GraphQLOutputType,
	type GraphQLSchema,
	type OperationDefinitionNode,
	type SelectionSetNode,
	type ValueNode,
} from 'graphql';
import type { ShopState } from './state';

export const MAX_QUERY_COST = 1000;

export interface ThrottleStatus {
	maximumAvailable: number;
	currentlyAvailable: number;
	restoreRate: number;
}

export interface CostReport {
	requestedQueryCost: number;
	actualQueryCost: number | null;
	throttleStatus: ThrottleStatus;
}

interface Walk {
	schema: GraphQLSchema;
	fragments: Map<string, FragmentDefinitionNode>;
	variables: Record<string, unknown>;
}

function isConnectionType(type: GraphQLCompositeType): boolean {
	if (!isObjectType(type) || !type.name.endsWith('Connection')) return false;
	const fields = type.getFields();
	return 'edges' in fields || 'nodes' in fields;
}

function argNumber(
	field: FieldNode,
	name: string,
	variables: Record<string, unknown>,
): number | undefined {
	const arg = field.arguments?.find((a) => a.name.value === name);
	if (!arg) return undefined;
	const value: ValueNode = arg.value;
	if (value.kind === 'IntValue') return Number(value.value);
	if (value.kind === 'Variable') {
		const v = variables[value.name.value];
		return typeof v === 'number' ? v : undefined;
	}
	return undefined;
}

/** Fields of a selection set with their parent type, fragments flattened, grouped by response key. */
function collect(
	w: Walk,
	selectionSet: SelectionSetNode,
	parent: GraphQLCompositeType,
	out = new Map<string, Array<{ node: FieldNode; parent: GraphQLCompositeType }>>(),
) {
	for (const sel of selectionSet.selections) {
		if (sel.kind === 'Field') {
			const key = sel.alias?.value ?? sel.name.value;
			const list = out.get(key) ?? [];
			list.push({ node: sel, parent });
			out.set(key, list);
		} else if (sel.kind === 'InlineFragment') {
			const type = sel.typeCondition ? w.schema.getType(sel.typeCondition.name.value) : parent;
			if (type && isCompositeType(type)) collect(w, sel.selectionSet, type, out);
		} else {
			const frag = w.fragments.get(sel.name.value);
			const type = frag ? w.schema.getType(frag.typeCondition.name.value) : undefined;
			if (frag && type && isCompositeType(type)) collect(w, frag.selectionSet, type, out);
		}
	}
	return out;
}

function fieldType(parent: GraphQLCompositeType, name: string): GraphQLOutputType | undefined {
	if (isObjectType(parent) || isInterfaceType(parent)) return parent.getFields()[name]?.type;
	return undefined;
}

function isList(type: GraphQLOutputType): boolean {
	return isNonNullType(type) ? isListType(type.ofType) : isListType(type);
}

function mergedSelection(entries: Array<{ node: FieldNode }>): SelectionSetNode | undefined {
	const sets = entries
		.map((e) => e.node.selectionSet)
		.filter((s): s is SelectionSetNode => s !== undefined);
	if (!sets.length) return undefined;
	return {
		kind: 'SelectionSet' as SelectionSetNode['kind'],
		selections: sets.flatMap((s) => s.selections),
	} as SelectionSetNode;
}

/**
 * Cost of a selection set. Without `data` the requested cost (sizes from first/last); with `data`
 * (the answer for this selection) the actual cost.
 */
function selectionCost(
	w: Walk,
	selectionSet: SelectionSetNode,
	parent: GraphQLCompositeType,
	data: unknown,
	actual: boolean,
	mutationRoot: boolean,
): number {
	let total = 0;
	for (const [key, entries] of collect(w, selectionSet, parent)) {
		const first = entries[0];
		const name = first.node.name.value;
		if (name.startsWith('__')) continue;
		const type = fieldType(first.parent, name);
		if (!type) continue;
		const named = getNamedType(type);
		if (!isCompositeType(named)) continue;
		const sub = mergedSelection(entries);
		if (!sub) continue;
		const value = actual ? (data as Record<string, unknown> | null | undefined)?.[key] : undefined;
		if (actual && (value === null || value === undefined)) continue;
		const base = mutationRoot ? 10 : 1;
		if (isConnectionType(named)) {
			total += connectionCost(w, sub, named, value, actual, first.node, mutationRoot);
		} else if (isList(type)) {
			if (actual) {
				for (const element of value as unknown[])
					if (element !== null) total += 1 + selectionCost(w, sub, named, element, true, false);
			} else {
				const size = argNumber(first.node, 'first', w.variables) ?? 1;
				total += size * (1 + selectionCost(w, sub, named, undefined, false, false));
			}
		} else {
			total += base + selectionCost(w, sub, named, value, actual, false);
		}
	}
	return total;
}

function connectionCost(
	w: Walk,
	sub: SelectionSetNode,
	type: GraphQLCompositeType,
	value: unknown,
	actual: boolean,
	field: FieldNode,
	mutationRoot: boolean,
): number {
	const connFields = collect(w, sub, type);
	const nodeType = (() => {
		const t = fieldType(type, 'nodes');
		return t ? getNamedType(t) : undefined;
	})();
	if (!nodeType || !isCompositeType(nodeType)) return 2;
	const nodeSelections: SelectionSetNode[] = [];
	const edgeKeys: Array<{ key: string; nodeKey?: string }> = [];
	for (const [key, entries] of connFields) {
		const name = entries[0].node.name.value;
		if (name === 'nodes') {
			const s = mergedSelection(entries);
			if (s) nodeSelections.push(s);
			edgeKeys.push({ key });
		} else if (name === 'edges') {
			const s = mergedSelection(entries);
			const edgeType = getNamedType(fieldType(type, 'edges') as GraphQLOutputType);
			if (s && isCompositeType(edgeType)) {
				for (const [nodeKey, nodeEntries] of collect(w, s, edgeType)) {
					if (nodeEntries[0].node.name.value !== 'node') continue;
					const ns = mergedSelection(nodeEntries);
					if (ns) nodeSelections.push(ns);
					edgeKeys.push({ key, nodeKey });
				}
			}
		}
	}
	const base = mutationRoot ? 10 : 2;
	if (!nodeSelections.length) return base;
	if (!actual) {
		const size =
			argNumber(field, 'first', w.variables) ?? argNumber(field, 'last', w.variables) ?? 0;
		const perNode = Math.max(
			...nodeSelections.map((s) => 1 + selectionCost(w, s, nodeType, undefined, false, false)),
		);
		return base + size * perNode;
	}
	// Actual: every node returned, counted once even when selected through both edges and nodes.
	const conn = value as Record<string, unknown>;
	let nodes: unknown[] = [];
	let selection: SelectionSetNode | undefined;
	for (let i = 0; i < edgeKeys.length; i++) {
		const { key, nodeKey } = edgeKeys[i];
		const list = conn[key];
		if (!Array.isArray(list)) continue;
		nodes = nodeKey ? list.map((e) => (e as Record<string, unknown> | null)?.[nodeKey]) : list;
		selection = nodeSelections[i];
		break;
	}
	let total = base;
	for (const node of nodes)
		if (node !== null && node !== undefined && selection)
			total += 1 + selectionCost(w, selection, nodeType, node, true, false);
	return total;
}

function walkFor(
	schema: GraphQLSchema,
	document: DocumentNode,
	variables: Record<string, unknown>,
): Walk {
	const fragments = new Map<string, FragmentDefinitionNode>();
	for (const def of document.definitions)
		if (def.kind === 'FragmentDefinition') fragments.set(def.name.value, def);
	return { schema, fragments, variables };
}

function rootType(
	schema: GraphQLSchema,
	op: OperationDefinitionNode,
): GraphQLCompositeType | undefined {
	return (
		(op.operation === 'mutation'
			? schema.getMutationType()
			: op.operation === 'query'
				? schema.getQueryType()
				: schema.getSubscriptionType()) ?? undefined
	);
}

export function requestedCost(
	schema: GraphQLSchema,
	document: DocumentNode,
	op: OperationDefinitionNode,
	variables: Record<string, unknown>,
): number {
	const root = rootType(schema, op);
	if (!root) return 0;
	return selectionCost(
		walkFor(schema, document, variables),
		op.selectionSet,
		root,
		undefined,
		false,
		op.operation === 'mutation',
	);
}

export function actualCost(
	schema: GraphQLSchema,
	document: DocumentNode,
	op: OperationDefinitionNode,
	variables: Record<string, unknown>,
	data: unknown,
): number {
	const root = rootType(schema, op);
	if (!root || data === null || data === undefined) return 0;
	return selectionCost(
		walkFor(schema, document, variables),
		op.selectionSet,
		root,
		data,
		true,
		op.operation === 'mutation',
	);
}

// ---------------------------------------------------------------------------------------------
// Bucket

export function refill(shop: ShopState): void {
	const now = shop.clock.nowMs();
	const elapsed = Math.max(0, now - shop.bucket.atMs) / 1000;
	shop.bucket.available = Math.min(
		shop.throttle.maximumAvailable,
		shop.bucket.available + elapsed * shop.throttle.restoreRate,
	);
	shop.bucket.atMs = now;
}

export function throttleStatus(shop: ShopState): ThrottleStatus {
	return {
		maximumAvailable: shop.throttle.maximumAvailable,
		currentlyAvailable: Math.floor(shop.bucket.available),
		restoreRate: shop.throttle.restoreRate,
	};
}

/** Takes `cost` points; false (nothing taken) when the bucket holds less. */
export function take(shop: ShopState, cost: number): boolean {
	refill(shop);
	if (shop.throttle.enabled && cost > shop.bucket.available) return false;
	shop.bucket.available = Math.max(0, shop.bucket.available - cost);
	return true;
}

/** Gives back the part of the requested cost the query did not use. */
export function refund(shop: ShopState, points: number): void {
	if (points > 0)
		shop.bucket.available = Math.min(
			shop.throttle.maximumAvailable,
			shop.bucket.available + points,
		);
}
