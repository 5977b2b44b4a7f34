import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import {
	evaluateChangeOrder,
	parsePlatformOrder,
	toShopifyOrderEditSequence,
	type ChangeOrderOptions,
	type ChangeOrderResult,
	type PlatformOrder,
} from '../shared/domain/changeOrder';
import { type MapOptions, type MappingIndex } from '../shared/domain/caseMapping';
import { mappingIndex, mappingRows } from '../shared/transport/mappingInput';
import { isObject } from '../shared/domain/values';
import type { AcknowledgementOptions } from '../shared/domain/acknowledgement';
import { readPurchaseOrderInput } from '../shared/domain/poInput';
import type { CanonicalPurchaseOrder } from '../shared/domain/purchaseOrder';
import type { OrderAcknowledgement } from '../shared/generated/vendorOrders';
import { submitDocument } from '../shared/transport/documents';
import { applyChangeOrderProperties } from './ApplyChangeOrder.description';

const CONTEXT_FIELDS = ['event', 'eventKey', 'changeDate'];

function pathParts(path: string): string[] {
	return path
		.replace(/\[(\d+)\]/g, '.$1')
		.split('.')
		.map((p) => p.trim())
		.filter(Boolean);
}

/** A JSON string (a metafield or Data Table value) is parsed; anything else is returned as is. */
function unwrapJson(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const text = value.trim();
	if (!text.startsWith('{') && !text.startsWith('[')) return value;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return value;
	}
}

function readPath(json: IDataObject, path: string): unknown {
	let current: unknown = json;
	for (const part of pathParts(path)) {
		current = unwrapJson(current);
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as IDataObject)[part];
	}
	return unwrapJson(current);
}

