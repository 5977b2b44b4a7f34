/** Matching invoice lines to PO lines (shipped lines, acknowledged costs). Pure: no n8n imports. */

export interface LineKeyed {
	purchaseOrderNumber?: string;
	itemSequenceNumber?: string | number;
	amazonProductIdentifier?: string;
	vendorProductIdentifier?: string;
}

function sameSeq(a: string | number | undefined, b: string | number | undefined): boolean {
	if (a === undefined || b === undefined) return false;
	const x = String(a).trim();
	const y = String(b).trim();
	if (x === y) return true;
	return /^\d+$/.test(x) && /^\d+$/.test(y) && Number(x) === Number(y);
}

/**
 * The PO line of `item`: same PO, then the same ASIN or vendor product identifier, else the same
 * line number.
 */
export function findLine<T extends LineKeyed>(item: LineKeyed, list: readonly T[]): T | undefined {
	const samePo = list.filter((l) => l.purchaseOrderNumber === item.purchaseOrderNumber);
	const byId = samePo.filter(
		(l) =>
			(item.amazonProductIdentifier !== undefined &&
				l.amazonProductIdentifier === item.amazonProductIdentifier) ||
			(item.vendorProductIdentifier !== undefined &&
				l.vendorProductIdentifier === item.vendorProductIdentifier),
	);
	if (byId.length === 1) return byId[0];
	const pool = byId.length > 1 ? byId : samePo;
	const bySeq = pool.filter((l) => sameSeq(l.itemSequenceNumber, item.itemSequenceNumber));
	if (bySeq.length === 1) return bySeq[0];
	return byId.length === 1 ? byId[0] : undefined;
}
