/**
 * Build ASN's parameters, read with their types checked: those of the run (item 0: dry run, wait,
 * region, memory, the carrier table) and those of each item.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { parseCarrierTable, type AsnRegion, type CarrierRow } from '../shared/domain/asn';
import type { SameSkuLinesRule } from '../shared/domain/asn';
import { checkPackingOptions, type CartonPackingOptions } from '../shared/domain/asn';
import { readJsonRows } from '../shared/domain/asn';
import { readParameters, type ParameterReader } from '../shared/nodeSteps/parameters';
import { readSubmission, type SubmissionOptions } from '../shared/nodeSteps/submission';

export interface AsnRunOptions extends SubmissionOptions {
	region: AsnRegion;
	/** Remember the SSCCs and shipment identifiers of submitted ASNs in the static data. */
	remember: boolean;
	carriers: CarrierRow[];
}

/** Where the serials of generated SSCCs come from (the SSCC Serials parameter). */
export type SerialSource =
	| { source: 'warehouse' }
	| { source: 'count'; companyPrefix: string; extensionDigit: number }
	| {
			source: 'range';
			companyPrefix: string;
			extensionDigit: number;
			first: unknown;
			count: unknown;
	  }
	| { source: 'field'; companyPrefix: string; extensionDigit: number; field: string };

export interface AsnItemOptions {
	confirmationType: 'Original' | 'Replace';
	shipmentField: string;
	purchaseOrdersField: string;
	packing: Required<CartonPackingOptions>;
	sameSkuLines: SameSkuLinesRule;
	serials: SerialSource;
	requireAcknowledgement: boolean;
	includeBackordered: boolean;
	alreadyShippedField: string;
	usedSsccsField: string;
	previousField: string;
	/** `auto`: chosen from the containers given. */
	shipmentStructure: string;
	quantityUnit: 'purchaseOrder' | 'eaches';
	shipFromPartyId?: string;
	sellingPartyId?: string;
	estimatedTransitDays: number;
}

const REGIONS: readonly AsnRegion[] = ['NA', 'EU', 'FE', 'IN'];
const PACKING_FIELDS = ['cartonRule', 'eachesPacking', 'eachesPerCarton'];
const SSCC_SOURCES = ['warehouse', 'count', 'range', 'field'] as const;

export function readRunOptions(ctx: IExecuteFunctions): AsnRunOptions {
	const options = readParameters(ctx, 0, (p) => ({
		...readSubmission(p),
		region: p.choice('region', REGIONS, 'NA'),
		remember: p.collection('options').flag('remember', true),
		carrierSource: p.choice('carrierSource', ['table', 'json', 'input'], 'table'),
	}));
	const { carrierSource, ...run } = options;
	return { ...run, carriers: readCarriers(ctx, carrierSource) };
}

/** The carrier table, shared by every shipment of the run. */
function readCarriers(ctx: IExecuteFunctions, source: 'table' | 'json' | 'input'): CarrierRow[] {
	try {
		let rows: unknown[];
		if (source === 'input') rows = ctx.getInputData(1).map((item) => item.json);
		else if (source === 'json')
			rows = readJsonRows(ctx.getNodeParameter('carriersJson', 0, '[]'), 'Carriers (JSON)');
		else rows = (ctx.getNodeParameter('carriers.rows', 0, []) as unknown[]) ?? [];
		return parseCarrierTable(rows);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), 'The carrier table cannot be used', {
			description: (error as Error).message,
		});
	}
}

export function readOptions(ctx: IExecuteFunctions, itemIndex: number): AsnItemOptions {
	return readParameters(ctx, itemIndex, (p) => {
		const options = p.collection('options');
		return {
			confirmationType: p.choice('confirmationType', ['Original', 'Replace'], 'Original'),
			shipmentField: p.text('shipmentField', ''),
			purchaseOrdersField: p.text('purchaseOrdersField', 'purchaseOrders'),
			packing: readPacking(p),
			sameSkuLines: readSameSkuLines(options),
			serials: readSerialSource(p),
			requireAcknowledgement: options.flag('requireAcknowledgement', true),
			includeBackordered: options.flag('includeBackordered', true),
			alreadyShippedField: options.text('alreadyShippedField', 'alreadyShipped'),
			usedSsccsField: options.text('usedSsccsField', 'usedSsccs'),
			previousField: options.text('previousField', 'previousConfirmation'),
			shipmentStructure: options.text('shipmentStructure', 'auto'),
			quantityUnit: options.choice('quantityUnit', ['purchaseOrder', 'eaches'], 'purchaseOrder'),
			shipFromPartyId: options.text('shipFromPartyId', '') || undefined,
			sellingPartyId: options.text('sellingPartyId', '') || undefined,
			estimatedTransitDays: options.number('estimatedTransitDays', 0),
		};
	});
}

/** Cartons, Eaches Packing and Eaches per Carton, checked together. */
function readPacking(p: ParameterReader): Required<CartonPackingOptions> {
	try {
		return checkPackingOptions({
			cartonRule: p.raw('cartonRule', 'onePerCase') as CartonPackingOptions['cartonRule'],
			eachesPacking: p.raw('eachesPacking', 'asGiven') as CartonPackingOptions['eachesPacking'],
			eachesPerCarton: p.raw('eachesPerCarton', 0) as number,
		});
	} catch (error) {
		const message = (error as Error).message;
		const field = PACKING_FIELDS.find((f) => message.startsWith(f)) ?? 'eachesPerCarton';
		throw p.error(field, `Cartons / Eaches Packing / Eaches per Carton: ${message}`);
	}
}

function readSameSkuLines(options: ParameterReader): SameSkuLinesRule {
	const rule = options.raw('sameSkuLines', 'split');
	if (rule === 'split' || rule === 'exception') return rule;
	throw options.error(
		'sameSkuLines',
		'Same SKU on Several PO Lines must be Split in Line Order or Exception ' +
			`(got ${String(rule)})`,
	);
}

function readSerialSource(p: ParameterReader): SerialSource {
	const source = p.choice('ssccSource', SSCC_SOURCES, 'warehouse');
	if (source === 'warehouse') return { source };
	const prefix = {
		companyPrefix: p.text('companyPrefix', '').trim(),
		extensionDigit: p.raw('extensionDigit', 0) as number,
	};
	if (source === 'count') return { source, ...prefix };
	if (source === 'range')
		return { source, ...prefix, first: p.raw('firstSerial', 0), count: p.raw('serialCount', 0) };
	return { source, ...prefix, field: p.text('serialsField', 'ssccSerials') };
}
