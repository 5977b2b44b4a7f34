/**
 * The X12 846 inventory advice of what a warehouse (or a vendor code) can offer Amazon: per product
 * the quantity available, in eaches or whole cases, and optionally its cost, as the stock domain's
 * availableToPromise (nodes/shared/domain/stock) gives it per SKU and channel (`available` eaches,
 * `cases` for a channel that takes whole cases), with the product identifiers added by the caller.
 *
 * Guide: Stedi, "Amazon Retail Inventory Inquiry/Advice", X12 846, release 4010
 * (https://www.stedi.com/app/guides/view/amazon/retail-inventory-inquiryadvice/01H198XS0XCZQ6RGDAA169AFBY,
 * sample "Retail Cost And Inventory"), read 2026-12-07. The stored copy shows the heading (ST, BIA,
 * N1 loop); the rest follows the X12 4010 846 and must be checked against the guide data of
 * nodes/shared/domain/edi/guides/ when it is merged. Written:
 * - BIA: BIA01 `00` original, BIA02 `MM` (manufacturer / distributor inventory report), BIA03 the
 *   caller's report reference, BIA04 the report date.
 * - N1 loop: N1 `WH` warehouse or `VN` vendor with `92` and the code Amazon knows it by.
 * - LIN loop per product: LIN the product id (the 850's pair when given, else `BP` ASIN, else `VN`
 *   vendor product identifier, else `VN` SKU), CTP `NET` with the cost when given (a decimal
 *   string), QTY `33` (quantity available for sale) with the quantity and unit `EA` or `CA`.
 * - CTT01 the number of LIN segments, CTT02 the sum of QTY02.
 * One set is one location: the SDQ segment (quantities per destination) is not written.
 * Pure: no n8n imports.
 */
import type { SegmentInput, TransactionSetInput } from '../../x12';
import { shown } from '../../values';
import {
	fail,
	listAt,
	nonNegativeDecimal,
	objectAt,
	own,
	optionalText,
	PRODUCT_ID_MAX,
	productIdOf,
	text,
	wholeNumber,
	x12Date,
	type EdiProductId,
} from './common';

export interface InventoryAdviceItem {
	/** The platform SKU (written as `VN` when the item has no other identifier). */
	sku?: string;
	amazonProductIdentifier?: string;
	vendorProductIdentifier?: string;
	/** The 850's own product id pair, when the product came on an 850. */
	ediProduct?: EdiProductId;
	/** Eaches available (availableToPromise's `available`). */
	available: number;
	/** Whole cases available (availableToPromise's `cases`); required for unit `CA`. */
	cases?: number;
	/** `EA` (default): QTY02 is `available`; `CA`: QTY02 is `cases`. */
	unit?: 'EA' | 'CA';
	/** The cost per each, a decimal string. */
	cost?: string;
}

export interface Write846Input {
	/** Who reports: a warehouse (`WH`) or a vendor code (`VN`), by the code Amazon knows. */
	location: { type: 'warehouse' | 'vendorCode'; code: string; name?: string };
	/** BIA03, the report's own reference (unique per report). */
	reference: string;
	/** BIA04, ISO 8601 date or date-time. */
	date: string;
	items: readonly InventoryAdviceItem[];
	/** ST02; writeOutbound numbers the sets itself. Default 1. */
	controlNumber?: string | number;
}

const LOCATION_CODES = { warehouse: 'WH', vendorCode: 'VN' } as const;

function itemSegments(
	value: unknown,
	path: string,
): { segments: SegmentInput[]; quantity: number } {
	const item = objectAt(value, path);
	const hasIds = [item.ediProduct, item.amazonProductIdentifier, item.vendorProductIdentifier].some(
		(v) => v !== undefined,
	);
	const id = hasIds
		? productIdOf(item, path)
		: { qualifier: 'VN', value: text(item.sku, `${path}.sku`, PRODUCT_ID_MAX) };
	const unit = item.unit ?? 'EA';
	if (unit !== 'EA' && unit !== 'CA') fail(`${path}.unit`, `must be EA or CA (got ${shown(unit)})`);
	const available = wholeNumber(item.available, `${path}.available`);
	const quantity = unit === 'CA' ? wholeNumber(item.cases, `${path}.cases`) : available;
	const segments: SegmentInput[] = [['LIN', undefined, id.qualifier, id.value]];
	if (item.cost !== undefined)
		segments.push(['CTP', undefined, 'NET', nonNegativeDecimal(item.cost, `${path}.cost`)]);
	segments.push(['QTY', '33', quantity, unit]);
	return { segments, quantity };
}

/** The 846 of one location (see the module notes); bad input is an InvalidInputError. */
export function write846(input: Write846Input): TransactionSetInput {
	const location = objectAt(input.location, 'location');
	const entity = own<string>(LOCATION_CODES, location.type);
	if (entity === undefined)
		fail('location.type', `must be warehouse or vendorCode (got ${shown(location.type)})`);
	const body: SegmentInput[] = [
		['BIA', '00', 'MM', text(input.reference, 'reference', 30), x12Date(input.date, 'date')],
		[
			'N1',
			entity,
			optionalText(location.name, 'location.name', 60),
			'92',
			text(location.code, 'location.code', 80, 2),
		],
	];
	let total = 0;
	const items = listAt(input.items, 'items');
	items.forEach((item, i) => {
		const line = itemSegments(item, `items[${i}]`);
		body.push(...line.segments);
		total += line.quantity;
	});
	return {
		id: '846',
		controlNumber: input.controlNumber ?? 1,
		segments: [...body, ['CTT', items.length, total]],
	};
}
