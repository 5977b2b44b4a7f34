/**
 * The read-only view of the simulator's records that the document rules (shipments.ts,
 * invoices.ts) are written against (AmazonRecordsView in ruleTypes.ts).
 */
import { lineFacts } from './ordersStatus';
import type { AmazonRecordsView, PurchaseOrderView, SsccUse, StoredInvoice } from './ruleTypes';
import type { AmazonSimulator } from './simulator';
import { lineState, type PurchaseOrderRecord } from './state';

export function purchaseOrderView(record: PurchaseOrderRecord): PurchaseOrderView {
	const items = record.order.orderDetails?.items ?? [];
	const lines = items.map((item) => {
		const line = lineState(record, item);
		const facts = lineFacts(item, line);
		const current = line.acknowledgements[line.acknowledgements.length - 1];
		const view: PurchaseOrderView['lines'][number] = {
			itemSequenceNumber: item.itemSequenceNumber,
			orderedEaches: facts.orderedEaches,
			acceptedEaches: facts.acceptedEaches,
		};
		if (item.amazonProductIdentifier !== undefined)
			view.amazonProductIdentifier = item.amazonProductIdentifier;
		if (item.vendorProductIdentifier !== undefined)
			view.vendorProductIdentifier = item.vendorProductIdentifier;
		if (current?.netCost) view.acknowledgedNetCost = { ...current.netCost };
		if (item.netCost) view.netCost = { ...item.netCost };
		return view;
	});
	const acknowledged =
		record.order.purchaseOrderState !== 'New' ||
		items.some((i) => lineState(record, i).acknowledgements.length > 0);
	return {
		purchaseOrderNumber: record.order.purchaseOrderNumber,
		order: structuredClone(record.order),
		acknowledged,
		lines,
	};
}

export function createRecordsView(sim: AmazonSimulator): AmazonRecordsView {
	const state = sim.state;
	return {
		get region() {
			return state.region;
		},
		now: () => sim.clock.now(),
		getOrder(purchaseOrderNumber) {
			const record = state.purchaseOrders.get(purchaseOrderNumber);
			return record ? purchaseOrderView(record) : undefined;
		},
		findShipmentConfirmations: (id) =>
			state.shipmentConfirmations.filter((a) => a.record.shipmentIdentifier === id),
		ssccUses(sscc, since) {
			const uses: SsccUse[] = [];
			const from = since.getTime();
			for (const { record } of state.shipmentConfirmations) {
				if (record.ssccs.includes(sscc) && Date.parse(record.receivedAt) >= from) {
					uses.push({
						sscc,
						documentType: 'shipmentConfirmation',
						documentId: record.shipmentIdentifier,
						sellingPartyId: record.sellingPartyId,
						usedAt: record.receivedAt,
					});
				}
			}
			for (const t of state.shipments) {
				if (
					!t.cancelled &&
					t.record.ssccs.includes(sscc) &&
					Date.parse(t.record.receivedAt) >= from
				) {
					uses.push({
						sscc,
						documentType: 'shipment',
						documentId: t.record.vendorShipmentIdentifier,
						sellingPartyId: t.record.sellingPartyId,
						usedAt: t.record.receivedAt,
					});
				}
			}
			return uses;
		},
		shippedEaches: (po, seq) =>
			state.shipmentConfirmations
				.flatMap((a) => a.record.lines)
				.filter((l) => l.purchaseOrderNumber === po && l.itemSequenceNumber === seq)
				.reduce((sum, l) => sum + l.eaches, 0),
		findTransportShipments: (id) =>
			state.shipments.filter((t) => t.record.vendorShipmentIdentifier === id),
		findInvoice(id): StoredInvoice | undefined {
			const entries = state.invoices.filter((e) => e.id === id);
			const chosen = entries.find((e) => e.status === 'Success') ?? entries[entries.length - 1];
			return chosen
				? chosen.record
					? { status: chosen.status, record: chosen.record }
					: { status: chosen.status }
				: undefined;
		},
		invoicedEaches: (po, seq) =>
			state.invoices
				.filter((e) => e.status === 'Success' && e.record?.invoiceType === 'Invoice')
				.flatMap((e) => e.record?.lines ?? [])
				.filter((l) => l.purchaseOrderNumber === po && l.itemSequenceNumber === seq)
				.reduce((sum, l) => sum + l.eaches, 0),
	};
}
