import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { InvalidInputError } from '../shared/domain/inputError';
import { planStockSync, type StockSyncResult } from '../shared/domain/stock';
import { readRun } from './options';

/** Items paired with the stock row of their SKU (the first row when there is none). */
/**
 * Items paired with the stock row of their SKU (the first row when there is none); a figure of a
 * SKU in the stock rows carries that row as `row`, so that later nodes find its other fields (the
 * ASIN, the product title).
 */
function asItems(list: readonly object[], rowOf: Map<string, number>, rows: INodeExecutionData[]) {
	return list.map((json): INodeExecutionData => {
		const sku = (json as { sku?: unknown }).sku;
		const index = typeof sku === 'string' ? rowOf.get(sku) : undefined;
		const row = index === undefined ? {} : { row: rows[index].json };
		return { json: { ...(json as IDataObject), ...row }, pairedItem: { item: index ?? 0 } };
	});
}

/** The index of the stock row a `rows[i]...` path names, if it names one. */
function rowIndexOf(error: InvalidInputError): number | undefined {
	if (error.itemIndex !== undefined) return error.itemIndex;
	const match = /^rows\[(\d+)\]/.exec(error.path);
	return match ? Number(match[1]) : undefined;
}

/**
 * One sync over all input items: the stock rows and the last figures sent are read, the figures
 * computed and guarded per channel, and sorted onto Send, Held and Stopped. Bad input stops the
 * node with the item and the field; nothing is sent.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	let result: StockSyncResult;
	const rowOf = new Map<string, number>();
	try {
		const run = readRun(this);
		run.rows.forEach((row, i) => rowOf.set(String(row.sku), i));
		result = planStockSync(run.rows, run.lastSent, run.sync);
	} catch (error) {
		if (!(error instanceof InvalidInputError))
			throw new NodeOperationError(this.getNode(), error as Error);
		throw new NodeOperationError(this.getNode(), `${error.message} (field ${error.path})`, {
			itemIndex: rowIndexOf(error),
			description: 'Nothing was sent: fix the stock rows, the last figures or the channels.',
		});
	}
	// A stopped channel's item is its exception-queue row, with the facts beside it.
	const stopped = result.stopped.map(({ exception, ...facts }) => ({ ...exception, ...facts }));
	const rows = this.getInputData(0);
	return [
		asItems(result.send, rowOf, rows),
		asItems(result.held, rowOf, rows),
		asItems(stopped, rowOf, rows),
	];
}
