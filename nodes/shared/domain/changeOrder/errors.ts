import { InvalidInputError } from '../inputError';

/** Bad input to Apply Change Order's domain functions; `path` names the field. */
export class ChangeOrderInputError extends InvalidInputError {
	constructor(message: string, path = '(root)') {
		super(message, path);
		this.name = 'ChangeOrderInputError';
	}
}
