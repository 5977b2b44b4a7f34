import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import {
	fulfillmentOrderIds,
	holdRequest,
	readHold,
	readRelease,
	releaseRequest,
	ShopifyAnswerError,
} from '../../../shared/domain/platforms/shopify';
import { gql, output, shopifyStep, stringField } from '../common';

export const description: INodeProperties[] = [
	stringField('order', ['hold', 'release'], {
		displayName: 'Fulfillment Order IDs',
		name: 'fulfillmentOrderIds',
		required: true,
		placeholder: 'gid://shopify/FulfillmentOrder/7001, gid://shopify/FulfillmentOrder/7002',
		description:
			'The fulfilment orders, as a list or comma-separated (Get Fulfilment State gives openFulfillmentOrderIds)',
	}),
	stringField('order', ['hold'], {
		displayName: 'Reason Notes',
		name: 'reasonNotes',
		default:
			'Amazon changed the purchase order while it was in fulfilment: see the exception queue',
		description: 'What the warehouse sees on the hold (at most 255 characters)',
	}),
];

/** A refused hold, saying that the holds placed before it were released. */
function holdRefused(error: unknown, released: number): ShopifyAnswerError {
	const message = (error as Error).message;
	const problems = error instanceof ShopifyAnswerError ? error.problems : [message];
	const undone = released ? ` (the ${released} hold(s) placed before it were released)` : '';
	return new ShopifyAnswerError(`${message}${undone}`, problems);
}

const idsOf = (context: IExecuteFunctions, itemIndex: number) =>
	fulfillmentOrderIds(context.getNodeParameter('fulfillmentOrderIds', itemIndex, '') as unknown);

/** Holds each fulfilment order; when one is refused, the holds placed so far are released again. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const ids = idsOf(this, itemIndex);
	const notes = String(this.getNodeParameter('reasonNotes', itemIndex, '') ?? '');
	const held = await shopifyStep(this, itemIndex, async () => {
		const placed: Array<{ fulfillmentOrderId: string; holdId: string }> = [];
		for (const id of ids) {
			let failure: unknown;
			try {
				const holdId = readHold(await gql(this, holdRequest(id, notes), itemIndex), id);
				placed.push({ fulfillmentOrderId: id, holdId });
			} catch (error) {
				failure = error;
			}
			if (failure === undefined) continue;
			for (const p of placed) {
				const body = await gql(this, releaseRequest(p.fulfillmentOrderId), itemIndex);
				readRelease(body, p.fulfillmentOrderId);
			}
			throw holdRefused(failure, placed.length);
		}
		return placed;
	});
	return [output(this, itemIndex, { held })];
}

/** Releases the hold of each fulfilment order. */
export async function release(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const ids = idsOf(this, itemIndex);
	const released = await shopifyStep(this, itemIndex, async () => {
		const out: Array<{ fulfillmentOrderId: string; status: string }> = [];
		for (const id of ids)
			out.push({
				fulfillmentOrderId: id,
				status: readRelease(await gql(this, releaseRequest(id), itemIndex), id),
			});
		return out;
	});
	return [output(this, itemIndex, { released })];
}
