/**
 * SubmitShipmentConfirmations (the ASN) and SubmitShipments (Collect/WePay transport requests):
 * model validation, then a transaction whose errors come from the rules in shipments.ts, checked
 * when it settles; on Success the documents are recorded.
 */
import type { Route } from '../http/router';
import { accepted, amazonOperation, readModelBody } from './operation';
import { createRecordsView } from './recordsView';
import {
	checkShipmentConfirmations,
	checkShipments,
	type ShipmentConfirmationsEffects,
	type ShipmentsEffects,
} from './shipments';
import type { AmazonSimulator } from './simulator';
import type { TransactionRecord } from './state';

interface Identified {
	shipmentIdentifier?: unknown;
	vendorShipmentIdentifier?: unknown;
}

function ids(list: Identified[] | undefined, key: keyof Identified): string[] {
	return (list ?? []).map((d) => d[key]).filter((v): v is string => typeof v === 'string');
}

export function recordShipmentConfirmations(
	sim: AmazonSimulator,
	effects: ShipmentConfirmationsEffects,
): void {
	const state = sim.state;
	for (const record of effects.asns) {
		state.shipmentConfirmations = state.shipmentConfirmations.filter(
			(a) =>
				!(
					a.record.shipmentIdentifier === record.shipmentIdentifier &&
					a.record.sellingPartyId === record.sellingPartyId
				),
		);
		state.shipmentConfirmations.push({ record, delivered: false });
	}
	state.overages.push(...effects.overages);
}

export function recordTransportShipments(sim: AmazonSimulator, effects: ShipmentsEffects): void {
	for (const record of effects.shipments)
		sim.state.shipments.push({ record, cancelled: false, status: 'Created' });
	for (const c of effects.cancellations) {
		for (const t of sim.state.shipments) {
			if (
				t.record.vendorShipmentIdentifier === c.vendorShipmentIdentifier &&
				t.record.sellingPartyId === c.sellingPartyId
			)
				t.cancelled = true;
		}
	}
}

/**
 * The SubmitShipmentConfirmations transaction of a body that passed the model (the HTTP route and
 * the EDI 856 path): the rules of shipments.ts when it settles; `settled` runs after the records.
 */
export function registerShipmentConfirmations(
	sim: AmazonSimulator,
	body: { shipmentConfirmations?: Identified[] },
	settled?: (tx: TransactionRecord) => void,
): TransactionRecord {
	let effects: ShipmentConfirmationsEffects = { asns: [], overages: [] };
	return sim.registerTransaction({
		kind: 'shipmentConfirmation',
		operation: 'SubmitShipmentConfirmations',
		references: ids(body.shipmentConfirmations, 'shipmentIdentifier'),
		errors: () => {
			const result = checkShipmentConfirmations(body, createRecordsView(sim));
			effects = result.effects;
			return result.errors;
		},
		onSuccess: (t) => {
			recordShipmentConfirmations(sim, effects);
			settled?.(t);
		},
		onFailure: (t) => settled?.(t),
	});
}

export function shipmentRoutes(sim: AmazonSimulator): Route[] {
	return [
		amazonOperation(
			sim,
			{
				method: 'POST',
				path: '/vendor/shipping/v1/shipmentConfirmations',
				operation: 'SubmitShipmentConfirmations',
			},
			(req) => {
				const body = readModelBody<{ shipmentConfirmations?: Identified[] }>(
					sim,
					req,
					'vendorShipments.json',
					'SubmitShipmentConfirmationsRequest',
				);
				const tx = registerShipmentConfirmations(sim, body);
				return accepted(tx.transactionId);
			},
		),
		amazonOperation(
			sim,
			{ method: 'POST', path: '/vendor/shipping/v1/shipments', operation: 'SubmitShipments' },
			(req) => {
				const body = readModelBody<{ shipments?: Identified[] }>(
					sim,
					req,
					'vendorShipments.json',
					'SubmitShipments',
				);
				let effects: ShipmentsEffects = { shipments: [], cancellations: [] };
				const tx = sim.registerTransaction({
					kind: 'shipment',
					operation: 'SubmitShipments',
					references: ids(body.shipments, 'vendorShipmentIdentifier'),
					errors: () => {
						const result = checkShipments(body, createRecordsView(sim));
						effects = result.effects;
						return result.errors;
					},
					onSuccess: () => recordTransportShipments(sim, effects),
				});
				return accepted(tx.transactionId);
			},
		),
	];
}
