import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { MapOptions, MappingIndex } from '../shared/domain/caseMapping';
import type { ChangeOrderOptions } from '../shared/domain/changeOrder';
import type { WaitOptions } from '../shared/transport/documents';
import { mappingIndex, mappingRows } from '../shared/transport/mappingInput';
import { acknowledgementOptionsOf } from '../shared/descriptions/acknowledgement';
import { priceToleranceOf } from '../shared/descriptions/mapping';
import { readWaitOptions } from '../shared/descriptions/wait';

/** How the Shopify order edit is made: restock, notify the customer, the staff note. */
export interface ShopifyEditOptions {
	restock: boolean;
	notifyCustomer: boolean;
	staffNote?: string;
}

/** Everything Apply Change Order reads once per run: the mapping and the node's parameters. */
export interface ApplyChangeOrderOptions {
	mapping: MappingIndex;
	/** Shopify variant per SKU from the mapping rows. */
	mappingVariantIds: Record<string, string>;
	changeOrder: ChangeOrderOptions;
	/** Whether to add the Shopify OrderEdit sequence to the output. */
	shopify: boolean;
	shopifyEdit: ShopifyEditOptions;
	/** Whether to send the re-acknowledgement to Amazon. */
	submit: boolean;
	sendLate: boolean;
	wait?: WaitOptions;
}

function list(value: unknown): string[] {
	return String(value ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
}

/** The Shopify variant of each SKU in the mapping rows that names one. */
function variantIdsOf(rows: IDataObject[]): Record<string, string> {
	const ids: Record<string, string> = {};
	for (const row of rows) {
		const sku = typeof row.sku === 'string' ? row.sku.trim() : undefined;
		const variant = row.variantId;
		const usable = typeof variant === 'string' || typeof variant === 'number';
		if (sku && usable && String(variant).trim() !== '') ids[sku] = String(variant).trim();
	}
	return ids;
}

function changeOrderOptions(
	context: IExecuteFunctions,
	itemIndex: number,
	extra: IDataObject,
): ChangeOrderOptions {
	const parameter = (name: string, fallback: unknown) =>
		context.getNodeParameter(name, itemIndex, fallback);
	const mapOptions: Partial<MapOptions> = {
		matchFirst: parameter('matchFirst', 'asin') as MapOptions['matchFirst'],
		priceTolerance: priceToleranceOf(extra),
	};
	return {
		acknowledgement: acknowledgementOptionsOf(extra, Date.now()),
		reacknowledge: parameter(
			'reacknowledge',
			'changedLines',
		) as ChangeOrderOptions['reacknowledge'],
		increases: (extra.increases as ChangeOrderOptions['increases']) ?? 'accept',
		platformQuantity:
			(extra.platformQuantity as ChangeOrderOptions['platformQuantity']) ?? 'accepted',
		blockOnMappingExceptions: extra.blockOnMappingExceptions !== false,
		inFulfilmentStatuses: list(parameter('inFulfilmentStatuses', '')),
		inFulfilmentStatusesWithShipments: list(parameter('inFulfilmentStatusesWithShipments', '')),
		mapOptions,
	};
}

export function readOptions(
	context: IExecuteFunctions,
	itemIndex: number,
): ApplyChangeOrderOptions {
	const source = context.getNodeParameter('mappingSource', itemIndex) as string;
	const extra = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const rows = mappingRows.call(context, source);
	const mapping = mappingIndex.call(context, source, rows);
	const changeOrder = changeOrderOptions(context, itemIndex, extra);
	const format = context.getNodeParameter('editPlanFormat', itemIndex, 'neutral') as string;
	const submit = context.getNodeParameter('submitReacknowledgement', itemIndex, false) as boolean;
	const staffNote = typeof extra.staffNote === 'string' ? extra.staffNote.trim() : '';
	return {
		mapping,
		mappingVariantIds: variantIdsOf(rows),
		changeOrder,
		shopify: format === 'neutralAndShopify',
		shopifyEdit: {
			restock: extra.restock !== false,
			notifyCustomer: extra.notifyCustomer === true,
			...(staffNote !== '' ? { staffNote } : {}),
		},
		submit,
		sendLate: extra.sendLate === true,
		wait: readWaitOptions(context, itemIndex, submit, true),
	};
}
