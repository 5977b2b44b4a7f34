/**
 * Build Invoice's domain step (prepareInvoice) and its memory: valid items give an invoice of every
 * shipped line at the acknowledged cost, adding up exactly; corrupted items and hostile arguments
 * give an Exceptions entry or a named error, never an engine error.
 */
import fc from 'fast-check';
import { prepareInvoice } from '../../../nodes/BuildInvoice/invoiceItem';
import {
	memoryToStore,
	rememberInvoice,
	startInvoiceRun,
	usedInvoiceNumbers,
} from '../../../nodes/BuildInvoice/invoiceMemory';
import type { Json } from '../../../nodes/shared/domain/values';
import { corruptAt, hostileValue, resultOrNamedError } from '../../helpers/hostile';
import { NOW, PO_NUMBER, invoiceItem, invoiceOptions, lines } from './buildingNodes.fixtures';

type Invoice = { invoiceTotal: { amount: string }; items: unknown[] };

describe('prepareInvoice (property)', () => {
	it('a valid item gives an invoice of every shipped line whose total is the sum of the lines', () => {
		fc.assert(
			fc.property(lines, (ls) => {
				const outcome = prepareInvoice(
					invoiceItem(ls),
					invoiceOptions,
					startInvoiceRun({}, NOW),
					NOW,
				);
				if (outcome.output !== 'send') throw new Error(JSON.stringify(outcome.json));
				const invoice = outcome.built.invoice as unknown as Invoice;
				const cents = ls.reduce((sum, l) => sum + l.shipped * l.cents, 0);
				expect(invoice.invoiceTotal.amount).toBe((cents / 100).toFixed(2));
				expect(invoice.items).toHaveLength(ls.length);
				expect(outcome.built.purchaseOrderNumbers).toEqual([PO_NUMBER]);
				expect(
					(outcome.built.invoicedLines as Array<{ invoicedQuantity: number }>).map(
						(l) => l.invoicedQuantity,
					),
				).toEqual(ls.map((l) => l.shipped));
			}),
			{ numRuns: 100 },
		);
	});

	it('a number used by the run or remembered (and not failed) is refused; a failed one may be resent', () => {
		fc.assert(
			fc.property(lines, fc.constantFrom('Success', 'Processing', 'Failure'), (ls, status) => {
				const state = startInvoiceRun({}, NOW);
				rememberInvoice(state, invoiceOptions.invoiceNumber, status, NOW);
				const again = prepareInvoice(invoiceItem(ls), invoiceOptions, state, NOW);
				expect(again.output).toBe(status === 'Failure' ? 'send' : 'exception');
				const stored = memoryToStore(state, NOW);
				const next = startInvoiceRun({ invoiceNumbers: stored }, NOW);
				expect(usedInvoiceNumbers(next, []).length).toBe(status === 'Failure' ? 0 : 1);
			}),
			{ numRuns: 50 },
		);
	});

	it('a corrupted item gives an invoice, an Exceptions entry or a named error', () => {
		fc.assert(
			fc.property(lines, fc.nat(), hostileValue, (ls, pick, bad) => {
				const item = corruptAt(invoiceItem(ls), pick, bad) as Json;
				const outcome = resultOrNamedError(() =>
					prepareInvoice(item, invoiceOptions, startInvoiceRun({}, NOW), NOW),
				);
				if (outcome.ok && (outcome.value as { output: string }).output === 'send') {
					const built = (outcome.value as { built: Json }).built;
					const invoice = built.invoice as unknown as Invoice;
					expect(invoice.invoiceTotal.amount).toMatch(/^\d+\.\d{2}$/);
				}
			}),
			{ numRuns: 300 },
		);
	});

	it('a wholly hostile item or static data gives an Exceptions entry or a named error', () => {
		fc.assert(
			fc.property(hostileValue, hostileValue, (item, staticData) => {
				const json = (item !== null && typeof item === 'object' ? item : { item }) as Json;
				const data = (
					staticData !== null && typeof staticData === 'object' ? staticData : {}
				) as Json;
				resultOrNamedError(() =>
					prepareInvoice(json, invoiceOptions, startInvoiceRun(data, NOW), NOW),
				);
			}),
			{ numRuns: 200 },
		);
	});
});
