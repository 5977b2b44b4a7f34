import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { magentoError, magentoSend } from '../../transport';
import { entityId } from '../params';

const STEPS = {
	hold: 'hold the order',
	unhold: 'release the hold',
	cancel: 'cancel the order',
} as const;

/**
 * Hold, Release (unhold) or Cancel. Magento answers `true`, a 400 (`A hold action is not
 * available.`) or, for cancel, `false` when the order cannot be canceled: both are errors.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	action: keyof typeof STEPS,
): Promise<IDataObject[]> {
	const orderId = entityId.call(this, 'orderId', 'Order ID', itemIndex);
	const call = {
		method: 'POST' as const,
		path: `/orders/${orderId}/${action}`,
		body: {},
		itemIndex,
		step: STEPS[action],
	};
	const reply = await magentoSend.call(this, call);
	if (reply.status < 200 || reply.status >= 300 || reply.body !== true) {
		throw magentoError.call(
			this,
			call,
			reply,
			reply.body === false
				? "Magento cannot do this in the order's present state (held, canceled, complete or fully invoiced)."
				: '',
		);
	}
	return [{ orderId: String(orderId), action, done: true }];
}
