import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import {
	acknowledgedPurchaseOrderFrom,
	buildShipmentConfirmation,
	countSsccsToGenerate,
	parseCarrierTable,
	type AcknowledgedPurchaseOrder,
	type AsnRegion,
	type AsnShipment,
	type BuildShipmentOptions,
	type CarrierRow,
	type PreviousConfirmation,
	type ShipmentConfirmationBuild,
	type ShipmentStructure,
	type SsccOptions,
} from '../shared/domain/asn';
import { assignContentsToLines, type SameSkuLinesRule } from '../shared/domain/asn';
import { checkPackingOptions, packCartons, type CartonPackingOptions } from '../shared/domain/asn';
import { parseSscc } from '../shared/domain/asn';
import type { ShipmentConfirmation } from '../shared/generated/vendorShipments';
import { submitDocument } from '../shared/transport/documents';
import { buildAsnProperties } from './description';
import {
	InputError,
	addQuantity,
	isObject,
	mergeQuantities,
	pruneTimed,
	quantitiesOfPo,
	readAcknowledgedOrders,
	readJsonRows,
	readPath,
	readPrevious,
	readShipment,
	readQuantities,
	readSerials,
	readStringList,
	serialRange,
	type AcknowledgedOrderInput,
} from '../shared/domain/asn';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Amazon refuses an SSCC or shipment identifier used in the last 365 days. */
const REUSE_WINDOW_MS = 365 * DAY_MS;
const MAX_REMEMBERED_SSCCS = 5000;
const MAX_REMEMBERED_SHIPMENTS = 2000;
/** A Replace is possible for 7 days: keep the confirmation a day longer. */
const KEEP_CONFIRMATION_MS = 8 * DAY_MS;

interface RememberedShipment {
	at: number;
	/** When the Original was submitted (the Replace window runs from it). */
	originalAt: number;
	sellingPartyId: string;
	confirmation?: ShipmentConfirmation;
}

interface AsnMemory {
	ssccs: Record<string, { at: number }>;
	shipments: Record<string, RememberedShipment>;
}

