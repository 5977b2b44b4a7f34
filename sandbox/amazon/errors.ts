/**
 * Amazon's error responses: `{ "errors": [ { code, message, details? } ] }` with the HTTP status.
 * Handlers throw AmazonApiError; the operation wrapper turns it into the response.
 */
import type { AmazonError } from './types';

export class AmazonApiError extends Error {
	constructor(
		readonly status: number,
		readonly errors: AmazonError[],
	) {
		super(errors.map((e) => `${e.code}: ${e.message}`).join('; '));
	}
}

export function invalidInput(message: string, details = ''): AmazonApiError {
	return new AmazonApiError(400, [{ code: 'InvalidInput', message, details }]);
}

export function invalidRequest(message = 'The request is invalid.', details = ''): AmazonApiError {
	return new AmazonApiError(400, [{ code: 'InvalidRequest', message, details }]);
}

export function notFound(message: string, details = ''): AmazonApiError {
	return new AmazonApiError(404, [{ code: 'NotFound', message, details }]);
}

export const UNAUTHORIZED_MESSAGE = 'Access to requested resource is denied.';

/** The 403 bodies of the real API for a missing, unknown or expired access token. */
export function unauthorized(reason: 'missing' | 'invalid' | 'expired'): AmazonError {
	const details = {
		missing: 'The request does not contain the x-amz-access-token header.',
		invalid: 'The access token you provided is revoked, malformed or invalid.',
		expired: 'The access token you provided has expired.',
	}[reason];
	return { code: 'Unauthorized', message: UNAUTHORIZED_MESSAGE, details };
}

/** Bodies for injected status faults, in the style of each status's real answer. */
export function errorsForStatus(status: number): AmazonError[] {
	switch (status) {
		case 400:
			return [
				{
					code: 'InvalidInput',
					message: 'The request is invalid.',
					details: 'Injected by the sandbox.',
				},
			];
		case 401:
			return [
				{
					code: 'Unauthorized',
					message: UNAUTHORIZED_MESSAGE,
					details: 'The request signature is not valid.',
				},
			];
		case 403:
			return [unauthorized('expired')];
		case 404:
			return [{ code: 'NotFound', message: 'The resource specified does not exist.', details: '' }];
		case 413:
			return [
				{
					code: 'RequestEntityTooLarge',
					message: 'The request size exceeded the maximum accepted size.',
					details: '',
				},
			];
		case 415:
			return [
				{
					code: 'UnsupportedMediaType',
					message: 'The request payload is in an unsupported format.',
					details: '',
				},
			];
		case 429:
			return [
				{
					code: 'QuotaExceeded',
					message: 'You exceeded your quota for the requested resource.',
					details: '',
				},
			];
		case 500:
			return [
				{
					code: 'InternalFailure',
					message: 'We encountered an internal error. Please try again.',
					details: '',
				},
			];
		case 503:
			return [
				{
					code: 'ServiceUnavailable',
					message: 'Service temporarily unavailable. Please try again.',
					details: '',
				},
			];
		default:
			return [
				{
					code: status >= 500 ? 'InternalFailure' : 'InvalidRequest',
					message: `Injected HTTP ${status}.`,
					details: '',
				},
			];
	}
}
