/**
 * A Direct Fulfillment inventory update (vendorDirectFulfillmentInventoryV1 submitInventoryUpdate)
 * from availability figures, one per item: the request body, checked before anything is sent.
 * Amazon's model asks for either the buyer product identifier (ASIN) or the vendor product
 * identifier of each item; updates that carry only the vendor product identifier have been reported
 * to fail (amzn/selling-partner-api-models issue 180), so give the ASIN when it is known.
 * Pure: no n8n imports.
 */
import { InvalidInputError } from '../inputError';

export interface DirectFulfillmentFigure {
	buyerProductIdentifier?: string;
	vendorProductIdentifier?: string;
	/** Eaches available in the warehouse. */
	available: number;
	isObsolete?: boolean;
	/** The input item the figure came from, for errors. */
	itemIndex?: number;
}

export interface InventoryUpdateOptions {
	sellingPartyId: string;
	/** True: every item of the warehouse left out is set to 0 by Amazon. */
	isFullUpdate: boolean;
	/** Default `Each`. */
	unitOfMeasure?: string;
}

export interface InventoryUpdateBody {
	inventory: {
		sellingParty: { partyId: string };
		isFullUpdate: boolean;
		items: Array<{
			buyerProductIdentifier?: string;
			vendorProductIdentifier?: string;
			availableQuantity: { amount: number; unitOfMeasure: string };
			isObsolete?: boolean;
		}>;
	};
}

const text = (value: unknown): string | undefined => {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

/** The request body; a figure without identifier or quantity, or an item twice, is an error. */
export function inventoryUpdateBody(
	figures: readonly DirectFulfillmentFigure[],
	options: InventoryUpdateOptions,
): InventoryUpdateBody {
	const partyId = text(options.sellingPartyId);
	if (!partyId) throw new InvalidInputError('Selling Party ID is required', 'sellingPartyId');
	if (figures.length === 0)
		throw new InvalidInputError(
			options.isFullUpdate
				? 'a full update with no item would set every item of the warehouse to 0: nothing was sent'
				: 'the update has no item',
			'items',
		);
	const seen = new Map<string, number>();
	const items = figures.map((f, i) => {
		const path = `items[${i}]`;
		const itemIndex = f.itemIndex ?? i;
		const asin = text(f.buyerProductIdentifier);
		const vendor = text(f.vendorProductIdentifier);
		if (!asin && !vendor)
			throw new InvalidInputError(
				`item ${itemIndex} has neither an ASIN (buyer product identifier) nor a vendor product identifier`,
				path,
				itemIndex,
			);
		const key = asin ? `asin:${asin}` : `vendor:${vendor}`;
		if (seen.has(key))
			throw new InvalidInputError(
				`item ${itemIndex} lists ${asin ?? vendor} again (first in item ${seen.get(key)})`,
				path,
				itemIndex,
			);
		seen.set(key, itemIndex);
		const amount = typeof f.available === 'string' ? Number(f.available) : f.available;
		if (!Number.isSafeInteger(amount) || amount < 0)
			throw new InvalidInputError(
				`item ${itemIndex}: the available quantity must be a whole number of 0 or more, got ${JSON.stringify(f.available)}`,
				`${path}.availableQuantity.amount`,
				itemIndex,
			);
		return {
			...(asin ? { buyerProductIdentifier: asin } : {}),
			...(vendor ? { vendorProductIdentifier: vendor } : {}),
			availableQuantity: { amount, unitOfMeasure: options.unitOfMeasure ?? 'Each' },
			...(f.isObsolete === true ? { isObsolete: true } : {}),
		};
	});
	return {
		inventory: { sellingParty: { partyId }, isFullUpdate: options.isFullUpdate, items },
	};
}
