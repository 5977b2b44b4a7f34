import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { parseStockRows } from '../shared/domain/allocation';
import type { PreviousAcknowledgement } from '../shared/domain/acknowledgement';
import { readPreviousAcknowledgement } from '../shared/domain/acknowledgement/previous';
import { readMappedPurchaseOrder, type MappedPurchaseOrder } from '../shared/domain/caseMapping';
import { readPath } from '../shared/domain/values';
import { asNodeError } from '../shared/transport/errors';
import type { AcknowledgePoOptions } from './options';
import type { Outputs } from './outputs';
import type { AcknowledgementCandidate } from '../shared/domain/acknowledgement/plan';
import { stockRowsOf } from './stockRows';

const CONTEXT_FIELDS = ['event', 'eventKey', 'changeDate'];

/**
 * The mapped purchase orders of the input with what they acknowledged before. An item that is not
 * one goes to Exceptions with continueOnFail, and stops the run otherwise: before anything is sent.
 */
export function readCandidates(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	options: AcknowledgePoOptions,
	outputs: Outputs,
): AcknowledgementCandidate[] {
	const candidates: AcknowledgementCandidate[] = [];
	items.forEach(({ json }, itemIndex) => {
		let reason = 'notMapped';
		try {
			const mapped = readMapped(context, json, itemIndex);
			reason = 'invalidInput';
			const previous = readPrevious(context, json, itemIndex, mapped, options.previousField);
			const carried: IDataObject = {};
			for (const key of CONTEXT_FIELDS) if (json[key] !== undefined) carried[key] = json[key];
			candidates.push({ itemIndex, mapped, previous, context: carried });
		} catch (error) {
			if (!context.continueOnFail()) throw asNodeError(context.getNode(), error, itemIndex);
			outputs.exception(itemIndex, { reason, error: (error as Error).message });
		}
	});
	return candidates;
}

function readMapped(
	context: IExecuteFunctions,
	json: IDataObject,
	itemIndex: number,
): MappedPurchaseOrder {
	try {
		return readMappedPurchaseOrder(json);
	} catch (error) {
		const message =
			`Item ${itemIndex} is not a mapped purchase order ` +
			`(connect the Mapped output of Map ASIN / Case Pack): ${(error as Error).message}`;
		throw new NodeOperationError(context.getNode(), message, { itemIndex });
	}
}

/** What the item says was acknowledged before; a malformed one names the item and the field. */
function readPrevious(
	context: IExecuteFunctions,
	json: IDataObject,
	itemIndex: number,
	mapped: MappedPurchaseOrder,
	field: string,
): PreviousAcknowledgement | undefined {
	try {
		const po = mapped.purchaseOrder.purchaseOrderNumber;
		return readPreviousAcknowledgement(readPath(json, field), field, po);
	} catch (error) {
		throw asNodeError(context.getNode(), error, itemIndex);
	}
}

/** The stock, shared by every purchase order of this run: the Stock input or a field of each item. */
export function readStock(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	candidates: AcknowledgementCandidate[],
	options: AcknowledgePoOptions,
): Record<string, number> {
	try {
		const rows =
			options.stockSource === 'input'
				? context.getInputData(1).map((item) => item.json as unknown)
				: stockRowsOf(candidates.map((c) => readPath(items[c.itemIndex].json, options.stockField)));
		return parseStockRows(rows).stock;
	} catch (error) {
		throw new NodeOperationError(
			context.getNode(),
			`The stock cannot be read: ${(error as Error).message}`,
		);
	}
}
