import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import {
	availableOfSalable,
	isUnknownSkuAnswer,
	skuList,
} from '../../../shared/domain/platforms/magento';
import { magentoError, magentoSend } from '../../transport';
import { entityId, field } from '../params';

const show = (property: Omit<INodeProperties, 'displayOptions'>) =>
	field('stock', ['getSalable'], property);

export const description: INodeProperties[] = [
	show({
		displayName: 'SKUs',
		name: 'skus',
		type: 'string',
		default: '',
		required: true,
		description: 'The SKUs to read, separated by commas (or a list from an expression)',
	}),
	show({
		displayName: 'Stock ID',
		name: 'stockId',
		type: 'number',
		default: 1,
		description: 'The MSI stock that serves the wholesale orders (1 is the default stock)',
	}),
	show({
		displayName: 'Buffer (Eaches)',
		name: 'bufferEaches',
		type: 'number',
		default: 0,
		description: 'Eaches per SKU held back from Amazon',
	}),
];

/**
 * One item per SKU: `salable` (MSI salable quantity) and `available` (minus the buffer, at least
 * 0). A SKU Magento does not know is 0; any other failure stops, since stock that cannot be read
 * must not be promised.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const skus = skuList(this.getNodeParameter('skus', itemIndex, ''));
	if (skus.length === 0) {
		throw new NodeOperationError(this.getNode(), 'SKUs is empty', {
			itemIndex,
			description: `Item ${itemIndex}, field skus.`,
		});
	}
	const stockId = entityId.call(this, 'stockId', 'Stock ID', itemIndex);
	const buffer = Number(this.getNodeParameter('bufferEaches', itemIndex, 0));
	const out: IDataObject[] = [];
	for (const sku of skus) {
		const call = {
			method: 'GET' as const,
			path: `/inventory/get-product-salable-quantity/${encodeURIComponent(sku)}/${stockId}`,
			itemIndex,
			step: `read the salable quantity of SKU ${sku} in stock ${stockId} (nothing should be acknowledged)`,
		};
		const reply = await magentoSend.call(this, call);
		if (reply.status === 200) {
			const salable = Number(reply.body);
			out.push({ sku, salable, available: availableOfSalable(salable, buffer), stockId });
		} else if (isUnknownSkuAnswer(reply.status, reply.body)) {
			out.push({ sku, salable: 0, available: 0, stockId, unknownSku: true });
		} else throw magentoError.call(this, call, reply);
	}
	return out;
}
