/** The named error of bad allocation input. Pure: no n8n imports. */
import { InvalidInputError } from '../inputError';

export class AllocationInputError extends InvalidInputError {
	constructor(message: string, path = '(root)') {
		super(message, path);
		this.name = 'AllocationInputError';
	}
}
