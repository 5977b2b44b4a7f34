/**
 * The one problem collector of Build ASN: every step adds the exceptions it finds (code, message,
 * path, figures) and its warnings, so the build reports every problem, not only the first. And
 * InputError, the named error of bad arguments (options, tables, lists). Pure: no n8n imports.
 */
import { InvalidInputError } from '../inputError';
import type { AsnException, AsnExceptionCode } from './types';

/** Bad input to a Build ASN or Build Invoice reader: code INVALID_INPUT, with the field path. */
export class InputError extends InvalidInputError {
	constructor(message: string, path?: string, itemIndex?: number) {
		super(message, path || undefined, itemIndex);
		this.name = 'InputError';
	}
}

export class ProblemCollector {
	readonly exceptions: AsnException[] = [];
	readonly warnings: string[] = [];

	add(
		code: AsnExceptionCode,
		message: string,
		path?: string,
		details?: Record<string, unknown>,
	): void {
		const e: AsnException = { code, message };
		if (path !== undefined) e.path = path;
		if (details !== undefined) e.details = details;
		this.exceptions.push(e);
	}

	/** An INVALID_INPUT exception at `path`. */
	invalid(message: string, path?: string): void {
		this.add('INVALID_INPUT', message, path);
	}

	warn(message: string): void {
		this.warnings.push(message);
	}

	get count(): number {
		return this.exceptions.length;
	}
}
