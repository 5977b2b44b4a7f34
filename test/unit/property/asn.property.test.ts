/**
 * Properties of the Build ASN entry points: random valid shipments give a confirmation whose
 * figures add up; corrupted or wholly hostile arguments give exceptions or a named error
 * (InvalidInputError), never an engine error and never a silent confirmation.
 */
import fc from 'fast-check';
import {
	acknowledgedPurchaseOrderFrom,
	assignContentsToLines,
	buildShipmentConfirmation,
	buildSscc,
	countSsccsToGenerate,
	packCartons,
	parseCarrierTable,
	parseSscc,
	resolveCarrierScac,
	type AcknowledgedPurchaseOrder,
	type AsnShipment,
	type BuildShipmentOptions,
	type ShipmentConfirmationBuild,
} from '../../../nodes/shared/domain/asn';
import { corruptAt, hostileValue, resultOrNamedError } from '../../helpers/hostile';

const NOW = '2026-03-10T12:00:00Z';
const OPTIONS: BuildShipmentOptions = { region: 'FE', now: NOW };

interface Case {
	pos: AcknowledgedPurchaseOrder[];
	shipment: AsnShipment;
	/** Eaches per `PO#line`. */
	expected: Map<string, number>;
}

const lineArb = fc.record({
	cases: fc.boolean(),
	unitSize: fc.integer({ min: 1, max: 12 }),
	accepted: fc.integer({ min: 1, max: 20 }),
});

const caseArb: fc.Arbitrary<Case> = fc
	.record({
		lines: fc.array(lineArb, { minLength: 1, maxLength: 5 }),
		cartons: fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), {
			minLength: 1,
			maxLength: 4,
		}),
	})
	.map(({ lines, cartons }) => {
		const po: AcknowledgedPurchaseOrder = {
			purchaseOrderNumber: 'PO1',
			sellingPartyId: 'VNDR1',
			shipToPartyId: 'FC1',
			lines: lines.map((l, i) => ({
				itemSequenceNumber: String(i + 1),
				amazonProductIdentifier: `B0ASIN${i}`,
				sku: `SKU-${i}`,
				unitOfMeasure: l.cases ? 'Cases' : 'Eaches',
				unitSize: l.cases ? l.unitSize : 1,
				acceptedQuantity: l.accepted,
			})),
		};
		// Each line ships one unit (a case or an each) per mention, never above what was accepted.
		const left = po.lines.map((l) => l.acceptedQuantity);
		const expected = new Map<string, number>();
		const shipment: AsnShipment = {
			shipmentIdentifier: 'SHIP-1',
			shippedDate: NOW,
			shipFromParty: { partyId: 'WH1' },
			cartons: cartons.map((picks, k) => {
				const contents = [...new Set(picks.map((p) => p % po.lines.length))]
					.filter((j) => left[j] > 0)
					.map((j) => {
						left[j]--;
						const line = po.lines[j];
						const key = `PO1#${line.itemSequenceNumber}`;
						expected.set(key, (expected.get(key) ?? 0) + line.unitSize);
						return { sku: line.sku, eaches: line.unitSize };
					});
				return { id: `C${k + 1}`, contents };
			}),
		};
		return { pos: [po], shipment, expected };
	})
	.filter((c) => (c.shipment.cartons ?? []).every((carton) => carton.contents.length > 0));

function sum(values: number[]): number {
	return values.reduce((a, b) => a + b, 0);
}

describe('buildShipmentConfirmation (property)', () => {
	it('builds a valid shipment with every line, count and total right', () => {
		fc.assert(
			fc.property(caseArb, ({ pos, shipment, expected }) => {
				const build = buildShipmentConfirmation(shipment, pos, OPTIONS);
				expect(build.exceptions).toEqual([]);
				expect(build.ok).toBe(true);
				const cartons = shipment.cartons ?? [];
				expect(build.confirmation?.cartons).toHaveLength(cartons.length);
				expect(build.labels).toHaveLength(cartons.length);
				expect(build.shippedLines).toHaveLength(expected.size);
				for (const line of build.shippedLines)
					expect(line.shippedEaches).toBe(
						expected.get(`${line.purchaseOrderNumber}#${line.itemSequenceNumber}`),
					);
				const eaches = sum(cartons.flatMap((c) => c.contents.map((x) => x.eaches)));
				expect(sum(build.shippedLines.map((l) => l.shippedEaches))).toBe(eaches);
				expect(sum((build.labels ?? []).map((l) => l.eaches))).toBe(eaches);
				expect(build.confirmation?.shipmentMeasurements?.cartonCount).toBe(cartons.length);
			}),
			{ numRuns: 150 },
		);
	});

	it('gives exceptions or a named error for a shipment or POs corrupted at any path', () => {
		fc.assert(
			fc.property(caseArb, fc.nat(), hostileValue, fc.boolean(), (c, pick, bad, inPos) => {
				const shipment = inPos ? c.shipment : (corruptAt(c.shipment, pick, bad) as AsnShipment);
				const pos = inPos ? (corruptAt(c.pos, pick, bad) as AcknowledgedPurchaseOrder[]) : c.pos;
				const outcome = resultOrNamedError(() => buildShipmentConfirmation(shipment, pos, OPTIONS));
				if (!outcome.ok) return;
				const build = outcome.value as ShipmentConfirmationBuild;
				// A confirmation is only built when every input value was one the model takes.
				if (build.ok) expect(build.exceptions).toEqual([]);
				else expect(build.exceptions.length).toBeGreaterThan(0);
			}),
			{ numRuns: 300 },
		);
	});

	it('gives a named error or exceptions for wholly hostile arguments', () => {
		fc.assert(
			fc.property(hostileValue, hostileValue, hostileValue, (shipment, pos, options) => {
				resultOrNamedError(() =>
					buildShipmentConfirmation(
						shipment as AsnShipment,
						pos as AcknowledgedPurchaseOrder[],
						options as BuildShipmentOptions,
					),
				);
				const outcome = resultOrNamedError(() =>
					buildShipmentConfirmation(
						shipment as AsnShipment,
						pos as AcknowledgedPurchaseOrder[],
						OPTIONS,
					),
				);
				if (outcome.ok) expect((outcome.value as ShipmentConfirmationBuild).ok).toBe(false);
			}),
			{ numRuns: 200 },
		);
	});

	it('refuses options corrupted at any path with a named error', () => {
		const options = { region: 'NA', now: NOW, carriers: [{ name: 'UPS', scac: 'UPSN' }] };
		fc.assert(
			fc.property(caseArb, fc.nat(), hostileValue, (c, pick, bad) => {
				const corrupted = corruptAt(options, pick, bad) as BuildShipmentOptions;
				resultOrNamedError(() => buildShipmentConfirmation(c.shipment, c.pos, corrupted));
				resultOrNamedError(() => countSsccsToGenerate(c.shipment, corrupted));
			}),
			{ numRuns: 200 },
		);
	});
});

