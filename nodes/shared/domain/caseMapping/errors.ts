/** The named errors of the mapping steps. Pure: no n8n imports. */
import { InvalidInputError } from '../inputError';
import type { MappingRowIssue } from './types';

/** The mapping table cannot be used; `issues` lists every bad value (row index and field). */
export class MappingTableError extends InvalidInputError {
	constructor(readonly issues: MappingRowIssue[]) {
		super(
			`The mapping table has ${issues.length === 1 ? 'a problem' : `${issues.length} problems`}: ` +
				issues.map((i) => `rows[${i.row}].${i.field} ${i.message}`).join('; '),
			issues.length ? `rows[${issues[0].row}].${issues[0].field}` : 'rows',
		);
		this.name = 'MappingTableError';
	}
}

/** Bad options for mapPurchaseOrder. */
export class MappingOptionsError extends InvalidInputError {
	constructor(message: string, path = 'options') {
		super(message, path);
		this.name = 'MappingOptionsError';
	}
}

/**
 * A value given as a MappedPurchaseOrder is not one (e.g. a node input that did not come from the
 * Map node). `path` is the field.
 */
export class MappedPurchaseOrderError extends InvalidInputError {
	constructor(
		path: string,
		readonly reason: string,
	) {
		super(`Not a mapped purchase order: ${path} ${reason}`, path);
		this.name = 'MappedPurchaseOrderError';
	}
}