function isEmpty(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

function list(value: unknown): string[] {
	return String(value ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
}

function sameSequence(a: string | undefined, b: string | undefined): boolean {
	if (a === undefined || b === undefined) return false;
	return a === b || (/^\d+$/.test(a) && /^\d+$/.test(b) && Number(a) === Number(b));
}

/**
 * The previous acknowledgement, wherever the workflow kept it: an OrderAcknowledgement, an item of
 * Acknowledge PO or of this node (its `acknowledgement` / `acknowledgementToKeep`), or a
 * submitAcknowledgement body.
 */
function readPreviousAcknowledgement(
	node: INode,
	value: unknown,
	field: string,
	poNumber: string,
	itemIndex: number,
): OrderAcknowledgement | undefined {
	if (isEmpty(value)) return undefined;
	const fail = (why: string): never => {
		throw new NodeOperationError(
			node,
			`Item ${itemIndex}: the field "${field}" is not an acknowledgement: ${why}`,
			{
				itemIndex,
				description:
					'Give the acknowledgement last sent for this purchase order ({purchaseOrderNumber, sellingParty, items: [{itemSequenceNumber, itemAcknowledgements: [...]}]}, e.g. the acknowledgement of Acknowledge PO), or leave the field empty.',
			},
		);
	};
	let ack: unknown = value;
	if (isObject(ack) && isObject(unwrapJson(ack.acknowledgementToKeep)))
		ack = unwrapJson(ack.acknowledgementToKeep);
	else if (isObject(ack) && isObject(unwrapJson(ack.acknowledgement)))
		ack = unwrapJson(ack.acknowledgement);
	else if (isObject(ack) && Array.isArray(ack.acknowledgements)) {
		const all = ack.acknowledgements as unknown[];
		ack =
			all.find((a) => isObject(a) && a.purchaseOrderNumber === poNumber) ??
			(all.length === 1 ? all[0] : undefined);
		if (ack === undefined) fail(`it holds no acknowledgement of PO ${poNumber}`);
	}
	if (!isObject(ack)) return fail('it must be an object');
	if (typeof ack.purchaseOrderNumber !== 'string') fail('purchaseOrderNumber is missing');
	if (!Array.isArray(ack.items)) fail('items must be a list');
	(ack.items as unknown[]).forEach((item, i) => {
		if (!isObject(item) || !Array.isArray(item.itemAcknowledgements))
			fail(`items[${i}].itemAcknowledgements must be a list`);
	});
	return ack as unknown as OrderAcknowledgement;
}

/** The previous acknowledgement with the re-acknowledged lines replaced: what Amazon holds once it is sent. */
function acknowledgementToKeep(
	previous: OrderAcknowledgement | undefined,
	next: OrderAcknowledgement | undefined,
): OrderAcknowledgement | null {
	if (next === undefined) return previous ?? null;
	if (previous === undefined) return next;
	const items = previous.items.map(
		(item) =>
			next.items.find((n) => sameSequence(n.itemSequenceNumber, item.itemSequenceNumber)) ?? item,
	);
	for (const n of next.items)
		if (!previous.items.some((p) => sameSequence(p.itemSequenceNumber, n.itemSequenceNumber)))
			items.push(n);
	return { ...previous, acknowledgementDate: next.acknowledgementDate, items };
}

interface ItemInput {
	current: CanonicalPurchaseOrder;
	previous: CanonicalPurchaseOrder;
	platformOrder: PlatformOrder;
	previousAcknowledgement?: OrderAcknowledgement;
	variantIds: Record<string, string>;
}

/** This item's changed and previous purchase orders, platform order and previous acknowledgement. */
function readItem(
	this: IExecuteFunctions,
	itemIndex: number,
	json: IDataObject,
	mappingVariantIds: Record<string, string>,
): ItemInput {
	const extra = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const currentField = String(
		this.getNodeParameter('changedPurchaseOrderField', itemIndex, '') ?? '',
	).trim();
	const previousField = String(
		this.getNodeParameter('previousPurchaseOrderField', itemIndex, 'previousPurchaseOrder') ?? '',
	).trim();
	const platformField = String(
		this.getNodeParameter('platformOrderField', itemIndex, 'platformOrder') ?? '',
	).trim();
	const ackField = String(
		this.getNodeParameter('previousAcknowledgementField', itemIndex, 'previousAcknowledgement') ??
			'',
	).trim();
	const variantField = String(extra.variantIdsField ?? 'variantIds').trim();
	const fail = (message: string, description?: string) =>
		new NodeOperationError(this.getNode(), message, {
			itemIndex,
			...(description ? { description } : {}),
		});

	// The changed purchase order: the item itself (without the other inputs), or a field of it.
	let currentValue: unknown;
	if (currentField === '') {
		const copy: IDataObject = { ...json };
		for (const field of [previousField, platformField, ackField, variantField]) {
			const top = pathParts(field)[0];
			if (top !== undefined) delete copy[top];
		}
		currentValue = copy;
	} else {
		currentValue = readPath(json, currentField);
		if (isEmpty(currentValue)) {
			throw fail(
				`Item ${itemIndex}: no changed purchase order in the field "${currentField}"`,
				'Set Changed Purchase Order Field to where the item holds the changed purchase order, or leave it empty when the item is the purchase order.',
			);
		}
	}
	const currentLabel = currentField === '' ? 'the item' : `the field "${currentField}"`;
	let current: CanonicalPurchaseOrder;
	try {
		current = readPurchaseOrderInput(currentValue).purchaseOrder;
	} catch (error) {
		throw fail(
			`Item ${itemIndex}: ${currentLabel} is not a readable changed purchase order: ${(error as Error).message}`,
		);
	}

	if (previousField === '')
		throw fail(
			`Item ${itemIndex}: Previous Purchase Order Field is empty`,
			'Name the field that holds the version of the purchase order the workflow kept.',
		);
	const previousValue = readPath(json, previousField);
	if (isEmpty(previousValue)) {
		throw fail(
			`Item ${itemIndex}: no previous purchase order in the field "${previousField}" (PO ${current.purchaseOrderNumber})`,
			'Put the version of this purchase order the workflow kept (from an order metafield, a Data Table row...) into that field before this node, or set Previous Purchase Order Field to where it is.',
		);
	}
	let previous: CanonicalPurchaseOrder;
	try {
		previous = readPurchaseOrderInput(previousValue).purchaseOrder;
	} catch (error) {
		throw fail(
			`Item ${itemIndex}: the field "${previousField}" is not a readable purchase order: ${(error as Error).message}`,
		);
	}

	if (platformField === '')
		throw fail(
			`Item ${itemIndex}: Platform Order Field is empty`,
			"Name the field that holds the platform order's current state.",
		);
	const platformValue = readPath(json, platformField);
	if (isEmpty(platformValue)) {
		throw fail(
			`Item ${itemIndex}: no platform order in the field "${platformField}" (PO ${current.purchaseOrderNumber})`,
			'Look up the platform order of this purchase order before this node and put {id, status, lines: [{sku, ordered, fulfilled, inProgress}]} into that field.',
		);
	}
	let platformOrder: PlatformOrder;
	try {
		platformOrder = parsePlatformOrder(platformValue);
	} catch (error) {
		throw fail(
			`Item ${itemIndex}: the field "${platformField}" is not a platform order: ${(error as Error).message}`,
		);
	}

	const previousAcknowledgement =
		ackField === ''
			? undefined
			: readPreviousAcknowledgement(
					this.getNode(),
					readPath(json, ackField),
					ackField,
					current.purchaseOrderNumber,
					itemIndex,
				);

	const variantIds: Record<string, string> = { ...mappingVariantIds };
	const fromItem = variantField === '' ? undefined : readPath(json, variantField);
	if (isObject(fromItem)) {
		for (const [sku, id] of Object.entries(fromItem))
			if ((typeof id === 'string' && id.trim() !== '') || typeof id === 'number')
				variantIds[sku] = String(id).trim();
	}
	return { current, previous, platformOrder, previousAcknowledgement, variantIds };
}

export class ApplyChangeOrder implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Apply Change Order',
		name: 'applyChangeOrder',
		icon: {
			light: 'file:../../icons/amazonVendorCentral.svg',
			dark: 'file:../../icons/amazonVendorCentral.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle:
			'={{$parameter["submitReacknowledgement"] ? "re-acknowledge to Amazon" : "plan only"}}',
		description:
			'Diffs a changed purchase order against the kept version, blocks changes to platform orders already in fulfilment, and gives the platform edit plan and the re-acknowledgement',
		defaults: { name: 'Apply Change Order' },
		usableAsTool: true,
		inputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Changed POs', required: true },
			{ type: NodeConnectionTypes.Main, displayName: 'Mapping Rows' },
		],
		outputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Apply' },
			{ type: NodeConnectionTypes.Main, displayName: 'Blocked' },
			{ type: NodeConnectionTypes.Main, displayName: 'No Change' },
		],
		credentials: [
			{
				name: 'amazonVendorCentralApi',
				required: true,
				displayOptions: { show: { submitReacknowledgement: [true] } },
			},
		],
		properties: applyChangeOrderProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData(0);
		const apply: INodeExecutionData[] = [];
		const blocked: INodeExecutionData[] = [];
		const noChange: INodeExecutionData[] = [];
		if (!items.length) return [apply, blocked, noChange];

		// 1. The mapping, shared by every item.
		const source = this.getNodeParameter('mappingSource', 0) as string;
		const extra = this.getNodeParameter('options', 0, {}) as IDataObject;
		const rows = mappingRows.call(this, source);
		const mapping: MappingIndex = mappingIndex.call(this, source, rows);
		const mappingVariantIds: Record<string, string> = {};
		for (const row of rows) {
			const sku = typeof row.sku === 'string' ? row.sku.trim() : undefined;
			const variant = row.variantId;
			if (
				sku &&
				(typeof variant === 'string' || typeof variant === 'number') &&
				String(variant).trim() !== ''
			)
				mappingVariantIds[sku] = String(variant).trim();
		}

		// 2. Options shared by every item.
		const now = Date.now();
		const mapOptions: Partial<MapOptions> = {
			matchFirst: this.getNodeParameter('matchFirst', 0, 'asin') as MapOptions['matchFirst'],
			priceTolerance: {
				mode: (extra.priceToleranceMode as 'absolute' | 'percent') ?? 'absolute',
				value: String(extra.priceTolerance ?? '0').trim() || '0',
			},
		};
		const acknowledgement: AcknowledgementOptions = {
			now,
			netCost: (extra.netCost as AcknowledgementOptions['netCost']) ?? 'purchaseOrder',
			backorderDelayDays: (extra.backorderDelayDays as number) ?? 7,
			...(extra.scheduledShipDate ? { scheduledShipDate: String(extra.scheduledShipDate) } : {}),
			...(extra.scheduledDeliveryDate
				? { scheduledDeliveryDate: String(extra.scheduledDeliveryDate) }
				: {}),
			...(extra.sellingPartyId ? { sellingPartyId: String(extra.sellingPartyId) } : {}),
		};
		const options: ChangeOrderOptions = {
			acknowledgement,
			reacknowledge: this.getNodeParameter(
				'reacknowledge',
				0,
				'changedLines',
			) as ChangeOrderOptions['reacknowledge'],
			increases: (extra.increases as ChangeOrderOptions['increases']) ?? 'accept',
			platformQuantity:
				(extra.platformQuantity as ChangeOrderOptions['platformQuantity']) ?? 'accepted',
			blockOnMappingExceptions: extra.blockOnMappingExceptions !== false,
			inFulfilmentStatuses: list(this.getNodeParameter('inFulfilmentStatuses', 0, '')),
			inFulfilmentStatusesWithShipments: list(
				this.getNodeParameter('inFulfilmentStatusesWithShipments', 0, ''),
			),
			mapOptions,
		};
		const shopify =
			(this.getNodeParameter('editPlanFormat', 0, 'neutral') as string) === 'neutralAndShopify';
		const submit = this.getNodeParameter('submitReacknowledgement', 0, false) as boolean;
		const wait =
			submit && (this.getNodeParameter('waitUntilFinal', 0, true) as boolean)
				? {
						maxWaitMs: (this.getNodeParameter('maxWaitSeconds', 0, 300) as number) * 1000,
						intervalMs: (this.getNodeParameter('pollIntervalSeconds', 0, 10) as number) * 1000,
					}
				: undefined;

		const block = (itemIndex: number, json: IDataObject) =>
			blocked.push({ json, pairedItem: { item: itemIndex } });

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const json = items[itemIndex].json;
			const context: IDataObject = {};
			for (const key of CONTEXT_FIELDS) if (json[key] !== undefined) context[key] = json[key];

			// 3. Read this item's inputs and decide.
			let input: ItemInput;
			let result: ChangeOrderResult;
			try {
				input = readItem.call(this, itemIndex, json, mappingVariantIds);
				result = evaluateChangeOrder(
					{
						previous: input.previous,
						current: input.current,
						platformOrder: input.platformOrder,
						mapping,
						previousAcknowledgement: input.previousAcknowledgement,
					},
					options,
				);
			} catch (error) {
				const known = error instanceof NodeOperationError;
				const message = known ? error.message : `Item ${itemIndex}: ${(error as Error).message}`;
				const description = known ? (error.description ?? undefined) : undefined;
				if (!this.continueOnFail())
					throw new NodeOperationError(this.getNode(), message, { itemIndex, description });
				block(itemIndex, {
					...context,
					...(typeof json.purchaseOrderNumber === 'string'
						? { purchaseOrderNumber: json.purchaseOrderNumber }
						: {}),
					error: message,
					reasons: [{ code: 'INVALID_INPUT', message }],
					suggestedAction:
						description ?? 'Correct the input of this item; nothing was applied or sent.',
				});
				continue;
			}

			const base: IDataObject = {
				...context,
				purchaseOrderNumber: result.diff.purchaseOrderNumber,
				diff: result.diff as unknown as IDataObject,
			};
			if (result.route === 'noChange') {
				noChange.push({ json: base, pairedItem: { item: itemIndex } });
				continue;
			}
			const purchaseOrder = input.current as unknown as IDataObject;
			if (result.route === 'blocked') {
				block(itemIndex, {
					...base,
					reasons: result.reasons as unknown as IDataObject[],
					suggestedAction: result.suggestedAction,
					warnings: result.warnings,
					purchaseOrder,
				});
				continue;
			}

			// 4. Apply: the plan, the order value, the re-acknowledgement (and the Shopify sequence).
			const { plan } = result;
			const platformEditNeeded = plan.setQuantities.length + plan.additions.length > 0;
			const warnings = [...result.warnings];
			const reacknowledgement = result.reacknowledgement;
			const out: IDataObject = {
				...base,
				plan: plan as unknown as IDataObject,
				platformEditNeeded,
				orderValue: {
					...(plan.orderValue.currencyCode !== undefined
						? { currencyCode: plan.orderValue.currencyCode }
						: {}),
					amount: plan.orderValue.current,
					previousAmount: plan.orderValue.previous,
					difference: plan.orderValue.difference,
					excludedLines: plan.orderValue.excludedLines,
				},
				reacknowledgement: (reacknowledgement ?? null) as unknown as IDataObject,
				purchaseOrder,
				acknowledgementToKeep: acknowledgementToKeep(
					input.previousAcknowledgement,
					reacknowledgement?.acknowledgement,
				) as unknown as IDataObject,
				warnings,
			};
			if (shopify) {
				if (platformEditNeeded) {
					const sequence = toShopifyOrderEditSequence(plan, input.platformOrder, {
						variantIds: input.variantIds,
						restock: extra.restock !== false,
						notifyCustomer: extra.notifyCustomer === true,
						...(typeof extra.staffNote === 'string' && extra.staffNote.trim() !== ''
							? { staffNote: extra.staffNote.trim() }
							: {}),
					});
					if (!sequence.ok)
						warnings.push(
							`The Shopify order edit cannot be built: ${sequence.problems.join('; ')}`,
						);
					out.shopifyOrderEdit = sequence as unknown as IDataObject;
				} else {
					out.shopifyOrderEdit = null;
				}
			}
			if (!submit) {
				apply.push({ json: out, pairedItem: { item: itemIndex } });
				continue;
			}
			if (reacknowledgement === undefined) {
				apply.push({ json: { ...out, status: 'NothingToSend' }, pairedItem: { item: itemIndex } });
				continue;
			}

			// 5. Submit the re-acknowledgement.
			const blockedOut = (
				code: string,
				message: string,
				suggestedAction: string,
				more: IDataObject = {},
			) =>
				block(itemIndex, {
					...base,
					reasons: [{ code, message }],
					suggestedAction,
					warnings,
					purchaseOrder,
					reacknowledgement: reacknowledgement as unknown as IDataObject,
					...more,
				});
			const timing = reacknowledgement.timing;
			if (timing !== undefined && !timing.withinChangeWindow && extra.sendLate !== true) {
				blockedOut(
					'REACKNOWLEDGEMENT_LATE',
					`Amazon's change of ${timing.lastChangedAt} had to be re-acknowledged by ${timing.reacknowledgeBy}: nothing was sent`,
					'Check the purchase order in Vendor Central: after 48 hours Amazon expects only date updates. Apply the change by hand, or turn on Send Late Re-Acknowledgements and run it again.',
					{ timing: timing as unknown as IDataObject },
				);
				continue;
			}
			try {
				const sent = await submitDocument.call(
					this,
					'acknowledgement',
					reacknowledgement.request,
					itemIndex,
					wait,
				);
				const submission: IDataObject = {
					transactionId: sent.transactionId,
					status: sent.status,
					final: sent.final,
					errors: sent.errors as unknown as IDataObject[],
				};
				if (sent.status === 'Failure') {
					blockedOut(
						'REACKNOWLEDGEMENT_REFUSED',
						`Amazon refused the re-acknowledgement (transaction ${sent.transactionId}): ${sent.errors.map((e) => `${e.code}: ${e.message}`).join('; ') || 'no reason given'}`,
						"Correct the re-acknowledgement as Amazon's errors say and send it within 48 hours of the change (Amazon Vendor Central node, Acknowledgement > Submit); the platform order was not changed.",
						submission,
					);
					continue;
				}
				apply.push({ json: { ...out, ...submission }, pairedItem: { item: itemIndex } });
			} catch (error) {
				if (!(error instanceof NodeApiError) && !this.continueOnFail()) {
					throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
				}
				blockedOut(
					'REACKNOWLEDGEMENT_NOT_SENT',
					`The re-acknowledgement could not be sent: ${(error as Error).message}`,
					'Run the change again once Amazon can be reached (the platform order was not changed), within 48 hours of the change.',
					{ description: (error as NodeApiError).description ?? null },
				);
			}
		}
		return [apply, blocked, noChange];
	}
}
