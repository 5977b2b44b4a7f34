/**
 * Which way a document goes to Amazon: the SP-API (the building node sends it and polls its
 * transaction) or EDI (the node sends nothing; it puts the item, marked, on its output To Send by
 * EDI, from which the workflow queues the document in the Data Table `avc_edi_control_numbers`; the
 * EDI Mailbox workflow writes it with Write EDI Interchange and uploads it to the gateway's
 * `outbound/`).
 * `auto` answers a purchase order the way it came: by EDI when it was read from an 850 (Read EDI
 * Interchange gives it `edi`, the envelope it came in), by the SP-API otherwise. Pure: no n8n imports.
 */
export type ChannelChoice = 'auto' | 'spApi' | 'edi';
export type Channel = 'spApi' | 'edi';

export const CHANNEL_CHOICES: readonly ChannelChoice[] = ['auto', 'spApi', 'edi'];

const hasEnvelope = (value: unknown): boolean => {
	const edi = (value as { edi?: unknown } | null | undefined)?.edi;
	return typeof edi === 'object' && edi !== null;
};

/**
 * True when the purchase order came on an 850: it carries the envelope it came in (`edi`), itself
 * or, for an item of Acknowledge PO (what Build ASN and Build Invoice take), its `purchaseOrder`.
 */
export function cameByEdi(purchaseOrder: unknown): boolean {
	if (hasEnvelope(purchaseOrder)) return true;
	return hasEnvelope(
		(purchaseOrder as { purchaseOrder?: unknown } | null | undefined)?.purchaseOrder,
	);
}

export function channelOf(choice: ChannelChoice, purchaseOrder: unknown): Channel {
	if (choice === 'auto') return cameByEdi(purchaseOrder) ? 'edi' : 'spApi';
	return choice;
}

/** The channel of a document about several purchase orders: EDI on `auto` when any came by EDI. */
export function channelOfOrders(choice: ChannelChoice, purchaseOrders: unknown): Channel {
	const list = Array.isArray(purchaseOrders) ? purchaseOrders : [purchaseOrders];
	return list.some((po) => channelOf(choice, po) === 'edi') ? 'edi' : 'spApi';
}

/** What a building node adds to an item it leaves for EDI (besides `ediSource`, what to write from). */
export function ediMark(documentType: '855' | '856' | '810'): {
	channel: 'edi';
	ediDocumentType: string;
	status: 'ToSendByEdi';
} {
	return { channel: 'edi', ediDocumentType: documentType, status: 'ToSendByEdi' };
}
