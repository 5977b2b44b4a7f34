import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { waitFields } from '../../../shared/descriptions/submission';
import {
	submitDocument,
	wrapDocuments,
	type DocumentKind,
} from '../../../shared/transport/documents';
import { readBody, waitOptions } from './common';

export const DOCUMENT_RESOURCES = ['acknowledgement', 'shipmentConfirmation', 'invoice'];

export const description: INodeProperties[] = [
	{
		displayName: 'Body (JSON)',
		name: 'body',
		type: 'json',
		required: true,
		default: '{}',
		displayOptions: { show: { resource: DOCUMENT_RESOURCES, operation: ['submit'] } },
		description:
			'The request body in Amazon\'s shape, e.g. {"acknowledgements": [...]}. A single document or an array of ' +
			"documents is wrapped for you. It is validated against Amazon's model before anything is sent.",
	},
	...waitFields(DOCUMENT_RESOURCES, ['submit']),
];

/** Validates the body against Amazon's model, sends it, and waits for the final status if asked. */
export async function execute(
	this: IExecuteFunctions,
	kind: DocumentKind,
	itemIndex: number,
): Promise<IDataObject[]> {
	const body = wrapDocuments(kind, readBody(this, itemIndex));
	const wait = waitOptions(this, itemIndex);
	const result = await submitDocument.call(this, kind, body, itemIndex, wait);
	return [result as unknown as IDataObject];
}
