/**
 * The exception-queue row of a Post Remittance Journal exception (nodes/shared/domain/remittance/
 * queueRow.ts): the type per reason, the POs of the lines concerned, the reason with what to do,
 * and the facts; as the remittance-journal template's expressions built it.
 */
import { exceptionQueueRow } from '../../../nodes/shared/domain/remittance/queueRow';

describe('exceptionQueueRow', () => {
	it('names the type, the POs of the problem lines only when the rest was posted, and what to do', () => {
		const row = exceptionQueueRow({
			paymentNumber: '40009001',
			paymentDate: '2026-11-20',
			amount: '2393.41',
			currency: 'USD',
			source: 'finances-api',
			reason: 'unknownLines',
			held: 'lines',
			message: 'Payment 40009001 has a line no rule recognises: MISC-ADJ-0042  ',
			lines: [
				{ reference: 'INV-1', purchaseOrderNumber: 'PO-1', problem: '' },
				{ reference: 'MISC-ADJ-0042', purchaseOrderNumber: 'PO-2', problem: 'unknown' },
				{ reference: 'MISC-ADJ-0043', purchaseOrderNumber: 'PO-2', problem: 'unknown' },
			],
		});
		expect(row).toEqual({
			type: 'remittance_unknown_line',
			purchaseOrderNumber: 'PO-2',
			ownerRole: 'finance',
			reason:
				'Payment 40009001 has a line no rule recognises: MISC-ADJ-0042. The rest of the payment is ' +
				'in the ledger. Move these lines from the suspense account to the right account in your ' +
				'books, and add a classification rule (or an account) to Post Remittance Journal so later ' +
				'payments are recognised.',
			details: JSON.stringify({
				paymentNumber: '40009001',
				paymentDate: '2026-11-20',
				amount: '2393.41',
				currency: 'USD',
				source: 'finances-api',
				reason: 'unknownLines',
				held: 'lines',
				lines: [
					{ reference: 'MISC-ADJ-0042', purchaseOrderNumber: 'PO-2', problem: 'unknown' },
					{ reference: 'MISC-ADJ-0043', purchaseOrderNumber: 'PO-2', problem: 'unknown' },
				],
			}),
		});
	});

	it('lists every line of a held payment, and keeps a message that ends with a full stop', () => {
		const row = exceptionQueueRow({
			paymentNumber: 'P-9',
			reason: 'doesNotAddUp',
			held: 'payment',
			difference: '1.00',
			message: 'Payment P-9 does not add up.',
			lines: [
				{ purchaseOrderNumber: 'PO-1', problem: '' },
				{ purchaseOrderNumber: 'PO-3', problem: '' },
				{ purchaseOrderNumber: 'PO-1', problem: '' },
			],
		});
		expect(row.type).toBe('remittance_does_not_add_up');
		expect(row.purchaseOrderNumber).toBe('PO-1,PO-3');
		expect(row.reason).toBe(
			'Payment P-9 does not add up. Nothing of this payment is in the ledger yet. Fix the cause ' +
				'(a classification rule or an account in Post Remittance Journal, or the remittance with ' +
				'Amazon); the next run posts it.',
		);
		expect(JSON.parse(row.details)).toMatchObject({ difference: '1.00', held: 'payment' });
	});

	it.each([
		['unmappedType', 'remittance_unmapped_type'],
		['currencyMismatch', 'remittance_currency_mismatch'],
		['incomplete', 'remittance_incomplete_payment'],
		['apiError', 'remittance_api_error'],
		['invalidDocument', 'remittance_invalid_document'],
		['tooManyDecimals', 'remittance_too_many_decimals'],
		[undefined, 'remittance_problem'],
		['constructor', 'remittance_constructor'],
	])('reason %s is type %s', (reason, type) => {
		expect(exceptionQueueRow({ reason }).type).toBe(type);
	});

	it('says which payment when there is no message, and reads a failure without lines', () => {
		const row = exceptionQueueRow({
			reason: 'apiError',
			paymentNumber: 'P-1',
			source: 'finances-api',
		});
		expect(row.reason).toMatch(/^Payment P-1 cannot be posted\. Nothing of this payment/);
		expect(row.purchaseOrderNumber).toBe('');
		expect(JSON.parse(row.details).lines).toEqual([]);
	});
});
