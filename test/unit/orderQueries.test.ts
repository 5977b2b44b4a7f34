import { cleanQuery, windowedQueries } from '../../nodes/shared/domain/orderQueries';

describe('order queries', () => {
	it('drops empty values and sends booleans as Amazon\'s "true"/"false" strings', () => {
		expect(
			cleanQuery({
				limit: 100,
				includeDetails: false,
				isPOChanged: true,
				orderingVendorCode: '',
				sortOrder: undefined,
			}),
		).toEqual({
			limit: 100,
			includeDetails: 'false',
			isPOChanged: 'true',
		});
	});

	it('sends one query when no range is given, and a lone end as given', () => {
		expect(
			windowedQueries({ limit: 10 }, [
				{ afterParam: 'createdAfter', beforeParam: 'createdBefore' },
			]),
		).toEqual([{ limit: 10 }]);
		expect(
			windowedQueries({}, [
				{
					afterParam: 'createdAfter',
					beforeParam: 'createdBefore',
					before: '2026-11-01T00:00:00Z',
				},
			]),
		).toEqual([{ createdBefore: '2026-11-01T00:00:00.000Z' }]);
	});

	it('splits a created range into 7-day windows and pairs them with the changed windows', () => {
		const queries = windowedQueries({ limit: 100 }, [
			{
				afterParam: 'createdAfter',
				beforeParam: 'createdBefore',
				after: '2026-10-01T00:00:00Z',
				before: '2026-10-10T00:00:00Z',
			},
			{
				afterParam: 'changedAfter',
				beforeParam: 'changedBefore',
				after: '2026-10-05T00:00:00Z',
				before: '2026-10-06T00:00:00Z',
			},
		]);
		expect(queries).toEqual([
			{
				limit: 100,
				createdAfter: '2026-10-01T00:00:00.000Z',
				createdBefore: '2026-10-08T00:00:00.000Z',
				changedAfter: '2026-10-05T00:00:00.000Z',
				changedBefore: '2026-10-06T00:00:00.000Z',
			},
			{
				limit: 100,
				createdAfter: '2026-10-08T00:00:00.000Z',
				createdBefore: '2026-10-10T00:00:00.000Z',
				changedAfter: '2026-10-05T00:00:00.000Z',
				changedBefore: '2026-10-06T00:00:00.000Z',
			},
		]);
	});
});
