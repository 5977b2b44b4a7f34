/**
 * normalisePurchaseOrder and readPurchaseOrderInput: random model-valid orders keep every line, its
 * identifiers and its eaches; hostile values anywhere give a result or a named error.
 */
import fc from 'fast-check';
import { readPurchaseOrderInput } from '../../../nodes/shared/domain/poInput';
import {
	normaliseOrdersResponse,
	normalisePurchaseOrder,
} from '../../../nodes/shared/domain/purchaseOrder';
import { corruptAt, hostileValue, resultOrNamedError } from '../../helpers/hostile';
import { rawOrder } from './poArbitraries';

describe('normalisePurchaseOrder (property)', () => {
	it('keeps every line, its identifiers and its eaches', () => {
		fc.assert(
			fc.property(rawOrder, (raw) => {
				const po = normalisePurchaseOrder(raw);
				expect(po.purchaseOrderNumber).toBe(raw.purchaseOrderNumber);
				expect(po.items).toHaveLength(raw.orderDetails.items.length);
				po.items.forEach((item, i) => {
					const q = raw.orderDetails.items[i].orderedQuantity;
					expect(item.itemSequenceNumber).toBe(raw.orderDetails.items[i].itemSequenceNumber);
					expect(item.orderedEaches).toBe(
						q.unitOfMeasure === 'Cases' ? q.amount * q.unitSize : q.amount,
					);
					expect(item.netCost?.amount).toBe(raw.orderDetails.items[i].netCost.amount);
				});
				expect(readPurchaseOrderInput(po).purchaseOrder.items).toHaveLength(po.items.length);
			}),
			{ numRuns: 200 },
		);
	});

	it('a hostile value anywhere gives a result or a named error', () => {
		fc.assert(
			fc.property(rawOrder, fc.nat(), hostileValue, (raw, pick, bad) => {
				const corrupted = corruptAt(raw, pick, bad);
				const outcome = resultOrNamedError(() => normalisePurchaseOrder(corrupted));
				if (outcome.ok) {
					const po = outcome.value as ReturnType<typeof normalisePurchaseOrder>;
					for (const item of po.items) {
						expect(Number.isSafeInteger(item.orderedQuantity.amount)).toBe(true);
						expect(typeof item.isBackOrderAllowed).toBe('boolean');
						expect(typeof item.itemSequenceNumber).toBe('string');
					}
					resultOrNamedError(() => readPurchaseOrderInput(po));
				}
				resultOrNamedError(() => readPurchaseOrderInput(corrupted));
				resultOrNamedError(() => normaliseOrdersResponse({ orders: [corrupted] }));
			}),
			{ numRuns: 300 },
		);
	});

	it('wholly hostile arguments give a named error', () => {
		fc.assert(
			fc.property(hostileValue, (bad) => {
				resultOrNamedError(() => normalisePurchaseOrder(bad));
				resultOrNamedError(() => normaliseOrdersResponse(bad));
				resultOrNamedError(() => readPurchaseOrderInput(bad));
			}),
			{ numRuns: 200 },
		);
	});
});
