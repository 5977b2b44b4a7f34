/**
 * Outbound X12 documents from what the nodes produce: the 855 of Acknowledge PO's acknowledgement,
 * the 856 of Build ASN's shipment confirmation, the 810 of Build Invoice's invoice, the 846 of
 * available-to-promise figures, each as a TransactionSetInput, and the interchange that carries
 * them (writeOutbound). Each writer's module header names the Stedi guide it follows.
 * Pure: no n8n imports.
 */
export * from './common';
export { partySegments, type EdiParty } from './parties';
export * from './ack855';
export * from './asn856';
export * from './invoice810';
export * from './inventory846';
export * from './interchange';
