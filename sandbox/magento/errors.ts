/**
 * Magento's REST error answers: `{ "message": "…%1…", "parameters": [...] }` (or named
 * parameters `{ "fieldName": … }` where Magento's phrase uses `%fieldName`), and for several input
 * errors `{ "message": "One or more input exceptions have occurred.", "errors": [ … ] }`.
 * Handlers throw MagentoError; the operation wrapper turns it into the answer.
 */

export type MagentoParameters = unknown[] | Record<string, unknown>;

export interface MagentoErrorItem {
	message: string;
	parameters?: MagentoParameters;
}

export interface MagentoErrorBody {
	message: string;
	parameters?: MagentoParameters;
	errors?: MagentoErrorItem[];
}

export class MagentoError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly parameters?: MagentoParameters,
		readonly errors?: MagentoErrorItem[],
	) {
		super(message);
	}

	body(): MagentoErrorBody {
		const out: MagentoErrorBody = { message: this.message };
		if (this.errors?.length) out.errors = this.errors;
		if (this.parameters !== undefined) out.parameters = this.parameters;
		return out;
	}
}

/** The message with its parameters filled in, for logs and tests. */
export function renderMessage(message: string, parameters?: MagentoParameters): string {
	if (!parameters) return message;
	if (Array.isArray(parameters))
		return message.replace(/%(\d+)/g, (m, n: string) =>
			parameters[Number(n) - 1] !== undefined ? String(parameters[Number(n) - 1]) : m,
		);
	return message.replace(/%([A-Za-z_]+)/g, (m, name: string) =>
		parameters[name] !== undefined ? String(parameters[name]) : m,
	);
}

export const ROUTE_NOT_FOUND = 'Request does not match any route.';

export function routeNotFound(): MagentoError {
	return new MagentoError(404, ROUTE_NOT_FOUND);
}

/** 401, with the ACL resource the operation needs. */
export function notAuthorized(resource: string): MagentoError {
	return new MagentoError(401, "The consumer isn't authorized to access %resources.", {
		resources: resource,
	});
}

/** NoSuchEntityException::singleField, e.g. ("cartId", 12). */
export function noSuchEntity(fieldName: string, fieldValue: unknown): MagentoError {
	return new MagentoError(404, 'No such entity with %fieldName = %fieldValue', {
		fieldName,
		fieldValue,
	});
}

/** What the sales repositories answer for an unknown id (order, shipment). */
export function entityNotFound(): MagentoError {
	return new MagentoError(
		404,
		"The entity that was requested doesn't exist. Verify the entity and try again.",
	);
}

export function productNotFound(): MagentoError {
	return new MagentoError(
		404,
		"The product that was requested doesn't exist. Verify the product and try again.",
	);
}

export function inputError(message: string, parameters?: MagentoParameters): MagentoError {
	return new MagentoError(400, message, parameters);
}

export function requiredField(fieldName: string): MagentoErrorItem {
	return { message: '"%fieldName" is required. Enter and try again.', parameters: { fieldName } };
}

/** One error as is; several as Magento's aggregated InputException. */
export function inputErrors(items: MagentoErrorItem[]): MagentoError {
	if (items.length === 1) return new MagentoError(400, items[0].message, items[0].parameters);
	return new MagentoError(400, 'One or more input exceptions have occurred.', undefined, items);
}

/** The body of a status fault, by status. */
export function faultBody(status: number, message?: string): MagentoErrorBody {
	if (message) return { message };
	switch (status) {
		case 401:
			return {
				message: "The consumer isn't authorized to access %resources.",
				parameters: { resources: 'Magento_Backend::admin' },
			};
		case 404:
			return { message: ROUTE_NOT_FOUND };
		case 429:
			return { message: 'Too Many Requests' };
		case 503:
			return { message: 'Service Unavailable' };
		case 500:
			return {
				message:
					'Internal Error. Details are available in Magento log file. Report ID: webapi-sandbox-fault',
			};
		default:
			return status >= 500
				? {
						message:
							'Internal Error. Details are available in Magento log file. Report ID: webapi-sandbox-fault',
					}
				: { message: 'The request could not be processed.' };
	}
}
