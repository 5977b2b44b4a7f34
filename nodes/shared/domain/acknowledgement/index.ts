/**
 * The submitAcknowledgement body for mapped and allocated purchase orders, Amazon's timing rules
 * (24 h / 48 h), and the Rejected -> Accepted guard for re-acknowledgements. Pure: no n8n imports.
 *
 * What the built acknowledgement guarantees (Amazon's rules, vendor retail procurement guide):
 * - every PO line is present, in PO order, with itemSequenceNumber, amazonProductIdentifier and
 *   vendorProductIdentifier echoed exactly as on the canonical PO (trimmed of surrounding
 *   whitespace only) and orderedQuantity as ordered;
 * - one loop per outcome: Accepted n, Backordered m, Rejected r (with its rejectionReason), in the
 *   PO's unit of measure with its unitSize; accepted + backordered + rejected = ordered;
 * - no zero quantity: a line with nothing accepted gets one Rejected loop for the full quantity.
 *   A line Amazon cancelled (ordered 0) is left out, with a warning: a quantity of 0 cannot be
 *   acknowledged ("should not be zero"), and a line left out is read as rejected, which is what a
 *   cancelled line is. A PO whose every line was cancelled has nothing to acknowledge (an error);
 * - Backordered only where the PO line's isBackOrderAllowed is true (else an error: the allocation
 *   would have to be wrong);
 * - Accepted loops carry scheduledShipDate = ship window start (Collect / shipWindow POs) and
 *   scheduledDeliveryDate = delivery window start (Prepaid / deliveryWindow POs), or the option
 *   overrides; Backordered loops a later date: the backorder options, else those dates plus
 *   `backorderDelayDays` (default 7). Rejected loops carry no date;
 * - netCost as on the PO, or with `netCost: 'agreedCost'` the mapping's expected cost when it is
 *   lower (never above the PO's; weight-priced lines keep their weight unit). A PO line without
 *   netCost is acknowledged without one (warning): there is no currency or ceiling to use. A net
 *   cost of 0 or less is sent as it is, with a warning (Amazon expects a positive net cost);
 * - sellingParty is the PO's `{ partyId }` only (Amazon needs the vendor code; address and tax
 *   details of the PO are not echoed);
 * - acknowledgementDate comes from the injected clock.
 * Bad arguments (null, wrong types, a malformed previous acknowledgement) are named errors
 * (AcknowledgementBuildError, AcknowledgementOptionsError: both InvalidInputError) naming the field.
 *
 * Files: build.ts (the body, step by step), input.ts (argument checks), dates.ts (clock and loop
 * dates), backorders.ts, request.ts (the request body and its model check), timing.ts (deadlines),
 * reacknowledgement.ts (the guard), errors.ts.
 */
export { AcknowledgementBuildError, AcknowledgementOptionsError } from './errors';
export { clockTime, toAmazonDateTime, type Clock } from './dates';
export {
	buildAcknowledgement,
	buildAcknowledgements,
	type AcknowledgementBuild,
	type AcknowledgementOptions,
} from './build';
export {
	backordersOf,
	describeBackorders,
	type BackorderedLine,
	type SkuBackorder,
} from './backorders';
export { buildAcknowledgementRequest, validateAcknowledgementRequest } from './request';
export {
	ACKNOWLEDGE_WITHIN_HOURS,
	acknowledgementTiming,
	REACKNOWLEDGE_WITHIN_HOURS,
	type AcknowledgementTiming,
} from './timing';
export {
	checkReacknowledgement,
	type AcknowledgementCode,
	type PreviousAcknowledgement,
	type ReacknowledgementCheck,
	type ReacknowledgementTransition,
} from './reacknowledgement';
