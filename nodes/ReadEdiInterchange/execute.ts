import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import {
	readMailboxFile,
	type EdiPartner,
	type ReadDocument,
	type ReadFileResult,
} from '../shared/domain/edi/exchange';
import type { EdiPurchaseOrder } from '../shared/domain/edi/inbound/po850';
import { readPartner } from '../shared/ediNode/partner';

/**
 * A reply is marked for EDI as the building nodes mark their EDI documents; its `ediSource` is what
 * Write EDI Interchange writes the 997 from.
 */
const EDI_REPLY = { channel: 'edi', ediDocumentType: '997' };

interface ReadOptions {
	source: string;
	binaryProperty: string;
	textField: string;
	guideCheck: boolean;
	defaultCurrency: string;
	previousField: string;
	partner: EdiPartner;
}

async function readOptions(context: IExecuteFunctions): Promise<ReadOptions> {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const source = context.getNodeParameter('source', 0) as string;
	return {
		source,
		binaryProperty:
			source === 'binary' ? (context.getNodeParameter('binaryProperty', 0) as string) : '',
		textField: source === 'field' ? (context.getNodeParameter('textField', 0) as string) : '',
		guideCheck: context.getNodeParameter('guideCheck', 0, true) as boolean,
		defaultCurrency: String(options.defaultCurrency || 'USD'),
		previousField: String(options.previousField ?? '').trim(),
		partner: await readPartner(context),
	};
}

/** The interchange text of an item and the name of its file. */
async function fileOf(
	context: IExecuteFunctions,
	item: INodeExecutionData,
	itemIndex: number,
	options: ReadOptions,
): Promise<{ text: string; fileName: string }> {
	const named = [item.json.path, item.json.name].find((v) => typeof v === 'string' && v !== '');
	if (options.source === 'binary') {
		const binary = context.helpers.assertBinaryData(itemIndex, options.binaryProperty);
		const buffer = await context.helpers.getBinaryDataBuffer(itemIndex, options.binaryProperty);
		const text = buffer.toString('utf8').replace(/^\uFEFF/, '');
		return { text, fileName: String(binary.fileName ?? named ?? `item ${itemIndex}`) };
	}
	const text = item.json[options.textField];
	if (typeof text !== 'string')
		throw new NodeOperationError(
			context.getNode(),
			`The field ${options.textField} must hold the interchange text`,
			{ itemIndex, description: `It holds ${text === undefined ? 'nothing' : typeof text}.` },
		);
	return { text, fileName: String(named ?? `item ${itemIndex}`) };
}

/** The purchase orders kept, by number, from the item's Previous Purchase Orders Field. */
function previousOf(
	context: IExecuteFunctions,
	item: INodeExecutionData,
	itemIndex: number,
	field: string,
): ((n: string) => EdiPurchaseOrder | undefined) | undefined {
	if (!field) return undefined;
	const list = item.json[field] ?? [];
	if (!Array.isArray(list))
		throw new NodeOperationError(context.getNode(), `The field ${field} must be a list`, {
			itemIndex,
			description: 'It lists the purchase orders kept, each with its purchaseOrderNumber.',
		});
	const byNumber = new Map<string, EdiPurchaseOrder>();
	for (const po of list as IDataObject[]) {
		if (po && typeof po.purchaseOrderNumber === 'string')
			byNumber.set(po.purchaseOrderNumber, po as unknown as EdiPurchaseOrder);
	}
	return (n) => byNumber.get(n);
}

/** A document as the item the workflow receives: an 850 as the PO trigger's `new` event. */
function documentJson(doc: ReadDocument): IDataObject {
	const head = { document: doc.kind, fileName: doc.fileName };
	const key = `edi:${doc.envelope.interchangeControlNumber}:${doc.envelope.transactionSetControlNumber}`;
	if (doc.kind === 'purchaseOrder')
		return {
			event: 'new',
			eventKey: key,
			...head,
			...(doc.purchaseOrder as object),
		} as IDataObject;
	if (doc.kind === 'change')
		return {
			event: 'changed',
			eventKey: key,
			...head,
			purchaseOrderNumber: doc.purchaseOrderNumber,
			...(doc.purchaseOrder ?? {}),
			previousPurchaseOrder: (doc.previousPurchaseOrder ?? null) as IDataObject | null,
			envelope: doc.envelope as unknown as IDataObject,
		} as IDataObject;
	return { ...head, ...doc, envelope: doc.envelope } as unknown as IDataObject;
}

/**
 * Reads each input item's interchange (a mailbox file) and sorts what it holds onto Documents,
 * 997 Replies and Exceptions. The content of a file never stops the node: a file that cannot be
 * read, or a set that is rejected, is an exception row.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const out: INodeExecutionData[][] = [[], [], []];
	if (!items.length) return out;
	const options = await readOptions(this);
	for (let i = 0; i < items.length; i++) {
		const { text, fileName } = await fileOf(this, items[i], i, options);
		const result: ReadFileResult = readMailboxFile(text, {
			partner: options.partner,
			fileName,
			guideCheck: options.guideCheck,
			defaultCurrency: options.defaultCurrency,
			previousOf: previousOf(this, items[i], i, options.previousField),
		});
		const paired = { item: i };
		for (const doc of result.documents)
			out[0].push({ json: documentJson(doc), pairedItem: paired });
		for (const reply of result.replies)
			out[1].push({
				json: {
					document: '997',
					...EDI_REPLY,
					...reply,
					ediSource: { transactionSet: reply.transactionSet },
				} as unknown as IDataObject,
				pairedItem: paired,
			});
		for (const row of result.exceptions)
			out[2].push({ json: { ...row, fileName } as IDataObject, pairedItem: paired });
	}
	return out;
}
