/** Supercycle's wholesale availability rule (circular stock offered to Amazon). Pure: no n8n imports. */
export { circularRule, type CircularRule, type CircularRuleInput } from './rule';
export {
	variantIdOf,
	wholesaleAvailability,
	type AvailabilityInput,
	type AvailabilitySource,
	type ItemCounts,
	type WholesaleAvailability,
} from './availability';
export {
	amazonHolds,
	availabilityBySku,
	itemNotHeld,
	type AmazonHolds,
	type HoldProblem,
	type ItemToHold,
} from './holds';
