/** The named errors of the acknowledgement steps. Pure: no n8n imports. */
import { InvalidInputError } from '../inputError';

/** The PO, its mapping or its allocation cannot be acknowledged as given. */
export class AcknowledgementBuildError extends InvalidInputError {
	constructor(
		readonly purchaseOrderNumber: string,
		message: string,
		path = '(root)',
	) {
		super(`PO ${purchaseOrderNumber}: ${message}`, path);
		this.name = 'AcknowledgementBuildError';
	}
}

/** Bad options (clock, dates, cost mode) or a bad argument that belongs to no PO. */
export class AcknowledgementOptionsError extends InvalidInputError {
	constructor(message: string, path = 'options') {
		super(message, path);
		this.name = 'AcknowledgementOptionsError';
	}
}
