/**
 * The `shopify-supercycle` platform of the scenario runner: the Shopify cycle with the Supercycle
 * PO intake (circular stock from Supercycle items, never Shopify's available) and the webhook that
 * recomputes a circular SKU's availability when Supercycle's Shopify Flow triggers call it.
 *
 * Test settings changed in the runner's copies: credentials bound to the sandbox (the Supercycle
 * credential's base URL is the sandbox's /api/v1; the Shopify credential's shop URL is the sandbox) and
 * circularOnlySkus -> CIRCULAR_ONLY_SKUS (the rental-only SKU scenarios use).
 */
'use strict';

const SUPERCYCLE_KEY = 'sc_sandbox_0123456789abcdef';
const CIRCULAR_TABLE = 'avc_circular_availability';
const WEBHOOK_PATH = 'supercycle-availability';
/** The SKUs the scenarios treat as rental-only (Configuration circularOnlySkus of the test copies). */
const CIRCULAR_ONLY_SKUS = 'KAYAK-RENT';

module.exports = (kit) => {
	const tables = { ...kit.TABLES, circular: CIRCULAR_TABLE };
	let rule;
	/** sellableConditions and circularReserveEaches as the shipped intake template sets them. */
	const ruleOf = (workflows) => {
		const intake = workflows.find((w) => w.file === 'shopify-supercycle-po-intake.json');
		const config = Object.fromEntries(
			(
				intake?.json.nodes.find((n) => n.name === 'Configuration')?.parameters.assignments
					.assignments ?? []
			).map((a) => [a.name, a.value]),
		);
		return {
			sellable: String(config.sellableConditions ?? '')
				.split(',')
				.map((s) => s.trim().toLowerCase())
				.filter(Boolean),
			reserve: Math.max(0, Number(config.circularReserveEaches || 0)),
		};
	};

	const workflows = () => {
		const list = kit.loadWorkflows([
			{ role: 'setup', files: ['setup-data-tables.json'] },
			{ role: 'seedMapping', files: ['shopify-seed-mapping.json'], optional: true },
			{ role: 'cycle', files: ['shopify-supercycle-po-intake.json'] },
			{ role: 'cycle', files: ['shopify-change-orders.json'] },
			{ role: 'cycle', files: ['shopify-shipping.json'] },
			{ role: 'cycle', files: ['remittance-journal.json'], optional: true },
			{ role: 'cycle', files: ['exception-queue.json'], optional: true },
			// Webhook trigger: the runner activates it; it answers Supercycle Flow events only.
			{ role: 'webhook', files: ['supercycle-availability.json'] },
		]);
		rule = ruleOf(list);
		return list;
	};

	/** Per circular SKU (a Supercycle variant with items): the items and the eaches Amazon accepted. */
	function circularFacts(state, tableRows) {
		rule ??= ruleOf(workflows());
		const sc = state.supercycle || { items: [], variants: [] };
		const skuOfAsin = Object.fromEntries(
			(tableRows?.[kit.TABLES.mapping] || []).map((r) => [
				String(r.asin || '').toUpperCase(),
				r.sku,
			]),
		);
		const accepted = {};
		for (const po of state.amazon?.purchaseOrders || []) {
			const items = po.order?.orderDetails?.items || [];
			for (const line of po.lines || []) {
				const asin = String(
					items.find((i) => i.itemSequenceNumber === line.itemSequenceNumber)
						?.amazonProductIdentifier || '',
				).toUpperCase();
				const sku = skuOfAsin[asin];
				if (sku) accepted[sku] = (accepted[sku] || 0) + (line.facts?.acceptedEaches || 0);
			}
		}
		const skus = [...new Set((sc.items || []).map((i) => i.sku).filter(Boolean))];
		return skus.map((sku) => {
			const mine = sc.items.filter((i) => i.sku === sku);
			const sellable = (i) =>
				i.condition &&
				(rule.sellable.includes(String(i.condition.title || '').toLowerCase()) ||
					rule.sellable.includes(String(i.condition.id)));
			return {
				sku,
				items: mine.length,
				// Units that could ever have gone to Amazon: sellable condition, not retired (sold ones may be Amazon's).
				everSellable: mine.filter((i) => sellable(i) && i.visibility !== 'retired').length,
				free: mine.filter((i) => sellable(i) && i.visibility === 'available' && !i.activeRentalId)
					.length,
				rented: mine.filter((i) => i.activeRentalId).length,
				heldOrSold: mine.filter(
					(i) => !i.activeRentalId && ['unavailable', 'sold'].includes(i.visibility),
				).length,
				accepted: accepted[sku] || 0,
			};
		});
	}

	return {
		tables,
		workflows,
		credentials: (sandbox) => [
			{
				id: 'avcScenScAmazon1',
				name: 'Amazon Vendor Central (sandbox)',
				type: 'amazonVendorCentralApi',
				data: kit.sandboxAmazonCredential(sandbox),
			},
			kit.shopifyAdminCredential(sandbox, 'avcScenScShAdm01'),
			{
				id: 'avcScenScSuperc1',
				name: 'Supercycle (sandbox)',
				type: 'supercycleApi',
				data: { apiKey: SUPERCYCLE_KEY, baseUrl: `${sandbox.url}/api/v1` },
			},
		],
		patch: (json, { credentials }) =>
			kit.patchTemplate(json, {
				credentials,
				configuration: { circularOnlySkus: CIRCULAR_ONLY_SKUS },
			}),
		seedDefaults: { shopify: { accessToken: kit.SHOP_TOKEN } },
		orderRef: (state, po) =>
			(state.shopify?.orders || []).find((o) => o.sourceIdentifier === po || o.poNumber === po)
				?.name,
		actions: {
			startFulfillment: (step) => ({
				method: 'POST',
				path: `/__sandbox/shopify/orders/{order:${step.purchaseOrder}}/start-fulfillment`,
				body: {},
			}),
			fulfill: (step) => ({
				method: 'POST',
				path: `/__sandbox/shopify/orders/{order:${step.purchaseOrder}}/fulfill`,
				body: step.body || {},
			}),
			/** A Supercycle rental comes back (`rental`: its id; `body`: {conditionId?, visibility?, restock?}). */
			returnRental: (step) => ({
				method: 'POST',
				path: `/__sandbox/supercycle/rentals/${encodeURIComponent(step.rental)}/return`,
				body: step.body || {},
			}),
			/**
			 * Shopify Flow posts a Supercycle event to n8n's webhook (`body`: e.g. {event, sku} or
			 * {event, shopifyVariantId}).
			 */
			supercycleFlow: (step) => ({
				n8nWebhook: WEBHOOK_PATH,
				method: 'POST',
				body: step.body || {},
			}),
		},
		invariants: (state, tableRows) => {
			const out = kit.shopifyInvariants(state, tableRows);
			const facts = circularFacts(state, tableRows);
			const over = facts.filter((f) => f.accepted > Math.max(0, f.everSellable - rule.reserve));
			out.push(
				kit.check(
					`circular SKUs: Amazon-accepted eaches never above the ` +
						`sellable Supercycle items minus the reserve (${rule.reserve})`,
					over.length === 0,
					over,
				),
			);
			const unheld = facts.filter((f) => f.accepted > f.heldOrSold);
			out.push(
				kit.check(
					'circular SKUs: every unit accepted by Amazon is held out of the rental pool (unavailable or sold in Supercycle)',
					unheld.length === 0,
					unheld,
				),
			);
			const badRows = (tableRows?.[CIRCULAR_TABLE] || []).filter(
				(r) => !r.sku || !(r.available >= 0) || !r.reason,
			);
			out.push(
				kit.check(
					'avc_circular_availability rows have a SKU, a non-negative availability and a reason',
					badRows.length === 0,
					badRows,
				),
			);
			return out;
		},
		summary: (state, tableRows) => {
			const lines = kit.shopifySummary(state, tableRows);
			for (const f of circularFacts(state, tableRows)) {
				lines.push(
					`Supercycle ${f.sku}: ${f.items} item(s), ${f.free} free and sellable, ${f.rented} ` +
						`rented, ${f.heldOrSold} unavailable or sold; Amazon accepted ${f.accepted} eaches`,
				);
			}
			const rows = tableRows?.[CIRCULAR_TABLE] || [];
			if (rows.length)
				lines.push(
					`Circular availability: ` +
						`${rows.map((r) => `${r.sku} ${r.available} (items ${r.items}, reserve ${r.reserve})`).join('; ')}`,
				);
			return lines;
		},
	};
};
