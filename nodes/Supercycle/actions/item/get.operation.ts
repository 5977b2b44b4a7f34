import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { supercycleRequest } from '../../transport';
import { itemIdField, itemPath } from './common';

/** Item ID, shown for Update too. */
export const description: INodeProperties[] = [itemIdField];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const item = await supercycleRequest.call(this, {
		method: 'GET',
		path: itemPath(this, itemIndex),
		itemIndex,
	});
	return [item as IDataObject];
}
