/**
 * Which way a document goes (nodes/shared/domain/channel) and the exception-queue type the building
 * nodes give their exceptions (nodes/shared/nodeSteps/submission.ts documentExceptionType).
 */
import { cameByEdi, channelOf, channelOfOrders } from '../../nodes/shared/domain/channel';
import { documentExceptionType } from '../../nodes/shared/nodeSteps/submission';

const EDI_PO = { purchaseOrderNumber: 'PO1', edi: { interchangeControlNumber: '000000001' } };
const API_PO = { purchaseOrderNumber: 'PO2' };

describe('channel', () => {
	it('answers a purchase order by the channel it came by, on auto', () => {
		expect(channelOf('auto', EDI_PO)).toBe('edi');
		expect(channelOf('auto', API_PO)).toBe('spApi');
		expect(channelOf('spApi', EDI_PO)).toBe('spApi');
		expect(channelOf('edi', API_PO)).toBe('edi');
		expect(channelOf('auto', undefined)).toBe('spApi');
		expect(cameByEdi({ edi: null })).toBe(false);
	});

	it("reads Acknowledge PO's items (the purchase order under purchaseOrder) and lists of them", () => {
		expect(cameByEdi({ purchaseOrder: EDI_PO })).toBe(true);
		expect(channelOfOrders('auto', [{ purchaseOrder: API_PO }, { purchaseOrder: EDI_PO }])).toBe(
			'edi',
		);
		expect(channelOfOrders('auto', [{ purchaseOrder: API_PO }])).toBe('spApi');
		expect(channelOfOrders('auto', { purchaseOrder: EDI_PO })).toBe('edi');
		expect(channelOfOrders('spApi', [{ purchaseOrder: EDI_PO }])).toBe('spApi');
	});

	it.each([
		['asn', 'invalidInput', 'asn_input_invalid'],
		['asn', 'invalidShipment', 'asn_check_failed'],
		['invoice', 'mismatch', 'invoice_check_failed'],
		['invoice', 'transactionFailure', 'invoice_rejected'],
		['asn', 'apiError', 'asn_api_error'],
		['asn', 'somethingElse', 'asn_failed'],
		['asn', 'toString', 'asn_failed'],
		['invoice', undefined, 'invoice_failed'],
	] as const)('types a %s exception with reason %s as %s', (prefix, reason, type) => {
		expect(documentExceptionType(prefix, reason)).toBe(type);
	});
});
