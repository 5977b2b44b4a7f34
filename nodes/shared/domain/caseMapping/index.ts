/**
 * Map ASIN / Case Pack: resolves every line of a canonical purchase order to a platform SKU and a
 * case pack, turns Amazon units into eaches, checks the price, and decides whether the PO may go on
 * (the node's Mapped output) or needs an operator (its Exceptions output). Pure: no n8n imports.
 *
 * Mapping rows have fixed field names (no header guessing): `asin`, `vendorProductIdentifier`,
 * `sku`, `casePack`, `expectedUnitCost`, `discontinued`. Other fields of a row are ignored, so items
 * of a second input may carry more columns. A row needs `sku` and at least one identifier.
 * - ASINs are compared upper-cased (they are upper-case on Amazon's side); vendor product
 *   identifiers exactly (after trimming). An identifier sent as a JSON number (a spreadsheet
 *   column) is written as its integer string: leading zeros are lost, so such a row would not match
 *   `"0123…"` and the line lands in Exceptions as `unmapped`, never silently wrong.
 * - `expectedUnitCost` is the agreed net cost in the PO's currency and unit: per each, or per the
 *   weight unit of a weight-priced line (`netCost.unitOfMeasure`). A JSON number is read through its
 *   shortest decimal form (`12.5` -> `"12.5"`), as a spreadsheet shows it.
 * - The same identifier on two rows is accepted only if both rows say the same thing (same SKU,
 *   case pack, cost and discontinued flag).
 *
 * Identifiers "as sent": the canonical PO keeps identifiers trimmed. `mapPurchaseOrder` accepts the
 * raw Amazon order as an optional fourth argument; when given, every issue carries the identifiers
 * exactly as Amazon sent them (whitespace included). Without it, the canonical (trimmed) values are
 * used. The acknowledgement always echoes the canonical values (see acknowledgement.ts).
 *
 * Line status: `mapped` lines can be allocated; `reject` lines will be acknowledged Rejected with
 * `rejectionReason`: InvalidProductIdentifier for an unmapped line, ObsoleteProduct for a
 * discontinued SKU, TemporarilyUnavailable for any other exception (case pack, multiple, price:
 * Amazon has no closer reason, and it is the soft reject). A line with an exception is always a
 * `reject` line; the PO's `route` says whether such a PO may continue at all:
 * - no exception: `mapped`;
 * - exceptions and `partialPo: 'exceptions'` (default): `exceptions`;
 * - exceptions and `partialPo: 'continueWithRejections'`: `mapped` if at least one line is still
 *   `mapped` (only some lines are bad), else `exceptions`.
 * With `discontinued: 'reject'` a discontinued SKU is not an exception: the line is a `reject`
 * (ObsoleteProduct) line with a warning, and the PO stays on the Mapped route.
 */
export { MappedPurchaseOrderError, MappingOptionsError, MappingTableError } from './errors';
export type * from './types';
export { buildMappingIndex, createMappingIndex, lookupMapping, parseMappingRows } from './rows';
export { DEFAULT_MAP_OPTIONS, resolveMappingOptions } from './options';
export { mapPurchaseOrder } from './map';
export { readMappedPurchaseOrder } from './read';
