/**
 * Build ASN, the public API: the shipment confirmation (build.ts and its steps), the carrier
 * table, the acknowledged purchase orders, SSCC counting, GS1 identifiers, the same SKU on several
 * PO lines, carton packing, and the readers of the Build ASN and Build Invoice input items.
 */
export * from './types';
export { buildShipmentConfirmation } from './build';
export { REGION_RULES } from './regionRules';
export { parseCarrierTable, resolveCarrierScac, type CarrierResolution } from './carrier';
export { acknowledgedPurchaseOrderFrom } from './purchaseOrders';
export { countSsccsToGenerate } from './sscc';
export { toShipmentDateTime } from './dates';
export * from './gs1';
export * from './lineAssignment';
export * from './cartonPacking';
export * from './inputs';
