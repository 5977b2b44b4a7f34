/**
 * Reading the ASIN / case-pack mapping of a node (Map ASIN / Case Pack, Apply Change Order): rows
 * typed into the node's table, or the items of its second input.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { createMappingIndex, MappingTableError, type MappingIndex } from '../domain/caseMapping';

/**
 * The rows, with empty cells read as absent: a case pack of 0, empty texts, and nulls (an n8n Data
 * Table answers null for a cell never filled). The same for rows typed into the node and for items
 * of its second input.
 */
export function mappingRows(this: IExecuteFunctions, source: string): IDataObject[] {
	const rows =
		source === 'input'
			? this.getInputData(1).map((item) => item.json)
			: (((this.getNodeParameter('mapping', 0, {}) as IDataObject).rows as
					| IDataObject[]
					| undefined) ?? []);
	return rows.map((row) => {
		const out: IDataObject = { ...row };
		for (const [key, value] of Object.entries(out)) if (value === null) delete out[key];
		if (!out.casePack) delete out.casePack;
		for (const key of ['expectedUnitCost', 'asin', 'vendorProductIdentifier', 'sku'])
			if (out[key] === '') delete out[key];
		return out;
	});
}

/** The lookup index; a table with bad rows or no rows is a NodeOperationError naming each row and field. */
export function mappingIndex(
	this: IExecuteFunctions,
	source: string,
	rows: IDataObject[],
): MappingIndex {
	if (!rows.length) {
		throw new NodeOperationError(this.getNode(), 'The mapping has no rows', {
			description:
				source === 'input'
					? 'Connect the Mapping Rows input to items with sku and asin or vendorProductIdentifier.'
					: 'Add rows to the Mapping table.',
		});
	}
	try {
		return createMappingIndex(rows);
	} catch (error) {
		if (error instanceof MappingTableError) {
			throw new NodeOperationError(this.getNode(), 'The mapping table cannot be used', {
				description: error.issues.map((i) => `rows[${i.row}].${i.field}: ${i.message}`).join('\n'),
			});
		}
		throw new NodeOperationError(this.getNode(), error as Error);
	}
}
