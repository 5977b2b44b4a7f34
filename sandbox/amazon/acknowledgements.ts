/**
 * submitAcknowledgement (POST /vendor/orders/v1/acknowledgements): 400 when the body breaks the
 * model, else 202 with a transactionId. The rules (acknowledgementRules.ts) run when the
 * transaction settles; a Failure changes nothing, a Success records every line's acknowledgement
 * and moves New purchase orders to Acknowledged (or Closed when nothing was accepted).
 */
import type { Route } from '../http/router';
import { evaluateAcknowledgements, type AcknowledgementEffect } from './acknowledgementRules';
import { invalidInput } from './errors';
import { accepted, amazonOperation, readModelBody } from './operation';
import type { AmazonSimulator } from './simulator';
import { lineState, type AcknowledgementRecord, type TransactionRecord } from './state';
import type { OrderAcknowledgement, SubmitAcknowledgementRequest } from './types';

export function applyAcknowledgementEffects(
	sim: AmazonSimulator,
	effects: AcknowledgementEffect[],
	transaction: TransactionRecord,
): void {
	const now = sim.clock.nowIso();
	for (const effect of effects) {
		const record = sim.state.purchaseOrders.get(effect.purchaseOrderNumber);
		const details = record?.order.orderDetails;
		if (!record || !details) continue;
		for (const { itemSequenceNumber, event } of effect.lines) {
			const item = details.items.find((i) => i.itemSequenceNumber === itemSequenceNumber);
			if (!item) continue;
			lineState(record, item).acknowledgements.push({
				...event,
				recordedAt: now,
				transactionId: transaction.transactionId,
			});
		}
		const nothingAccepted = details.items.every((i) => {
			const last = lineState(record, i).acknowledgements.slice(-1)[0];
			return !last || last.acceptedEaches + last.backorderedEaches === 0;
		});
		const next = nothingAccepted ? 'Closed' : 'Acknowledged';
		if (
			record.order.purchaseOrderState === 'New' ||
			(nothingAccepted && record.order.purchaseOrderState !== 'Closed')
		) {
			record.order.purchaseOrderState = next;
			details.purchaseOrderStateChangedDate = now;
		}
		const stored = sim.state.acknowledgements.find(
			(a) =>
				a.transactionId === transaction.transactionId &&
				a.purchaseOrderNumber === effect.purchaseOrderNumber,
		);
		if (stored) stored.implicitlyRejectedItems = [...effect.implicitlyRejected];
	}
}

/**
 * The submitAcknowledgement transaction of acknowledgements that passed the model (the HTTP route
 * and the EDI 855 path), and their records; `settled` runs after the effects are applied.
 */
export function registerAcknowledgements(
	sim: AmazonSimulator,
	acks: OrderAcknowledgement[],
	settled?: (tx: TransactionRecord) => void,
): TransactionRecord {
	let effects: AcknowledgementEffect[] = [];
	const receivedAt = sim.clock.nowIso();
	const transaction = sim.registerTransaction({
		kind: 'acknowledgement',
		operation: 'submitAcknowledgement',
		references: acks.map((a) => a.purchaseOrderNumber),
		errors: () => {
			const evaluation = evaluateAcknowledgements(acks, (po) => sim.state.purchaseOrders.get(po));
			effects = evaluation.effects;
			return evaluation.errors;
		},
		onSuccess: (tx) => {
			applyAcknowledgementEffects(sim, effects, tx);
			settled?.(tx);
		},
		onFailure: (tx) => settled?.(tx),
	});
	for (const ack of acks) {
		const record: AcknowledgementRecord = {
			transactionId: transaction.transactionId,
			receivedAt,
			purchaseOrderNumber: ack.purchaseOrderNumber,
			acknowledgement: ack,
			implicitlyRejectedItems: [],
		};
		sim.state.acknowledgements.push(record);
	}
	return transaction;
}

export function acknowledgementRoutes(sim: AmazonSimulator): Route[] {
	return [
		amazonOperation(
			sim,
			{
				method: 'POST',
				path: '/vendor/orders/v1/acknowledgements',
				operation: 'submitAcknowledgement',
			},
			(req) => {
				const body = readModelBody<SubmitAcknowledgementRequest>(
					sim,
					req,
					'vendorOrders.json',
					'SubmitAcknowledgementRequest',
				);
				const acks: OrderAcknowledgement[] = body.acknowledgements ?? [];
				if (!acks.length)
					throw invalidInput('The request contains no acknowledgements.', 'acknowledgements');

				const transaction = registerAcknowledgements(sim, acks);
				return accepted(transaction.transactionId);
			},
		),
	];
}
