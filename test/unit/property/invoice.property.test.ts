/**
 * Properties of Build Invoice and the invoice checks: random valid lines give a body whose total
 * adds up, and hostile input gives mismatches or a named error, never a TypeError.
 */
import fc from 'fast-check';
import {
	buildInvoice,
	checkInvoice,
	type BuildInvoiceInput,
	type InvoiceLineSource,
} from '../../../nodes/shared/domain/invoice';
import { add, multiply, parseDecimal, toDecimalString } from '../../../nodes/shared/domain/money';
import { corruptAt, hostileValue, resultOrNamedError } from '../../helpers/hostile';

const NOW = '2026-03-12T12:00:00Z';

const lineArb = (seq: number): fc.Arbitrary<InvoiceLineSource> =>
	fc
		.record({
			cases: fc.boolean(),
			unitSize: fc.integer({ min: 1, max: 24 }),
			shipped: fc.integer({ min: 1, max: 50 }),
			already: fc.integer({ min: 0, max: 10 }),
			cents: fc.integer({ min: 1, max: 99_999 }),
		})
		.map(({ cases, unitSize, shipped, already, cents }) => ({
			purchaseOrderNumber: 'PROPPO01',
			itemSequenceNumber: String(seq),
			amazonProductIdentifier: `B07ASIN${String(seq).padStart(3, '0')}`,
			unitOfMeasure: cases ? ('Cases' as const) : ('Eaches' as const),
			unitSize: cases ? unitSize : 1,
			shippedQuantity: shipped + already,
			alreadyInvoicedQuantity: already,
			acknowledgedNetCost: { currencyCode: 'USD', amount: (cents / 100).toFixed(2) },
		}));

const inputArb: fc.Arbitrary<BuildInvoiceInput> = fc
	.integer({ min: 1, max: 6 })
	.chain((n) =>
		fc.tuple(
			fc.tuple(...Array.from({ length: n }, (_, i) => lineArb(i + 1))),
			fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }),
			fc.option(fc.constantFrom('0', '5', '20'), { nil: undefined }),
		),
	)
	.map(([lines, freightCents, rate]) => ({
		id: 'INV-PROP-1',
		date: '2026-03-12T09:00:00Z',
		currencyCode: 'USD',
		remitToParty: { partyId: 'VNDR1' },
		lines,
		...(freightCents === undefined
			? {}
			: { charges: [{ type: 'Freight' as const, amount: (freightCents / 100).toFixed(2) }] }),
		...(rate === undefined ? {} : { taxes: [{ taxType: 'VAT' as const, taxRate: rate }] }),
	}));

describe('buildInvoice on valid input', () => {
	it('every line is invoiced, and the total is items + charges + tax', () => {
		fc.assert(
			fc.property(inputArb, (input) => {
				const out = buildInvoice(input, { now: NOW });
				expect(out.mismatches).toEqual([]);
				expect(out.ok).toBe(true);
				expect(out.lineMap).toHaveLength(input.lines.length);
				let items = parseDecimal('0');
				input.lines.forEach((line, i) => {
					const quantity = line.shippedQuantity - (line.alreadyInvoicedQuantity ?? 0);
					const eaches = quantity * line.unitSize;
					expect(out.lineMap[i].invoicedEaches).toBe(eaches);
					items = add(items, multiply(parseDecimal(line.acknowledgedNetCost.amount), eaches));
				});
				const figures = out.figures!;
				expect(parseDecimal(figures.items)).toEqual(parseDecimal(toDecimalString(items)));
				const total = add(
					add(parseDecimal(figures.items), parseDecimal(figures.charges)),
					parseDecimal(figures.tax),
				);
				expect(toDecimalString(total)).toBe(toDecimalString(parseDecimal(figures.total)));
				expect(checkInvoice(out.invoice!, { now: NOW })).toEqual([]);
			}),
			{ numRuns: 150 },
		);
	});
});

describe('hostile input', () => {
	it('a valid input corrupted at any path: mismatches or a body that checks out', () => {
		fc.assert(
			fc.property(inputArb, fc.nat(), hostileValue, (input, pick, bad) => {
				const corrupted = corruptAt(input, pick, bad) as BuildInvoiceInput;
				const outcome = resultOrNamedError(() => buildInvoice(corrupted, { now: NOW }));
				if (!outcome.ok) return;
				const out = outcome.value as ReturnType<typeof buildInvoice>;
				if (out.ok) expect(checkInvoice(out.invoice!, { now: NOW })).toEqual([]);
			}),
			{ numRuns: 300 },
		);
	});

	it('a built body corrupted at any path: mismatches or a named error from checkInvoice', () => {
		const body = buildInvoice(fc.sample(inputArb, { numRuns: 1, seed: 7 })[0], {
			now: NOW,
		}).invoice;
		fc.assert(
			fc.property(fc.nat(), hostileValue, (pick, bad) => {
				resultOrNamedError(() => checkInvoice(corruptAt(body, pick, bad) as never, { now: NOW }));
			}),
			{ numRuns: 300 },
		);
	});

	it('a shipped quantity that is not a whole number is never invoiced silently', () => {
		fc.assert(
			fc.property(inputArb, fc.constantFrom(null, '3', 1.5, -1, NaN, {}, [], 'x'), (input, bad) => {
				const broken = JSON.parse(JSON.stringify(input)) as BuildInvoiceInput;
				(broken.lines[0] as unknown as Record<string, unknown>).shippedQuantity = bad;
				expect(buildInvoice(broken, { now: NOW }).ok).toBe(false);
			}),
			{ numRuns: 50 },
		);
	});

	it('a zero or negative unit cost is a mismatch', () => {
		fc.assert(
			fc.property(inputArb, fc.constantFrom('0', '0.00', '-1.00'), (input, cost) => {
				const broken = JSON.parse(JSON.stringify(input)) as BuildInvoiceInput;
				broken.lines[0].unitCost = cost;
				const out = buildInvoice(broken, { now: NOW });
				expect(out.ok).toBe(false);
				expect(out.mismatches.some((m) => m.path === 'items[0].netCost.amount')).toBe(true);
			}),
			{ numRuns: 30 },
		);
	});

	it('wholly hostile arguments: mismatches or a named error, never a TypeError', () => {
		fc.assert(
			fc.property(hostileValue, hostileValue, (a, b) => {
				const built = resultOrNamedError(() => buildInvoice(a as never, b as never));
				if (built.ok) expect((built.value as { ok: boolean }).ok).toBe(false);
				const checked = resultOrNamedError(() => checkInvoice(a as never, b as never));
				if (checked.ok && (a === null || typeof a !== 'object'))
					expect((checked.value as unknown[]).length).toBeGreaterThan(0);
			}),
			{ numRuns: 300 },
		);
	});
});
