/**
 * The ERP's own invoice lines (Build Invoice's Invoice Lines field): valid rows are read as given
 * (whole quantities, decimal texts, trimmed keys), hostile rows give a named error with the field,
 * and through prepareInvoice an ERP line never puts a non-decimal cost or a quantity above what
 * shipped into an invoice that is sent.
 */
import fc from 'fast-check';
import { prepareInvoice } from '../../../nodes/BuildInvoice/invoiceItem';
import { startInvoiceRun } from '../../../nodes/BuildInvoice/invoiceMemory';
import { readInvoiceLineOverrides } from '../../../nodes/shared/domain/invoice';
import type { Json } from '../../../nodes/shared/domain/values';
import { corruptAt, hostileValue, resultOrNamedError } from '../../helpers/hostile';
import { NOW, PO_NUMBER, invoiceItem, invoiceOptions, lines } from './buildingNodes.fixtures';

type Sent = { items: Array<{ invoicedQuantity: { amount: number }; netCost: { amount: string } }> };

const rowArb = fc.record({
	seq: fc.integer({ min: 1, max: 99_999 }),
	quantity: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
	asText: fc.boolean(),
	cents: fc.option(fc.integer({ min: 1, max: 999_999 }), { nil: undefined }),
});

describe('readInvoiceLineOverrides (property)', () => {
	it('reads valid rows as given: keys trimmed, whole quantities (also as text), costs as decimal text', () => {
		fc.assert(
			fc.property(fc.array(rowArb, { maxLength: 6 }), (rows) => {
				const input = rows.map((r) => ({
					purchaseOrderNumber: ` ${PO_NUMBER} `,
					itemSequenceNumber: r.asText ? ` ${r.seq} ` : r.seq,
					...(r.quantity !== undefined
						? { quantity: r.asText ? String(r.quantity) : r.quantity }
						: {}),
					...(r.cents !== undefined ? { unitCost: (r.cents / 100).toFixed(2) } : {}),
				}));
				const out = readInvoiceLineOverrides(input, 'invoiceLines');
				expect(out).toEqual(
					rows.map((r) => ({
						purchaseOrderNumber: PO_NUMBER,
						itemSequenceNumber: String(r.seq),
						...(r.quantity !== undefined ? { quantity: r.quantity } : {}),
						...(r.cents !== undefined ? { unitCost: (r.cents / 100).toFixed(2) } : {}),
					})),
				);
			}),
			{ numRuns: 200 },
		);
	});

	it('hostile rows give rows or a named error with the field, never an engine error', () => {
		fc.assert(
			fc.property(
				fc.array(rowArb, { minLength: 1, maxLength: 4 }),
				fc.nat(),
				hostileValue,
				(rows, pick, bad) => {
					const input = rows.map((r) => ({
						purchaseOrderNumber: PO_NUMBER,
						itemSequenceNumber: String(r.seq),
						quantity: r.quantity,
					}));
					const outcome = resultOrNamedError(() =>
						readInvoiceLineOverrides(corruptAt(input, pick, bad), 'invoiceLines'),
					);
					if (!outcome.ok) expect(outcome.error.path).toMatch(/^invoiceLines/);
				},
			),
			{ numRuns: 300 },
		);
		fc.assert(
			fc.property(hostileValue, (value) => {
				resultOrNamedError(() => readInvoiceLineOverrides(value, 'invoiceLines'));
			}),
			{ numRuns: 300 },
		);
	});

	it('through Build Invoice, an ERP line never sends a non-decimal cost or more than shipped', () => {
		let sentCount = 0;
		fc.assert(
			fc.property(
				lines,
				fc.nat(),
				fc.nat(),
				fc.boolean(),
				hostileValue,
				(ls, at, extra, corrupt, bad) => {
					const k = at % ls.length;
					const erp = [
						{
							purchaseOrderNumber: PO_NUMBER,
							itemSequenceNumber: String(k + 1),
							quantity: ls[k].shipped - (extra % ls[k].shipped),
							unitCost: (ls[k].cents / 100).toFixed(2),
						},
					];
					const invoiceLines = corrupt ? corruptAt(erp, extra, bad) : erp;
					const item = { ...invoiceItem(ls), invoiceLines } as Json;
					const outcome = resultOrNamedError(() =>
						prepareInvoice(item, invoiceOptions, startInvoiceRun({}, NOW), NOW),
					);
					if (!outcome.ok || (outcome.value as { output: string }).output !== 'send') return;
					const sent = (outcome.value as { built: { invoice: Sent } }).built.invoice;
					sentCount++;
					for (const [i, line] of sent.items.entries()) {
						expect(line.netCost.amount).toMatch(/^\d+(\.\d+)?$/);
						expect(line.invoicedQuantity.amount).toBeLessThanOrEqual(ls[i].shipped);
						expect(line.invoicedQuantity.amount).toBeGreaterThan(0);
					}
				},
			),
			{ numRuns: 300 },
		);
		// The property is not vacuous: many corrupted ERP lines still make an invoice that is sent.
		expect(sentCount).toBeGreaterThan(30);
	});
});
