import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import {
	fulfilmentProgressOf,
	fulfilmentStateOf,
	poSnapshotOf,
} from '../../../shared/domain/platforms/magento';
import { asNodeError } from '../../../shared/transport/errors';
import { createdAfterField, customerIdField, poNumberField } from './common';
import { lookUpOrderOfPo } from './lookup';

export const description = [
	poNumberField(['getStateByPo']),
	customerIdField(['getStateByPo']),
	createdAfterField(['getStateByPo']),
];

/**
 * The live order of a purchase order with its fulfilment state (Apply Change Order's
 * `platformOrder`), how far fulfilment is in words, and its newest PO snapshot: `found` false
 * when the customer has no live order with this PO number, `hasSnapshot` false when the order
 * has no readable `[avc-po-snapshot]` comment. With a Result Field, the input item with the
 * result in that field.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const found = await lookUpOrderOfPo.call(this, itemIndex, false);
	const { order, ...ids } = found;
	let result: IDataObject = { ...ids, hasSnapshot: false, snapshot: null, platformOrder: null };
	if (found.found) {
		try {
			const state = fulfilmentStateOf(order);
			const snapshot = poSnapshotOf(order);
			result = {
				...ids,
				hasSnapshot: snapshot !== null,
				snapshot: snapshot as IDataObject | null,
				...(state as unknown as IDataObject),
				progress: fulfilmentProgressOf(state),
			};
		} catch (error) {
			throw asNodeError(this.getNode(), error, itemIndex);
		}
	}
	const field = String(this.getNodeParameter('resultField', itemIndex, '') ?? '').trim();
	if (!field) return [result];
	return [{ ...this.getInputData()[itemIndex].json, [field]: result }];
}
