import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { supercycleRequest } from '../../transport';
import { numericId } from '../params';

const show = (operation: string[]) => ({ show: { resource: ['rental'], operation } });

export const description: INodeProperties[] = [
	{
		displayName: 'Rental ID',
		name: 'rentalId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '6789',
		displayOptions: show(['get']),
		description: 'Numeric Supercycle ID of the rental',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const id = numericId.call(
		this,
		this.getNodeParameter('rentalId', itemIndex),
		'Rental ID',
		itemIndex,
	);
	const rental = await supercycleRequest.call(this, {
		method: 'GET',
		path: `/rentals/${id}`,
		itemIndex,
	});
	return [rental as IDataObject];
}
