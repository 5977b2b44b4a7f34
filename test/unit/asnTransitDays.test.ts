/**
 * Build ASN's Estimated Transit Days (nodes/shared/domain/asn: readBuildOptions, readDates): a
 * shipment without an estimated delivery date gets the shipped date plus the days; one with its own
 * estimate keeps it; a bad number of days is refused naming the option.
 */
import { readBuildOptions } from '../../nodes/shared/domain/asn/options';
import { readDates } from '../../nodes/shared/domain/asn/dates';
import { InvalidInputError } from '../../nodes/shared/domain/inputError';

const collector = () => {
	const problems: string[] = [];
	return { problems, c: { add: (code: string) => problems.push(code) } as any };
};
const NOW = Date.parse('2026-12-07T12:00:00Z');

describe('estimated transit days', () => {
	it('estimates the delivery as the shipped date plus the days, only when none is given', () => {
		const { c, problems } = collector();
		expect(readDates({ shippedDate: '2026-12-07T10:00:00Z' } as any, NOW, c, 3)).toEqual({
			shippedDate: '2026-12-07T10:00:00Z',
			estimatedDeliveryDate: '2026-12-10T10:00:00Z',
		});
		const own = {
			shippedDate: '2026-12-07T10:00:00Z',
			estimatedDeliveryDate: '2026-12-09T08:00:00Z',
		};
		expect(readDates(own as any, NOW, c, 3).estimatedDeliveryDate).toBe('2026-12-09T08:00:00Z');
		expect(
			readDates({ shippedDate: '2026-12-07T10:00:00Z' } as any, NOW, c).estimatedDeliveryDate,
		).toBeUndefined();
		expect(problems).toEqual([]);
	});

	it.each([-1, 1.5, 366, '3'])('refuses %p days naming the option', (days) => {
		let thrown: unknown;
		try {
			readBuildOptions({ region: 'NA', estimatedTransitDays: days as number });
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(InvalidInputError);
		expect((thrown as InvalidInputError).path).toBe('options.estimatedTransitDays');
	});

	it('reads 0 or nothing as no estimate', () => {
		expect(readBuildOptions({ region: 'NA' }).estimatedTransitDays).toBe(0);
		expect(readBuildOptions({ region: 'NA', estimatedTransitDays: 0 }).estimatedTransitDays).toBe(
			0,
		);
	});
});
