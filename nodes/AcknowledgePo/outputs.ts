import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/**
 * The three outputs of Acknowledge PO, each item paired with its input item. An acknowledgement
 * for EDI is on Acknowledged (the workflow goes on as for the SP-API) and again on To Send by EDI,
 * for the EDI mailbox workflow that writes its 855.
 */
export interface Outputs {
	acknowledged: INodeExecutionData[];
	exceptions: INodeExecutionData[];
	toEdi: INodeExecutionData[];
	acknowledge(itemIndex: number, json: IDataObject): void;
	exception(itemIndex: number, json: IDataObject): void;
	sendByEdi(itemIndex: number, json: IDataObject): void;
}

/**
 * The `type` of the exception-queue row of an exception: `acknowledgement_` and the reason in snake
 * case (`acknowledgement_transaction_failure`), `acknowledgement_problem` without one.
 */
export function exceptionType(json: IDataObject): string {
	const reason = typeof json.reason === 'string' && json.reason ? json.reason : 'problem';
	return 'acknowledgement_' + reason.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
}

export function newOutputs(): Outputs {
	const acknowledged: INodeExecutionData[] = [];
	const exceptions: INodeExecutionData[] = [];
	const toEdi: INodeExecutionData[] = [];
	return {
		acknowledged,
		exceptions,
		toEdi,
		acknowledge: (item, json) => acknowledged.push({ json, pairedItem: { item } }),
		exception: (item, json) =>
			exceptions.push({
				json: { ...json, exceptionType: exceptionType(json) },
				pairedItem: { item },
			}),
		sendByEdi: (item, json) => {
			acknowledged.push({ json, pairedItem: { item } });
			toEdi.push({ json, pairedItem: { item } });
		},
	};
}
