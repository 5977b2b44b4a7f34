import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { readMappedPurchaseOrder, type MappedPurchaseOrder } from '../shared/domain/caseMapping';
import { allocate, parseStockRows } from '../shared/domain/allocation';
import {
	acknowledgementTiming,
	backordersOf,
	buildAcknowledgement,
	describeBackorders,
	buildAcknowledgementRequest,
	checkReacknowledgement,
	validateAcknowledgementRequest,
	type AcknowledgementOptions,
	type PreviousAcknowledgement,
} from '../shared/domain/acknowledgement';
import { formatIssues } from '../shared/domain/validation';
import { readPath } from '../shared/domain/values';
import { submitDocument } from '../shared/transport/documents';
import { waitFields } from '../shared/descriptions/submission';

interface Candidate {
	itemIndex: number;
	mapped: MappedPurchaseOrder;
	previous?: PreviousAcknowledgement;
	context: IDataObject;
}

/** Stock given per item: `{sku: available}` or a list of `{sku, available}` rows. */
function stockRows(value: unknown): unknown[] {
	if (Array.isArray(value)) return value;
	if (value && typeof value === 'object')
		return Object.entries(value).map(([sku, available]) => ({ sku, available }));
	return [];
}

export class AcknowledgePo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Acknowledge PO',
		name: 'acknowledgePo',
		icon: {
			light: 'file:../../icons/amazonVendorCentral.svg',
			dark: 'file:../../icons/amazonVendorCentral.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["dryRun"] ? "dry run" : "submit to Amazon"}}',
		description:
			'Allocates real stock to mapped purchase orders and acknowledges every line to Amazon: Accepted, Backordered or Rejected',
		defaults: { name: 'Acknowledge PO' },
		usableAsTool: true,
		inputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Mapped POs', required: true },
			{ type: NodeConnectionTypes.Main, displayName: 'Stock' },
		],
		outputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Acknowledged' },
			{ type: NodeConnectionTypes.Main, displayName: 'Exceptions' },
		],
		credentials: [{ name: 'amazonVendorCentralApi', required: true }],
		properties: [
			{
				displayName:
					'Stock is shared by all purchase orders of one run, oldest first: two purchase orders never get the same units. Only whole cases are accepted on case lines.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Stock Source',
				name: 'stockSource',
				type: 'options',
				options: [
					{
						name: 'Second Input',
						value: 'input',
						description: 'Items of the Stock input, each {sku, available} in eaches',
					},
					{
						name: 'Field of Each Item',
						value: 'field',
						description:
							'A field of the purchase order items: {sku: available} or a list of {sku, available}',
					},
				],
				default: 'input',
			},
			{
				displayName: 'Stock Field',
				name: 'stockField',
				type: 'string',
				default: 'stock',
				displayOptions: { show: { stockSource: ['field'] } },
				description: 'Path of the stock in each item, e.g. stock or shop.available',
			},
			{
				displayName: 'Backorder What Is Missing',
				name: 'backorder',
				type: 'boolean',
				default: false,
				description:
					'Whether to acknowledge missing units as Backordered on lines where Amazon allows it (isBackOrderAllowed); otherwise they are Rejected as TemporarilyUnavailable. Backordered units are promised to Amazon: the output lists them per SKU with their date (backorders, backorderNote), for the shop order that ships them when stock arrives.',
			},
			{
				displayName: 'Dry Run',
				name: 'dryRun',
				type: 'boolean',
				default: false,
				description:
					'Whether to build and check the acknowledgements without sending them to Amazon',
			},
			...waitFields([], []).map((f) => ({
				...f,
				default: f.name === 'waitUntilFinal' ? true : f.default,
				displayOptions:
					f.name === 'waitUntilFinal'
						? { show: { dryRun: [false] } }
						: { show: { dryRun: [false], waitUntilFinal: [true] } },
			})),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Backorder Delay (Days)',
						name: 'backorderDelayDays',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 7,
						description: 'Backordered units are scheduled this many days after the accepted ones',
					},
					{
						displayName: 'Net Cost',
						name: 'netCost',
						type: 'options',
						options: [
							{ name: 'As on the Purchase Order', value: 'purchaseOrder' },
							{ name: 'Agreed Cost From the Mapping (Never Above the PO)', value: 'agreedCost' },
						],
						default: 'purchaseOrder',
					},
					{
						displayName: 'Previous Acknowledgement Field',
						name: 'previousField',
						type: 'string',
						default: 'previousAcknowledgement',
						description:
							"Field that holds what was acknowledged before, for a changed purchase order. An item with it is a re-acknowledgement: allowed within 48 hours of Amazon's change, and a line once Rejected is never sent as Accepted or Backordered.",
					},
					{
						displayName: 'Scheduled Delivery Date',
						name: 'scheduledDeliveryDate',
						type: 'dateTime',
						default: '',
						description: 'Instead of the start of the delivery window',
					},
					{
						displayName: 'Scheduled Ship Date',
						name: 'scheduledShipDate',
						type: 'dateTime',
						default: '',
						description: 'Instead of the start of the ship window',
					},
					{
						displayName: 'Send Late Acknowledgements',
						name: 'sendLate',
						type: 'boolean',
						default: false,
						description:
							'Whether to still send purchase orders older than 24 hours; otherwise they go to Exceptions unsent',
					},
					{
						displayName: 'Vendor Code',
						name: 'sellingPartyId',
						type: 'string',
						default: '',
						description: 'Used only for a purchase order that names no selling party',
					},
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData(0);
		const acknowledged: INodeExecutionData[] = [];
		const exceptions: INodeExecutionData[] = [];
		if (!items.length) return [acknowledged, exceptions];
		const exception = (itemIndex: number, json: IDataObject) =>
			exceptions.push({ json, pairedItem: { item: itemIndex } });

		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const previousField = String(options.previousField ?? 'previousAcknowledgement');
		const dryRun = this.getNodeParameter('dryRun', 0, false) as boolean;
		const backorder = this.getNodeParameter('backorder', 0, false) as boolean;
		const stockSource = this.getNodeParameter('stockSource', 0) as string;
		const now = Date.now();

		// 1. Read the mapped purchase orders.
		const candidates: Candidate[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const json = items[itemIndex].json;
			let mapped: MappedPurchaseOrder;
			try {
				mapped = readMappedPurchaseOrder(json);
			} catch (error) {
				const message = `Item ${itemIndex} is not a mapped purchase order (connect the Mapped output of Map ASIN / Case Pack): ${(error as Error).message}`;
				if (!this.continueOnFail())
					throw new NodeOperationError(this.getNode(), message, { itemIndex });
				exception(itemIndex, { reason: 'notMapped', error: message });
				continue;
			}
			const previous = readPath(json, previousField) as PreviousAcknowledgement | undefined;
			const context: IDataObject = {};
			for (const key of ['event', 'eventKey', 'changeDate'])
				if (json[key] !== undefined) context[key] = json[key];
			candidates.push({
				itemIndex,
				mapped,
				previous: previous && typeof previous === 'object' ? previous : undefined,
				context,
			});
		}

		// 2. Stock, shared by every purchase order of this run.
		let stock: Record<string, number>;
		try {
			const rows: unknown[] = [];
			if (stockSource === 'input') {
				for (const item of this.getInputData(1)) rows.push(item.json);
			} else {
				const field = this.getNodeParameter('stockField', 0, 'stock') as string;
				const seen = new Set<string>();
				for (const c of candidates) {
					for (const row of stockRows(readPath(items[c.itemIndex].json, field))) {
						const sku = String((row as IDataObject).sku ?? '');
						if (seen.has(sku)) continue; // the same snapshot is usually repeated on each item
						seen.add(sku);
						rows.push(row);
					}
				}
			}
			stock = parseStockRows(rows).stock;
		} catch (error) {
			throw new NodeOperationError(
				this.getNode(),
				`The stock cannot be read: ${(error as Error).message}`,
			);
		}

		// 3. Allocate, oldest purchase order first.
		const allocation = allocate(
			candidates.map((c) => c.mapped),
			stock,
			{ backorder },
		);
		for (const skipped of allocation.skipped) {
			const c = candidates[skipped.inputIndex];
			exception(c.itemIndex, {
				...c.context,
				purchaseOrderNumber: skipped.purchaseOrderNumber,
				reason: 'notAllocated',
				message: skipped.reason,
				purchaseOrder: c.mapped.purchaseOrder as unknown as IDataObject,
			});
		}

		const ackOptions: AcknowledgementOptions = {
			now,
			netCost: (options.netCost as AcknowledgementOptions['netCost']) ?? 'purchaseOrder',
			backorderDelayDays: (options.backorderDelayDays as number) ?? 7,
			...(options.scheduledShipDate
				? { scheduledShipDate: String(options.scheduledShipDate) }
				: {}),
			...(options.scheduledDeliveryDate
				? { scheduledDeliveryDate: String(options.scheduledDeliveryDate) }
				: {}),
			...(options.sellingPartyId ? { sellingPartyId: String(options.sellingPartyId) } : {}),
		};
		const wait =
			!dryRun && (this.getNodeParameter('waitUntilFinal', 0, true) as boolean)
				? {
						maxWaitMs: (this.getNodeParameter('maxWaitSeconds', 0, 300) as number) * 1000,
						intervalMs: (this.getNodeParameter('pollIntervalSeconds', 0, 10) as number) * 1000,
					}
				: undefined;

		// 4. Build, check and send one acknowledgement per purchase order.
		for (const order of allocation.orders) {
			const c = candidates[order.inputIndex];
			const po = c.mapped.purchaseOrder;
			const base: IDataObject = {
				...c.context,
				purchaseOrderNumber: po.purchaseOrderNumber,
				allocation: { lines: order.lines, skus: order.skus } as unknown as IDataObject,
				purchaseOrder: po as unknown as IDataObject,
				lines: c.mapped.lines as unknown as IDataObject[],
			};
			let built;
			let backorders;
			try {
				built = buildAcknowledgement(c.mapped, order, ackOptions);
				backorders = backordersOf(built.acknowledgement, order);
			} catch (error) {
				exception(c.itemIndex, {
					...base,
					reason: 'cannotBuild',
					message: (error as Error).message,
				});
				continue;
			}
			const body = buildAcknowledgementRequest([built.acknowledgement]);
			const withAck: IDataObject = {
				...base,
				acknowledgement: built.acknowledgement as unknown as IDataObject,
				backorders: backorders as unknown as IDataObject[],
				backorderNote: describeBackorders(backorders),
				warnings: built.warnings,
			};

			const timing = acknowledgementTiming(po, now);
			if (c.previous) {
				const check = checkReacknowledgement(c.previous, built.acknowledgement);
				if (!check.allowed) {
					exception(c.itemIndex, {
						...withAck,
						reason: 'rejectedLineAccepted',
						message: 'A line once Rejected cannot become Accepted or Backordered: nothing was sent',
						transitions: check.transitions as unknown as IDataObject[],
					});
					continue;
				}
				if (!timing.withinChangeWindow && !options.sendLate) {
					exception(c.itemIndex, {
						...withAck,
						reason: 'late',
						message: `The change of ${timing.lastChangedAt} had to be re-acknowledged by ${timing.reacknowledgeBy}: nothing was sent`,
						timing: timing as unknown as IDataObject,
					});
					continue;
				}
			} else if (timing.pastAcknowledgementDeadline && !options.sendLate) {
				exception(c.itemIndex, {
					...withAck,
					reason: 'late',
					message: `Amazon expected this acknowledgement by ${timing.acknowledgeBy}: nothing was sent`,
					timing: timing as unknown as IDataObject,
				});
				continue;
			}

			const validation = validateAcknowledgementRequest(body);
			if (!validation.ok) {
				exception(c.itemIndex, {
					...withAck,
					reason: 'invalidAcknowledgement',
					message: "The acknowledgement does not match Amazon's model: nothing was sent",
					issues: formatIssues(validation.issues),
				});
				continue;
			}
			if (dryRun) {
				acknowledged.push({
					json: { ...withAck, dryRun: true, status: 'NotSent' },
					pairedItem: { item: c.itemIndex },
				});
				continue;
			}
			try {
				const result = await submitDocument.call(this, 'acknowledgement', body, c.itemIndex, wait);
				const json: IDataObject = {
					...withAck,
					transactionId: result.transactionId,
					status: result.status,
					final: result.final,
					errors: result.errors as unknown as IDataObject[],
				};
				if (result.status === 'Failure')
					exception(c.itemIndex, {
						...json,
						reason: 'transactionFailure',
						message: 'Amazon refused the acknowledgement',
					});
				else acknowledged.push({ json, pairedItem: { item: c.itemIndex } });
			} catch (error) {
				if (!(error instanceof NodeApiError) && !this.continueOnFail()) {
					throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: c.itemIndex });
				}
				exception(c.itemIndex, {
					...withAck,
					reason: 'apiError',
					message: (error as Error).message,
					description: (error as NodeApiError).description ?? null,
				});
			}
		}
		return [acknowledged, exceptions];
	}
}