function iso(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function readMemory(staticData: IDataObject, now: number): AsnMemory {
	const ssccs = pruneTimed(
		(isObject(staticData.ssccs) ? staticData.ssccs : {}) as Record<string, { at: number }>,
		now,
		REUSE_WINDOW_MS,
		MAX_REMEMBERED_SSCCS,
	);
	const shipments = pruneTimed(
		(isObject(staticData.shipments) ? staticData.shipments : {}) as Record<
			string,
			RememberedShipment
		>,
		now,
		REUSE_WINDOW_MS,
		MAX_REMEMBERED_SHIPMENTS,
	);
	for (const s of Object.values(shipments))
		if (s.confirmation && now - s.at > KEEP_CONFIRMATION_MS) delete s.confirmation;
	return { ssccs, shipments };
}

function summary(build: ShipmentConfirmationBuild): string {
	const [first, ...rest] = build.exceptions;
	const more = rest.length
		? ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'})`
		: '';
	return `Nothing was sent: ${first?.message ?? 'the ASN could not be built'}${more}`;
}

export class BuildAsn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Build ASN',
		name: 'buildAsn',
		icon: {
			light: 'file:../../icons/amazonVendorCentral.svg',
			dark: 'file:../../icons/amazonVendorCentral.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle:
			'={{$parameter["ssccSource"] === "count" ? "check and count serials" : $parameter["dryRun"] ? "dry run" : "submit to Amazon"}}',
		description:
			"Builds Amazon's shipment confirmation (ASN) from a shipment and the purchase orders as acknowledged, with SSCC label data, checks it and submits it",
		defaults: { name: 'Build ASN' },
		usableAsTool: true,
		inputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Shipments', required: true },
			{ type: NodeConnectionTypes.Main, displayName: 'Carriers' },
		],
		outputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Submitted or Built' },
			{ type: NodeConnectionTypes.Main, displayName: 'Exceptions' },
		],
		credentials: [
			{
				name: 'amazonVendorCentralApi',
				required: true,
				displayOptions: { show: { dryRun: [false] } },
			},
		],
		properties: buildAsnProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData(0);
		const done: INodeExecutionData[] = [];
		const exceptions: INodeExecutionData[] = [];
		if (!items.length) return [done, exceptions];
		const exception = (itemIndex: number, json: IDataObject) =>
			exceptions.push({ json, pairedItem: { item: itemIndex } });

		const dryRun = this.getNodeParameter('dryRun', 0, false) as boolean;
		const region = this.getNodeParameter('region', 0, 'NA') as AsnRegion;
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const remember = options.remember !== false;
		const wait =
			!dryRun && (this.getNodeParameter('waitUntilFinal', 0, true) as boolean)
				? {
						maxWaitMs: (this.getNodeParameter('maxWaitSeconds', 0, 300) as number) * 1000,
						intervalMs: (this.getNodeParameter('pollIntervalSeconds', 0, 10) as number) * 1000,
					}
				: undefined;

		// The carrier table, shared by every shipment of the run.
		let carriers: CarrierRow[];
		try {
			const source = this.getNodeParameter('carrierSource', 0, 'table') as string;
			let rows: unknown[];
			if (source === 'input') rows = this.getInputData(1).map((item) => item.json);
			else if (source === 'json') {
				rows = readJsonRows(this.getNodeParameter('carriersJson', 0, '[]'), 'Carriers (JSON)');
			} else rows = (this.getNodeParameter('carriers.rows', 0, []) as IDataObject[]) ?? [];
			carriers = parseCarrierTable(rows);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), 'The carrier table cannot be used', {
				description: (error as Error).message,
			});
		}

		const staticData = this.getWorkflowStaticData('node');
		const memory = readMemory(staticData, Date.now());
		// What this run has built or sent so far: later shipments of the run see it.
		const runSsccs = new Set<string>();
		const runShipmentIds = new Set<string>();
		const runShipped = new Map<string, number>();
		let remembered = false;

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const json = items[itemIndex].json;
			const now = Date.now();
			const confirmationType = this.getNodeParameter('confirmationType', itemIndex, 'Original') as
				| 'Original'
				| 'Replace';
			const shipmentField = this.getNodeParameter('shipmentField', itemIndex, '') as string;
			const purchaseOrdersField = this.getNodeParameter(
				'purchaseOrdersField',
				itemIndex,
				'purchaseOrders',
			) as string;
			const itemOptions = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const ssccSource = this.getNodeParameter('ssccSource', itemIndex, 'warehouse') as string;
			const countOnly = ssccSource === 'count';
			let packingOptions: Required<CartonPackingOptions>;
			try {
				packingOptions = checkPackingOptions({
					cartonRule: this.getNodeParameter(
						'cartonRule',
						itemIndex,
						'onePerCase',
					) as CartonPackingOptions['cartonRule'],
					eachesPacking: this.getNodeParameter(
						'eachesPacking',
						itemIndex,
						'asGiven',
					) as CartonPackingOptions['eachesPacking'],
					eachesPerCarton: this.getNodeParameter('eachesPerCarton', itemIndex, 0) as number,
				});
			} catch (error) {
				throw new NodeOperationError(
					this.getNode(),
					`Cartons / Eaches Packing / Eaches per Carton: ${(error as Error).message}`,
					{ itemIndex },
				);
			}
			const sameSkuLines = (itemOptions.sameSkuLines ?? 'split') as SameSkuLinesRule;
			if (sameSkuLines !== 'split' && sameSkuLines !== 'exception') {
				throw new NodeOperationError(
					this.getNode(),
					`Same SKU on Several PO Lines must be Split in Line Order or Exception (got ${String(sameSkuLines)})`,
					{ itemIndex },
				);
			}
			const shipmentRaw = shipmentField ? readPath(json, shipmentField) : json;
			const shipmentId =
				isObject(shipmentRaw) && typeof shipmentRaw.shipmentIdentifier === 'string'
					? shipmentRaw.shipmentIdentifier
					: undefined;
			const context: IDataObject = { shipmentIdentifier: shipmentId ?? null, confirmationType };

			// 1. Read the item: shipment, purchase orders, quantities, serials.
			let shipment: AsnShipment;
			let orders: AcknowledgedOrderInput[];
			let purchaseOrders: AcknowledgedPurchaseOrder[];
			let sscc: SsccOptions | undefined;
			let previous: PreviousConfirmation | undefined;
			let packingFigures: IDataObject = {};
			let packingWarnings: string[] = [];
			try {
				shipment = readShipment(shipmentRaw, shipmentField);
				if (!isObject(shipment.shipFromParty) && itemOptions.shipFromPartyId)
					shipment.shipFromParty = { partyId: String(itemOptions.shipFromPartyId) };
				orders = readAcknowledgedOrders(
					readPath(json, purchaseOrdersField),
					purchaseOrdersField,
					itemOptions.requireAcknowledgement !== false,
				);
				const shippedField = String(itemOptions.alreadyShippedField ?? 'alreadyShipped');
				const alreadyShipped = mergeQuantities(
					readQuantities(readPath(json, shippedField), shippedField),
					runShipped,
				);
				purchaseOrders = orders.map((o) =>
					acknowledgedPurchaseOrderFrom(
						o,
						o.acknowledgement,
						quantitiesOfPo(alreadyShipped, o.purchaseOrder, o.lines),
						{
							includeBackordered: itemOptions.includeBackordered !== false,
						},
					),
				);

				// The PO lines of each content (same SKU on several lines), then the physical cartons.
				const assignment = assignContentsToLines(shipment, purchaseOrders, sameSkuLines);
				const packing = packCartons(assignment.shipment, purchaseOrders, packingOptions);
				shipment = packing.shipment;
				packingWarnings = [...assignment.warnings, ...packing.warnings];
				packingFigures = {
					givenCartonCount: packing.givenCartonCount,
					cartonCount: packing.cartonCount,
					lineSplits: assignment.splits as unknown as IDataObject[],
				};

				const usedField = String(itemOptions.usedSsccsField ?? 'usedSsccs');
				const usedSsccs = [
					...readStringList(readPath(json, usedField), usedField),
					...Object.keys(memory.ssccs),
					...runSsccs,
				];
				if (ssccSource === 'warehouse') {
					sscc = { generate: 'never', usedSsccs };
				} else {
					const companyPrefix = String(
						this.getNodeParameter('companyPrefix', itemIndex, ''),
					).trim();
					const extensionDigit = this.getNodeParameter('extensionDigit', itemIndex, 0) as number;
					let serials: Array<number | string>;
					if (countOnly) {
						serials = [];
					} else if (ssccSource === 'range') {
						serials = serialRange(
							this.getNodeParameter('firstSerial', itemIndex, 0),
							this.getNodeParameter('serialCount', itemIndex, 0),
							'SSCC serials',
						);
					} else {
						const serialsField = this.getNodeParameter(
							'serialsField',
							itemIndex,
							'ssccSerials',
						) as string;
						serials = readSerials(readPath(json, serialsField), serialsField);
					}
					sscc = {
						companyPrefix,
						extensionDigit,
						serials,
						usedSsccs,
						...(countOnly ? { placeholders: true } : {}),
					};
				}

				if (confirmationType === 'Replace') {
					const previousField = String(itemOptions.previousField ?? 'previousConfirmation');
					previous = readPrevious(readPath(json, previousField));
					const kept = shipmentId !== undefined ? memory.shipments[shipmentId] : undefined;
					if (!previous && kept?.confirmation)
						previous = { confirmation: kept.confirmation, submittedAt: iso(kept.originalAt) };
				}
			} catch (error) {
				if (!(error instanceof InputError) && !(error instanceof TypeError))
					throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
				exception(itemIndex, {
					...context,
					reason: 'invalidInput',
					message: (error as Error).message,
				});
				continue;
			}

			// 2. Build and check.
			const structure = String(itemOptions.shipmentStructure ?? 'auto');
			const buildOptions: BuildShipmentOptions = {
				region,
				carriers,
				now,
				confirmationType,
				usedShipmentIdentifiers: [...Object.keys(memory.shipments), ...runShipmentIds],
				sscc,
				quantityUnit: itemOptions.quantityUnit === 'eaches' ? 'eaches' : 'purchaseOrder',
				...(previous ? { previous } : {}),
				...(structure !== 'auto' ? { shipmentStructure: structure as ShipmentStructure } : {}),
				...(itemOptions.sellingPartyId
					? { sellingPartyId: String(itemOptions.sellingPartyId) }
					: {}),
			};
			let build: ShipmentConfirmationBuild;
			try {
				build = buildShipmentConfirmation(shipment, purchaseOrders, buildOptions);
			} catch (error) {
				throw new NodeOperationError(
					this.getNode(),
					`The ASN options cannot be used: ${(error as Error).message}`,
					{ itemIndex },
				);
			}
			const purchaseOrderNumbers = [
				...new Set(build.shippedLines.map((l) => l.purchaseOrderNumber)),
			];
			const figures: IDataObject = {
				...context,
				purchaseOrderNumbers,
				shipmentStructure: build.shipmentStructure ?? null,
				carrierScac: build.carrierScac ?? null,
				shippedLines: build.shippedLines as unknown as IDataObject[],
				...packingFigures,
				warnings: [...packingWarnings, ...build.warnings],
			};
			if (build.ok && build.checkedOnly) {
				// Checked with placeholder SSCCs: nothing is sent, printed or remembered.
				for (const l of build.shippedLines)
					addQuantity(runShipped, l.purchaseOrderNumber, l.itemSequenceNumber, l.shippedQuantity);
				if (confirmationType === 'Original' && shipmentId !== undefined)
					runShipmentIds.add(shipmentId);
				done.push({
					json: {
						...figures,
						status: 'Checked',
						checkedOnly: true,
						ssccSerialsNeeded: build.ssccSerialsNeeded,
						cartons: shipment.cartons as unknown as IDataObject[],
					},
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			if (!build.ok || !build.request || !build.confirmation) {
				const needed = sscc?.companyPrefix
					? countSsccsToGenerate(shipment, { region, sscc: { companyPrefix: sscc.companyPrefix } })
					: 0;
				exception(itemIndex, {
					...figures,
					reason: 'invalidShipment',
					message: summary(build),
					exceptions: build.exceptions as unknown as IDataObject[],
					ssccSerialsNeeded: needed,
				});
				continue;
			}

			const confirmation = build.confirmation;
			const submittedAt = iso(now);
			const originalSubmittedAt =
				confirmationType === 'Replace' && previous ? previous.submittedAt : submittedAt;
			const built: IDataObject = {
				...figures,
				submittedAt,
				originalSubmittedAt,
				labels: build.labels as unknown as IDataObject[],
				generatedSsccs: build.generatedSsccs as unknown as IDataObject[],
				confirmation: confirmation as unknown as IDataObject,
				purchaseOrders: orders as unknown as IDataObject[],
			};
			const ssccs = [
				...(confirmation.cartons ?? []).flatMap((c) => c.cartonIdentifiers ?? []),
				...(confirmation.pallets ?? []).flatMap((p) => p.palletIdentifiers ?? []),
			]
				.filter((id) => id.containerIdentificationType === 'SSCC')
				.map((id) => parseSscc(id.containerIdentificationNumber))
				.flatMap((p) => (p.ok ? [p.sscc] : []));
			const keep = () => {
				for (const s of ssccs) runSsccs.add(s);
				runShipmentIds.add(confirmation.shipmentIdentifier);
				// A Replace restates the shipment: its quantities are not added to what shipped before.
				if (confirmationType === 'Original')
					for (const l of build.shippedLines)
						addQuantity(runShipped, l.purchaseOrderNumber, l.itemSequenceNumber, l.shippedQuantity);
			};

			if (dryRun) {
				keep();
				done.push({
					json: { ...built, dryRun: true, status: 'NotSent' },
					pairedItem: { item: itemIndex },
				});
				continue;
			}

			// 3. Submit and await the transaction.
			try {
				const result = await submitDocument.call(
					this,
					'shipmentConfirmation',
					build.request,
					itemIndex,
					wait,
				);
				const out: IDataObject = {
					...built,
					transactionId: result.transactionId,
					status: result.status,
					final: result.final,
					errors: result.errors as unknown as IDataObject[],
				};
				if (result.status === 'Failure') {
					exception(itemIndex, {
						...out,
						reason: 'transactionFailure',
						message: 'Amazon refused the ASN: nothing was recorded',
					});
					continue;
				}
				keep();
				if (remember) {
					remembered = true;
					const at = Date.now();
					for (const s of ssccs) memory.ssccs[s] = { at };
					const before = memory.shipments[confirmation.shipmentIdentifier];
					memory.shipments[confirmation.shipmentIdentifier] = {
						at,
						originalAt:
							confirmationType === 'Replace' && previous
								? Date.parse(previous.submittedAt)
								: (before?.originalAt ?? at),
						sellingPartyId: confirmation.sellingParty.partyId,
						confirmation,
					};
				}
				done.push({ json: out, pairedItem: { item: itemIndex } });
			} catch (error) {
				if (!(error instanceof NodeApiError) && !this.continueOnFail()) {
					throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
				}
				exception(itemIndex, {
					...built,
					reason: 'apiError',
					message: (error as Error).message,
					description: (error as NodeApiError).description ?? null,
				});
			}
		}

		if (remembered) {
			const now = Date.now();
			staticData.ssccs = pruneTimed(
				memory.ssccs,
				now,
				REUSE_WINDOW_MS,
				MAX_REMEMBERED_SSCCS,
			) as unknown as IDataObject;
			staticData.shipments = pruneTimed(
				memory.shipments,
				now,
				REUSE_WINDOW_MS,
				MAX_REMEMBERED_SHIPMENTS,
			) as unknown as IDataObject;
		}
		return [done, exceptions];
	}
}
