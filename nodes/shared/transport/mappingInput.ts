/**
 * Reading the ASIN / case-pack mapping of a node (Map ASIN / Case Pack, Apply Change Order): rows
 * typed into the node's table, or the items of its second input.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { createMappingIndex, MappingTableError, type MappingIndex } from '../domain/caseMapping';

/** The rows, with the table's empty cells (0 case pack, '' texts) read as absent. */
export function mappingRows(this: IExecuteFunctions, source: string): IDataObject[] {
	if (source === 'input') return this.getInputData(1).map((item) => item.json);
	const rows = ((this.getNodeParameter('mapping', 0, {}) as IDataObject).rows as IDataObject[] | undefined) ?? [];
	return rows.map((row) => ({
		...row,
		casePack: row.casePack ? row.casePack : undefined,
		expectedUnitCost: row.expectedUnitCost === '' ? undefined : row.expectedUnitCost,
		asin: row.asin === '' ? undefined : row.asin,
		vendorProductIdentifier: row.vendorProductIdentifier === '' ? undefined : row.vendorProductIdentifier,
	}));
}

/** The lookup index; a table with bad rows or no rows is a NodeOperationError naming each row and field. */
export function mappingIndex(this: IExecuteFunctions, source: string, rows: IDataObject[]): MappingIndex {
	if (!rows.length) {
		throw new NodeOperationError(this.getNode(), 'The mapping has no rows', {
			description:
				source === 'input' ? 'Connect the Mapping Rows input to items with sku and asin or vendorProductIdentifier.' : 'Add rows to the Mapping table.',
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
