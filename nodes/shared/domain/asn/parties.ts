/**
 * The parties of the ASN: one vendor code (sellingParty) and one destination (shipToParty) over
 * the purchase orders shipped, and the ship-from party. Pure: no n8n imports.
 */
import type { Placement } from './contents';
import type { ProblemCollector } from './problems';
import { isObject, text } from './read';
import type { AcknowledgedPurchaseOrder, AsnShipment } from './types';

export interface Parties {
	/** The purchase orders with something in the shipment. */
	involvedPos: AcknowledgedPurchaseOrder[];
	sellingPartyId?: string;
	shipToPartyId?: string;
}

export function readParties(
	shipment: AsnShipment,
	placements: readonly Placement[],
	fallbackSellingPartyId: string | undefined,
	c: ProblemCollector,
): Parties {
	const involved = new Map<string, AcknowledgedPurchaseOrder>();
	for (const p of placements) involved.set(p.ref.po.purchaseOrderNumber, p.ref.po);
	const involvedPos = [...involved.values()];
	const vendorCodes = [
		...new Set(involvedPos.map((po) => po.sellingPartyId).filter((v) => v !== '')),
	];
	const destinations = [
		...new Set(involvedPos.map((po) => po.shipToPartyId).filter((v) => v !== '')),
	];
	if (vendorCodes.length > 1)
		c.add(
			'MIXED_VENDOR_CODES',
			`One ASN is for one vendor code; the shipment mixes ${vendorCodes.join(', ')}`,
			undefined,
			{ vendorCodes },
		);
	if (destinations.length > 1)
		c.add(
			'MIXED_DESTINATIONS',
			`One ASN is for one destination; the shipment mixes ${destinations.join(', ')}`,
			undefined,
			{ shipToPartyIds: destinations },
		);
	const sellingPartyId = vendorCodes[0] ?? fallbackSellingPartyId;
	const shipToPartyId = destinations[0];
	if (involvedPos.length && sellingPartyId === undefined)
		c.invalid(
			'No vendor code: the purchase orders have no sellingPartyId and no sellingPartyId option ' +
				'was given',
		);
	if (involvedPos.length && shipToPartyId === undefined)
		c.invalid('No destination: the purchase orders have no shipToPartyId');
	const shipFrom = shipment.shipFromParty;
	if (!isObject(shipFrom) || text(shipFrom.partyId) === undefined)
		c.invalid('shipFromParty.partyId is required', 'shipFromParty.partyId');
	return { involvedPos, sellingPartyId, shipToPartyId };
}
