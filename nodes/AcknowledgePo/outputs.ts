import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/** The two outputs of Acknowledge PO, each item paired with its input item. */
export interface Outputs {
	acknowledged: INodeExecutionData[];
	exceptions: INodeExecutionData[];
	acknowledge(itemIndex: number, json: IDataObject): void;
	exception(itemIndex: number, json: IDataObject): void;
}

export function newOutputs(): Outputs {
	const acknowledged: INodeExecutionData[] = [];
	const exceptions: INodeExecutionData[] = [];
	return {
		acknowledged,
		exceptions,
		acknowledge: (item, json) => acknowledged.push({ json, pairedItem: { item } }),
		exception: (item, json) => exceptions.push({ json, pairedItem: { item } }),
	};
}
