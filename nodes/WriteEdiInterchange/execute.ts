import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, jsonParse } from 'n8n-workflow';
import { InvalidInputError } from '../shared/domain/inputError';
import {
	GuideRefusal,
	writeDocument,
	type DocumentType,
	type EdiPartner,
} from '../shared/domain/edi/exchange';
import { readPartner } from '../shared/ediNode/partner';

/** The source of an item: an object, or JSON text of one. */
function sourceOf(context: IExecuteFunctions, itemIndex: number): Record<string, unknown> {
	const value = context.getNodeParameter('source', itemIndex) as unknown;
	const parsed =
		typeof value === 'string'
			? jsonParse<unknown>(value, {
					errorMessage: 'The parameter Source must be an object or JSON text of one',
				})
			: value;
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
		throw new NodeOperationError(context.getNode(), 'The parameter Source must be an object', {
			itemIndex,
		});
	return parsed as Record<string, unknown>;
}

/** The purchase order a document is about, for the exception row. */
function purchaseOrderNumberOf(source: Record<string, unknown>): string {
	const pick = (o: unknown, k: string) =>
		o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined;
	const candidates = [
		pick(source.acknowledgement, 'purchaseOrderNumber'),
		source.purchaseOrderNumber,
		pick(
			(pick(source.confirmation, 'shippedItems') as unknown[] | undefined)?.[0],
			'purchaseOrderNumber',
		),
	];
	const found = candidates.find((v) => typeof v === 'string' && v !== '');
	return typeof found === 'string' ? found : '';
}

function refusedRow(
	documentType: string,
	source: Record<string, unknown>,
	controlNumber: unknown,
	error: InvalidInputError,
): IDataObject {
	const problems = error instanceof GuideRefusal ? error.problems : [error.message];
	return {
		type: 'edi_document_refused',
		purchaseOrderNumber: purchaseOrderNumberOf(source),
		reason:
			`The ${documentType} was not written and not sent: ${error.message}. ` +
			'Correct the data it is built from; its control number is left unused.',
		ownerRole: 'operations',
		details: JSON.stringify({ documentType, controlNumber, field: error.path, problems }),
	};
}

/**
 * Writes one interchange per input item from the document its Source holds, with the partnership's
 * ids and the item's reserved control number, checked against Amazon's guide. A document that fails
 * the guide goes to Refused; bad input stops the node with the item and the field (or, with the
 * node's On Error set to continue, goes to Refused as well). Nothing refused is written.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const written: INodeExecutionData[] = [];
	const refused: INodeExecutionData[] = [];
	if (!items.length) return [written, refused];
	const partner: EdiPartner = await readPartner(this);
	const date = new Date();
	for (let i = 0; i < items.length; i++) {
		const documentType = this.getNodeParameter('documentType', i) as DocumentType;
		const controlNumber = this.getNodeParameter('controlNumber', i) as unknown;
		const guideCheck = this.getNodeParameter('guideCheck', i, true) as boolean;
		let source: Record<string, unknown> = {};
		try {
			source = sourceOf(this, i);
			const doc = writeDocument({ documentType, source, controlNumber, partner, date, guideCheck });
			written.push({ json: { ...doc } as IDataObject, pairedItem: { item: i } });
		} catch (error) {
			const named =
				error instanceof InvalidInputError
					? error
					: new InvalidInputError((error as Error).message, 'source');
			if (!(named instanceof GuideRefusal) && !this.continueOnFail())
				throw new NodeOperationError(this.getNode(), `${named.message} (field ${named.path})`, {
					itemIndex: i,
					description: `Nothing was written: the ${documentType} cannot be built from this item.`,
				});
			refused.push({
				json: refusedRow(documentType, source, controlNumber, named),
				pairedItem: { item: i },
			});
		}
	}
	return [written, refused];
}
