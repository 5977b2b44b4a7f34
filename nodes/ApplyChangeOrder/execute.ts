import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { evaluateChangeOrder, type ChangeOrderResult } from '../shared/domain/changeOrder';
import { readItem, type ItemInput } from './item';
import { readOptions, type ApplyChangeOrderOptions } from './options';
import { appliedJson, newOutputs, type Outputs } from './outputs';
import { submitReacknowledgement } from './submit';

const CONTEXT_FIELDS = ['event', 'eventKey', 'changeDate'];

/**
 * Per item: read the changed and kept purchase orders and the platform order, decide (No Change,
 * Blocked or Apply with the edit plan), and on Apply send the re-acknowledgement if asked to.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData(0);
	const outputs = newOutputs();
	if (!items.length) return [outputs.apply, outputs.blocked, outputs.noChange];
	const options = readOptions(this, 0);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const json = items[itemIndex].json;
		const context: IDataObject = {};
		for (const key of CONTEXT_FIELDS) if (json[key] !== undefined) context[key] = json[key];
		const decided = decide(this, itemIndex, json, options);
		if ('error' in decided) {
			refuse(this, itemIndex, json, context, decided.error, outputs);
			continue;
		}
		await route(this, itemIndex, context, decided.input, decided.result, options, outputs);
	}
	return [outputs.apply, outputs.blocked, outputs.noChange];
}

/** This item's inputs and the decision on them, or the error that makes them unusable. */
function decide(
	context: IExecuteFunctions,
	itemIndex: number,
	json: IDataObject,
	options: ApplyChangeOrderOptions,
): { input: ItemInput; result: ChangeOrderResult } | { error: unknown } {
	try {
		const input = readItem(context, itemIndex, json, options.mappingVariantIds);
		const { previous, current, platformOrder, previousAcknowledgement } = input;
		const result = evaluateChangeOrder(
			{ previous, current, platformOrder, mapping: options.mapping, previousAcknowledgement },
			options.changeOrder,
		);
		return { input, result };
	} catch (error) {
		return { error };
	}
}

/** Bad input stops the run with the item and the reason; with continueOnFail it goes to Blocked. */
function refuse(
	context: IExecuteFunctions,
	itemIndex: number,
	json: IDataObject,
	carried: IDataObject,
	error: unknown,
	outputs: Outputs,
): void {
	const known = error instanceof NodeOperationError;
	const message = known ? error.message : `Item ${itemIndex}: ${(error as Error).message}`;
	const description = known ? (error.description ?? undefined) : undefined;
	if (!context.continueOnFail()) {
		throw new NodeOperationError(context.getNode(), message, { itemIndex, description });
	}
	outputs.push('blocked', itemIndex, {
		...carried,
		...(typeof json.purchaseOrderNumber === 'string'
			? { purchaseOrderNumber: json.purchaseOrderNumber }
			: {}),
		error: message,
		reasons: [{ code: 'INVALID_INPUT', message }],
		suggestedAction: description ?? 'Correct the input of this item; nothing was applied or sent.',
	});
}

/** The decision onto its output; an Apply with a re-acknowledgement to submit is sent first. */
async function route(
	context: IExecuteFunctions,
	itemIndex: number,
	carried: IDataObject,
	input: ItemInput,
	result: ChangeOrderResult,
	options: ApplyChangeOrderOptions,
	outputs: Outputs,
): Promise<void> {
	const base: IDataObject = {
		...carried,
		purchaseOrderNumber: result.diff.purchaseOrderNumber,
		diff: result.diff as unknown as IDataObject,
	};
	if (result.route === 'noChange') return outputs.push('noChange', itemIndex, base);
	if (result.route === 'blocked') {
		return outputs.push('blocked', itemIndex, {
			...base,
			reasons: result.reasons as unknown as IDataObject[],
			suggestedAction: result.suggestedAction,
			warnings: result.warnings,
			purchaseOrder: input.current as unknown as IDataObject,
		});
	}
	const out = appliedJson(base, result, input, options);
	if (!options.submit) return outputs.push('apply', itemIndex, out);
	const reacknowledgement = result.reacknowledgement;
	if (reacknowledgement === undefined) {
		return outputs.push('apply', itemIndex, { ...out, status: 'NothingToSend' });
	}
	await submitReacknowledgement(context, itemIndex, base, out, reacknowledgement, options, outputs);
}