describe('the other Build ASN entry points (property)', () => {
	it('split and pack a valid shipment without losing an each', () => {
		fc.assert(
			fc.property(caseArb, ({ pos, shipment }) => {
				const eaches = (s: AsnShipment) =>
					sum((s.cartons ?? []).flatMap((c) => c.contents.map((x) => Number(x.eaches))));
				const assigned = assignContentsToLines(shipment, pos);
				expect(eaches(assigned.shipment)).toBe(eaches(shipment));
				const packed = packCartons(assigned.shipment, pos, { eachesPacking: 'mixed' });
				expect(eaches(packed.shipment)).toBe(eaches(shipment));
				expect(packed.cartonCount).toBe(packed.shipment.cartons?.length);
			}),
			{ numRuns: 100 },
		);
	});

	it('give a result or a named error on hostile or corrupted arguments', () => {
		fc.assert(
			fc.property(caseArb, fc.nat(), hostileValue, hostileValue, (c, pick, bad, other) => {
				const pos = corruptAt(c.pos, pick, bad) as AcknowledgedPurchaseOrder[];
				const shipment = corruptAt(c.shipment, pick, bad) as AsnShipment;
				resultOrNamedError(() => assignContentsToLines(shipment, c.pos));
				resultOrNamedError(() => assignContentsToLines(c.shipment, pos));
				resultOrNamedError(() => packCartons(shipment, c.pos, other as never));
				resultOrNamedError(() => packCartons(c.shipment, pos));
				resultOrNamedError(() => parseCarrierTable(bad as unknown[]));
				resultOrNamedError(() => resolveCarrierScac(bad as string, other as never));
				resultOrNamedError(() => countSsccsToGenerate(bad as AsnShipment, other as never));
				resultOrNamedError(() => parseSscc(bad));
				resultOrNamedError(() => buildSscc(bad as number, '0614141', other as number));
			}),
			{ numRuns: 200 },
		);
	});

	it('acknowledgedPurchaseOrderFrom: a valid PO keeps its lines; a corrupted one a named error', () => {
		const mapped = {
			purchaseOrder: {
				purchaseOrderNumber: 'PO1',
				sellingParty: { partyId: 'VNDR1' },
				shipToParty: { partyId: 'FC1' },
				items: [{ itemSequenceNumber: '1', amazonProductIdentifier: 'B0ASIN1' }],
			},
			lines: [
				{
					itemSequenceNumber: '1',
					status: 'mapped' as const,
					sku: 'SKU-1',
					unitOfMeasure: 'Cases' as const,
					unitSize: 6,
					orderedAmount: 4,
				},
			],
		};
		const ack = {
			purchaseOrderNumber: 'PO1',
			items: [
				{
					itemSequenceNumber: '1',
					itemAcknowledgements: [
						{
							acknowledgementCode: 'Accepted' as const,
							acknowledgedQuantity: { amount: 3, unitOfMeasure: 'Cases', unitSize: 6 },
						},
					],
				},
			],
		};
		expect(acknowledgedPurchaseOrderFrom(mapped, ack).lines[0].acceptedQuantity).toBe(3);
		fc.assert(
			fc.property(fc.nat(), hostileValue, fc.boolean(), (pick, bad, inAck) => {
				const m = inAck ? mapped : (corruptAt(mapped, pick, bad) as typeof mapped);
				const a = inAck ? (corruptAt(ack, pick, bad) as typeof ack) : ack;
				const outcome = resultOrNamedError(() => acknowledgedPurchaseOrderFrom(m, a));
				if (outcome.ok) {
					const po = outcome.value as AcknowledgedPurchaseOrder;
					for (const line of po.lines)
						expect(Number.isSafeInteger(line.acceptedQuantity)).toBe(true);
				}
				resultOrNamedError(() => acknowledgedPurchaseOrderFrom(bad as never, other(bad)));
			}),
			{ numRuns: 200 },
		);
	});
});

function other(value: unknown): never {
	return (Array.isArray(value) ? undefined : value) as never;
}
