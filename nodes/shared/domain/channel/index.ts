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

/** True when the purchase order came on an 850 (it carries the envelope it came in). */
export function cameByEdi(purchaseOrder: unknown): boolean {
	const edi = (purchaseOrder as { edi?: unknown } | null | undefined)?.edi;
	return typeof edi === 'object' && edi !== null;
}

export function channelOf(choice: ChannelChoice, purchaseOrder: unknown): Channel {
	if (choice === 'auto') return cameByEdi(purchaseOrder) ? 'edi' : 'spApi';
	return choice;
}

/** What a building node adds to an item it leaves for EDI (besides `ediSource`, what to write from). */
export function ediMark(documentType: '855' | '856' | '810'): {
	channel: 'edi';
	ediDocumentType: string;
	status: 'ToSendByEdi';
} {
	return { channel: 'edi', ediDocumentType: documentType, status: 'ToSendByEdi' };
}
