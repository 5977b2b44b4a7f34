/** An error of the control API (/__sandbox/… and the Node API): HTTP status, message and details. */
export class ControlError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly details: unknown[] = [],
	) {
		super(message);
	}
}
