/** The submitAcknowledgement body and its check against Amazon's model. Pure: no n8n imports. */
import {
	SubmitAcknowledgementRequestSchema,
	type OrderAcknowledgement,
	type SubmitAcknowledgementRequest,
} from '../../generated/vendorOrders';
import { validateAgainst, type ValidationResult } from '../validation';
import { isObject, shown } from '../values';
import { AcknowledgementBuildError, AcknowledgementOptionsError } from './errors';

/** The submitAcknowledgement body. Refuses an empty list and the same PO twice. */
export function buildAcknowledgementRequest(
	list: readonly OrderAcknowledgement[],
): SubmitAcknowledgementRequest {
	if (!Array.isArray(list) || list.length === 0)
		throw new AcknowledgementOptionsError(
			'There is no acknowledgement to submit',
			'acknowledgements',
		);
	const seen = new Set<string>();
	list.forEach((ack, i) => {
		if (!isObject(ack) || typeof ack.purchaseOrderNumber !== 'string')
			throw new AcknowledgementOptionsError(
				`acknowledgements[${i}] must be an acknowledgement with a purchaseOrderNumber (got ${shown(ack)})`,
				`acknowledgements[${i}].purchaseOrderNumber`,
			);
		if (seen.has(ack.purchaseOrderNumber))
			throw new AcknowledgementBuildError(
				ack.purchaseOrderNumber,
				'is twice in one submission',
				`acknowledgements[${i}].purchaseOrderNumber`,
			);
		seen.add(ack.purchaseOrderNumber);
	});
	return { acknowledgements: [...list] };
}

/** Checks a body against Amazon's SubmitAcknowledgementRequest model, refusing unknown keys. */
export function validateAcknowledgementRequest(
	body: unknown,
): ValidationResult<SubmitAcknowledgementRequest> {
	return validateAgainst(SubmitAcknowledgementRequestSchema, body, { unknownKeys: 'reject' });
}
