/**
 * The `magento` platform of the scenario runner: the Magento 2 templates (PO intake through the
 * cart flow, change orders, shipping, release of unshipped rests) with the platform-neutral
 * remittance journal and exception queue, the package's Magento 2 (Vendor Central) API credential
 * pointing at the sandbox, the Magento control actions and the invariants every Magento scenario
 * keeps.
 */
'use strict';

const MAGENTO_TOKEN = 'magento-sandbox-integration-token';
/** The customer group of the Amazon customer (the intake sets its group prices to Amazon's net cost). */
const AMAZON_GROUP = { id: 4, code: 'Amazon' };
/** The Amazon customer the templates' Configuration names (amazonCustomerId 1, amazonCustomerEmail). */
const AMAZON_CUSTOMER = {
	id: 1,
	email: 'amazon-vendor-central@example.com',
	firstname: 'Amazon',
	lastname: 'Vendor Central',
	group_id: 4,
	addresses: [
		{
			firstname: 'Amazon',
			lastname: 'Vendor Central',
			street: ['410 Terry Ave N'],
			city: 'Seattle',
			region: 'Washington',
			region_code: 'WA',
			region_id: 62,
			postcode: '98109',
			country_id: 'US',
			telephone: '2065550100',
		},
	],
};

module.exports = (kit) => {
	const {
		TABLES,
		loadWorkflows,
		patchTemplate,
		sandboxAmazonCredential,
		groupCount,
		check,
		shopifyInvariants,
		shopifySummary,
	} = kit;

	/** Magento orders placed for an Amazon PO (payment purchaseorder with the PO number). */
	const amazonOrders = (state) =>
		(state.magento?.orders || []).filter(
			(o) => o.payment?.method === 'purchaseorder' && o.payment?.po_number,
		);
	// A canceled order with shipped units is still the PO's order (its unshipped rest was released).
	const live = (o) =>
		o.state !== 'canceled' || (o.items || []).some((l) => Number(l.qty_shipped) > 0);

	function invariants(state, tables) {
		const out = [];
		const orders = amazonOrders(state);
		const perPo = groupCount(orders.filter(live), (o) => o.payment.po_number);
		// Not counting canceled orders (a change may cancel and place the order again).
		out.push(
			...kit.orderPerAcceptedPo(state, tables, perPo, 'magento_order_not_placed', 'Magento'),
		);
		const knownPos = new Set(
			(state.amazon?.purchaseOrders || []).map((p) => p.purchaseOrderNumber),
		);
		const strays = orders
			.filter((o) => !knownPos.has(o.payment.po_number))
			.map((o) => [o.increment_id, o.payment.po_number]);
		out.push(
			check(
				'every Amazon Magento order names a purchase order Amazon has',
				strays.length === 0,
				strays,
			),
		);
		out.push(
			check(
				'no ASN ships more than Amazon accepted (no overage)',
				(state.amazon?.overages || []).length === 0,
				state.amazon?.overages,
			),
		);
		// The ledger, SSCC, ASN, acknowledgement and exception invariants are the platform-neutral ones.
		out.push(...shopifyInvariants(state, tables).filter((c) => !/Shopify/.test(c.name)));
		return out;
	}

	function summary(state, tables) {
		const lines = shopifySummary(state, tables).filter((l) => !l.startsWith('Shopify orders'));
		const orders = amazonOrders(state);
		const lineText = (l) =>
			`${l.qty_ordered} x ${l.sku}` +
			`${l.qty_shipped ? `, ${l.qty_shipped} shipped` : ''}` +
			`${l.qty_canceled ? `, ${l.qty_canceled} canceled` : ''}`;
		const text = orders
			.map(
				(o) =>
					`${o.increment_id} for ${o.payment.po_number} ` +
					`(${o.state}): ${(o.items || []).map(lineText).join(', ')}`,
			)
			.join('; ');
		const shipments = state.magento?.shipments || [];
		const at = lines.findIndex((l) => l.startsWith('Acknowledgements sent'));
		lines.splice(
			at < 0 ? lines.length : at,
			0,
			`Magento orders: ${orders.length} (${text || 'none'})`,
			`Magento shipments: ${shipments.length}`,
		);
		return lines;
	}

	return {
		tables: TABLES,
		workflows: () =>
			loadWorkflows([
				{ role: 'setup', files: ['setup-data-tables.json'] },
				{ role: 'cycle', files: ['magento-po-intake.json'] },
				{ role: 'cycle', files: ['magento-change-orders.json'] },
				{ role: 'cycle', files: ['magento-shipping.json'] },
				{ role: 'cycle', files: ['magento-release-unshipped.json'], optional: true },
				{ role: 'cycle', files: ['remittance-journal.json'], optional: true },
				{ role: 'cycle', files: ['exception-queue.json'], optional: true },
			]),
		credentials: (sandbox) => [
			{
				id: 'avcScenAmazon001',
				name: 'Amazon Vendor Central (sandbox)',
				type: 'amazonVendorCentralApi',
				data: sandboxAmazonCredential(sandbox),
			},
			{
				id: 'avcScenMagento02',
				name: 'Magento 2 (Vendor Central) (sandbox)',
				type: 'avcMagento2Api',
				data: { host: sandbox.url, accessToken: MAGENTO_TOKEN, storeCode: 'default' },
			},
		],
		patch: (json, { credentials }) => patchTemplate(json, { credentials }),
		/** The Amazon customer exists in every Magento seed (a scenario's own `customers` replaces it). */
		seedDefaults: { magento: { customerGroups: [AMAZON_GROUP], customers: [AMAZON_CUSTOMER] } },
		/** The Magento order (increment id) of a PO: the live one, else the latest. */
		orderRef: (state, po) => {
			const mine = amazonOrders(state).filter((o) => o.payment.po_number === po);
			return (mine.filter(live).pop() ?? mine.pop())?.increment_id;
		},
		actions: {
			startFulfillment: (step) => ({
				method: 'POST',
				path: `/__sandbox/magento/orders/{order:${step.purchaseOrder}}/start-fulfilment`,
				body: step.body || {},
			}),
			ship: (step) => ({
				method: 'POST',
				path: `/__sandbox/magento/orders/{order:${step.purchaseOrder}}/ship`,
				body: step.body || {},
			}),
		},
		invariants,
		summary,
	};
};
