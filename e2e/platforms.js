/**
 * What the scenario runner (and `npm run demo`) needs to know about each platform: which template
 * workflows it runs and in which order, the credentials pointing at the sandbox, the test settings
 * it may change in its copy of a template, the Data Tables, the invariants every scenario must keep
 * and a readable summary of the final state.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { PACKAGE_ROOT, sandboxAmazonCredential } = require('./realN8n');

const WORKFLOWS_DIR = path.join(PACKAGE_ROOT, 'workflows');
const PO_TRIGGER = 'n8n-nodes-amazon-vendor-central.vendorCentralPoTrigger';
const TABLES = {
	mapping: 'avc_asin_mapping',
	exceptions: 'avc_exceptions',
	sscc: 'avc_sscc_serials',
	ledger: 'avc_ledger',
	acknowledged: 'avc_acknowledged_pos',
};
const SHOP_TOKEN = 'shpat_e2e_000000000000000000000000000';

/**
 * The trigger a runner starts a workflow from: a poll trigger (kind poll) or a schedule/manual one.
 * A poll workflow may also have schedule triggers (the intake's "orders still missing" run): `also`
 * names them, and the runner starts them too.
 */
function triggerOf(json, file) {
	const byType = (t) => json.nodes.find((n) => n.type === t && !n.disabled);
	const poll = byType(PO_TRIGGER);
	if (poll)
		return {
			kind: 'poll',
			name: poll.name,
			also: json.nodes
				.filter((n) => n.type === 'n8n-nodes-base.scheduleTrigger' && !n.disabled)
				.map((n) => n.name),
		};
	const schedule = byType('n8n-nodes-base.scheduleTrigger');
	if (schedule) return { kind: 'schedule', name: schedule.name };
	const webhook = byType('n8n-nodes-base.webhook');
	if (webhook) return { kind: 'webhook', name: webhook.name };
	const manual = byType('n8n-nodes-base.manualTrigger');
	if (manual) return { kind: 'manual', name: manual.name };
	// A sub-workflow (Execute Workflow Trigger) runs only when another workflow calls it.
	const sub = byType('n8n-nodes-base.executeWorkflowTrigger');
	if (sub) return { kind: 'subworkflow', name: sub.name };
	throw new Error(`${file}: no trigger the runner can start`);
}

/** Loads the first existing file of each entry (a template may exist under one of several names). */
function loadWorkflows(entries) {
	const out = [];
	for (const entry of entries) {
		const file = entry.files.find((f) => fs.existsSync(path.join(WORKFLOWS_DIR, f)));
		if (!file) {
			if (entry.optional) continue;
			throw new Error(`template missing: workflows/${entry.files[0]}`);
		}
		const json = JSON.parse(fs.readFileSync(path.join(WORKFLOWS_DIR, file), 'utf8'));
		out.push({ file, role: entry.role, json, trigger: triggerOf(json, file) });
	}
	return out;
}

/**
 * A copy of a template with only test settings changed: credentials bound to the sandbox ones (by
 * type), Configuration values pointed at the sandbox, the PO trigger's settle delay off (where it
 * has one). `strict`: every configuration value must name an existing Configuration field.
 */
function patchTemplate(template, { credentials, configuration = {}, strict = false }) {
	const wf = JSON.parse(JSON.stringify(template));
	const byType = Object.fromEntries(credentials.map((c) => [c.type, { id: c.id, name: c.name }]));
	for (const node of wf.nodes) {
		for (const type of Object.keys(node.credentials || {}))
			if (byType[type]) node.credentials[type] = byType[type];
		if (node.type === PO_TRIGGER && node.parameters.settleMinutes !== undefined)
			node.parameters.settleMinutes = 0;
	}
	const fields =
		wf.nodes.find((n) => n.name === 'Configuration')?.parameters?.assignments?.assignments || [];
	for (const a of fields) if (a.name in configuration) a.value = configuration[a.name];
	const missing = Object.keys(configuration).filter((k) => !fields.some((a) => a.name === k));
	if (strict && missing.length)
		throw new Error(`${template.name}: the Configuration node has no ${missing.join(', ')}`);
	return wf;
}

/** The package's own Shopify credential (Shopify (Vendor Central) node), pointed at the sandbox shop. */
function shopifyAdminCredential(sandbox, id) {
	return {
		id,
		name: 'Shopify Admin (sandbox)',
		type: 'avcShopifyAdminApi',
		data: { shopUrl: sandbox.url, accessToken: SHOP_TOKEN, apiVersion: '2026-04' },
	};
}

function groupCount(list, key) {
	const counts = {};
	for (const item of list) {
		const k = key(item);
		if (k !== undefined && k !== null && k !== '') counts[k] = (counts[k] || 0) + 1;
	}
	return counts;
}

function check(name, ok, actual) {
	return { name, ok: Boolean(ok), expected: 'true', actual: ok ? true : actual };
}

/**
 * Every purchase order that Amazon holds an acknowledgement with accepted units for has exactly one
 * shop order, or an open exception row of `missingType` saying it has none; no purchase order has two.
 * `ordersPerPo`: purchase order number -> number of shop orders.
 */
/**
 * Exception types that say a purchase order has no shop order (besides the intake's own): a change
 * without an order, a Magento order canceled to re-create it whose replacement failed.
 */
const NO_ORDER_TYPES = ['change_without_order', 'magento_recreate_failed'];

function orderPerAcceptedPo(state, tables, ordersPerPo, missingType, shop) {
	const dup = Object.entries(ordersPerPo).filter(([, n]) => n > 1);
	const open = new Set(
		(tables?.[TABLES.exceptions] || [])
			.filter((r) => (r.type === missingType || NO_ORDER_TYPES.includes(r.type)) && !r.resolved)
			.map((r) => r.purchaseOrderNumber),
	);
	// Only purchase orders acknowledged in this run: one seeded as acknowledged elsewhere (a
	// migration) has its order in the previous system.
	const acknowledgedHere = new Set(
		(state.amazon?.acknowledgements || []).map((a) => a.purchaseOrderNumber),
	);
	const lost = (state.amazon?.purchaseOrders || [])
		.filter((po) => acknowledgedHere.has(po.purchaseOrderNumber))
		.filter((po) => (po.lines || []).some((l) => (l.facts?.acceptedEaches ?? 0) > 0))
		.map((po) => po.purchaseOrderNumber)
		.filter((po) => !ordersPerPo[po] && !open.has(po));
	return [
		check(`no purchase order has two ${shop} orders`, dup.length === 0, dup),
		check(
			`every purchase order with accepted units has one ${shop} order, or an open ${missingType} row`,
			lost.length === 0,
			lost,
		),
	];
}

/** Invariants every Shopify scenario keeps, whatever its steps (faults and restarts included). */
function shopifyInvariants(state, tables) {
	const out = [];
	const orders = state.shopify?.orders || [];
	const perPo = groupCount(orders, (o) => o.sourceIdentifier);
	out.push(...orderPerAcceptedPo(state, tables, perPo, 'shopify_order_not_created', 'Shopify'));

	const acks = state.amazon?.acknowledgements || [];
	const sameAck = [];
	const lastByPo = {};
	for (const a of acks) {
		const po = a.purchaseOrderNumber;
		const body = JSON.stringify(a.acknowledgement?.items ?? a);
		if (lastByPo[po] === body) sameAck.push(po);
		lastByPo[po] = body;
	}
	out.push(
		check(
			'no purchase order acknowledged twice with the same content',
			sameAck.length === 0,
			sameAck,
		),
	);

	const asns = (state.amazon?.shipmentConfirmations || []).map((a) => a.record ?? a);
	const originals = groupCount(
		asns.filter((a) => a.confirmationType !== 'Replace'),
		(a) => a.shipmentIdentifier,
	);
	const dupAsn = Object.entries(originals).filter(([, n]) => n > 1);
	out.push(
		check(
			'no ASN sent twice (one original confirmation per shipment)',
			dupAsn.length === 0,
			dupAsn,
		),
	);
	const ssccs = asns.filter((a) => a.confirmationType !== 'Replace').flatMap((a) => a.ssccs || []);
	const dupSscc = Object.entries(groupCount(ssccs, (s) => s)).filter(([, n]) => n > 1);
	out.push(check('every SSCC used on one carton only', dupSscc.length === 0, dupSscc));

	const serials = tables?.[TABLES.sscc] || [];
	const dupSerial = Object.entries(groupCount(serials, (r) => r.serial)).filter(([, n]) => n > 1);
	out.push(check('SSCC serials table: no serial twice', dupSerial.length === 0, dupSerial));

	const ledger = tables?.[TABLES.ledger] || [];
	const unbalanced = [];
	const byPayment = {};
	for (const r of ledger) {
		const p = (byPayment[r.paymentNumber] ??= { debit: 0n, credit: 0n });
		p.debit += cents(r.debit);
		p.credit += cents(r.credit);
	}
	for (const [p, t] of Object.entries(byPayment)) if (t.debit !== t.credit) unbalanced.push(p);
	out.push(
		check('ledger: debits equal credits for every payment', unbalanced.length === 0, unbalanced),
	);
	const dupKeys = Object.entries(groupCount(ledger, (r) => r.journalKey)).filter(([, n]) => n > 1);
	out.push(check('ledger: no journal line posted twice', dupKeys.length === 0, dupKeys));

	const roles = ['operations', 'catalog', 'logistics', 'finance'];
	const badRows = (tables?.[TABLES.exceptions] || []).filter(
		(r) => !r.type || !roles.includes(r.ownerRole) || !r.reason,
	);
	out.push(
		check(
			'exception rows have a type, a reason and a known owner role',
			badRows.length === 0,
			badRows,
		),
	);
	return out;
}

/** Money string -> integer hundredths of a cent (exact, no floats). */
function cents(value) {
	const s = String(value ?? '').trim();
	if (!s) return 0n;
	const m = /^(-)?(\d+)(?:\.(\d{1,4}))?$/.exec(s);
	if (!m) return 0n;
	const n = BigInt(m[2]) * 10000n + BigInt((m[3] || '').padEnd(4, '0'));
	return m[1] ? -n : n;
}

/** A readable summary of the final state (used by the runner and `npm run demo`). */
function shopifySummary(state, tables) {
	const lines = [];
	const pos = state.amazon?.purchaseOrders || [];
	lines.push(`Amazon purchase orders: ${pos.length}`);
	for (const po of pos) {
		const items = (po.lines || []).map((l) => {
			const f = l.facts || {};
			return (
				`line ${l.itemSequenceNumber}: ordered ${f.orderedEaches}, accepted ` +
				`${f.acceptedEaches ?? 0}` +
				`${f.backorderedEaches ? `, backordered ${f.backorderedEaches}` : ''}` +
				`${f.rejectedEaches ? `, rejected ${f.rejectedEaches}` : ''} eaches`
			);
		});
		lines.push(
			`  ${po.purchaseOrderNumber} ${po.purchaseOrderState}${items.length ? ` (${items.join('; ')})` : ''}`,
		);
	}
	const acks = state.amazon?.acknowledgements || [];
	lines.push(
		`Acknowledgements sent: ${acks.length} ` +
			`(${acks.map((a) => `${a.purchaseOrderNumber} ${a.status ?? ''}`.trim()).join(', ') || 'none'})`,
	);
	const reacknowledged = Object.entries(groupCount(acks, (a) => a.purchaseOrderNumber))
		.filter(([, n]) => n > 1)
		.map(([po, n]) => `${po} (${n - 1} time${n > 2 ? 's' : ''})`);
	const blocked = (tables?.[TABLES.exceptions] || [])
		.filter((r) => r.type === 'change_blocked')
		.map((r) => r.purchaseOrderNumber);
	lines.push(
		`Amazon changes applied and re-acknowledged: ${reacknowledged.join(', ') || 'none'}; ` +
			`blocked (fulfilment started): ${blocked.join(', ') || 'none'}`,
	);
	const orders = state.shopify?.orders || [];
	const orderText = (o) =>
		`${o.name} for ${o.sourceIdentifier}: ` +
		(o.lineItems || []).map((l) => `${l.currentQuantity ?? l.quantity} x ${l.sku}`).join(', ');
	lines.push(`Shopify orders: ${orders.length} (${orders.map(orderText).join('; ') || 'none'})`);
	const asns = (state.amazon?.shipmentConfirmations || []).map((a) => a.record ?? a);
	const asnLineText = (l) =>
		`${l.purchaseOrderNumber} line ${l.itemSequenceNumber} ${l.eaches} eaches`;
	const asnText = (a) =>
		`${a.shipmentIdentifier} ${a.confirmationType}, ${a.cartonCount} carton(s): ` +
		(a.lines || []).map(asnLineText).join(', ');
	lines.push(`ASNs accepted: ${asns.length} (${asns.map(asnText).join('; ') || 'none'})`);
	const invoices = state.amazon?.invoices || [];
	const invoiceText = (i) => {
		const total = i.record?.total
			? `, total ${i.record.total} ${i.record.currencyCode ?? ''}`.trimEnd()
			: '';
		return `${i.id} ${i.status}${total}`;
	};
	lines.push(`Invoices: ${invoices.length} (${invoices.map(invoiceText).join('; ') || 'none'})`);
	const ledger = tables?.[TABLES.ledger] || [];
	const byAccount = {};
	for (const r of ledger) {
		const a = (byAccount[r.account] ??= { debit: 0n, credit: 0n });
		a.debit += cents(r.debit);
		a.credit += cents(r.credit);
	}
	const fmt = (v) => {
		const neg = v < 0n;
		const x = neg ? -v : v;
		return `${neg ? '-' : ''}${x / 10000n}.${String(x % 10000n)
			.padStart(4, '0')
			.slice(0, 2)}`;
	};
	lines.push(
		`Ledger lines: ${ledger.length}${
			Object.keys(byAccount).length
				? ` (${Object.entries(byAccount)
						.map(([a, t]) => `${a}: debit ${fmt(t.debit)} credit ${fmt(t.credit)}`)
						.join('; ')})`
				: ''
		}`,
	);
	const exceptions = tables?.[TABLES.exceptions] || [];
	const byType = groupCount(exceptions, (r) => `${r.type} (${r.ownerRole})`);
	lines.push(
		`Exceptions: ${exceptions.length}${
			exceptions.length
				? ` (${Object.entries(byType)
						.map(([t, n]) => `${n} x ${t}`)
						.join(', ')})`
				: ''
		}`,
	);
	return lines;
}

const PLATFORMS = {
	shopify: {
		// avc_stock_sent: what the stock sync last told Amazon (shopify-stock-sync.json).
		tables: {
			...TABLES,
			stockSent: 'avc_stock_sent',
			ediControlNumbers: 'avc_edi_control_numbers',
		},
		workflows: () =>
			loadWorkflows([
				{ role: 'setup', files: ['setup-data-tables.json'] },
				{ role: 'seedMapping', files: ['shopify-seed-mapping.json'], optional: true },
				{ role: 'cycle', files: ['shopify-po-intake.json'] },
				{ role: 'cycle', files: ['shopify-change-orders.json'] },
				{ role: 'cycle', files: ['shopify-shipping.json'] },
				{
					role: 'cycle',
					files: ['remittance-journal.json', 'shopify-remittance.json'],
					optional: true,
				},
				{ role: 'cycle', files: ['exception-queue.json'], optional: true },
				// Run only by the scenarios that name it (runWorkflow), not in the idle passes.
				{ role: 'stock', files: ['shopify-stock-sync.json'], optional: true },
			]),
		credentials: (sandbox) => [
			{
				id: 'avcScenAmazon001',
				name: 'Amazon Vendor Central (sandbox)',
				type: 'amazonVendorCentralApi',
				data: sandboxAmazonCredential(sandbox),
			},
			shopifyAdminCredential(sandbox, 'avcScenShopAdm01'),
		],
		patch: (json, { credentials }) => patchTemplate(json, { credentials }),
		/** Seed keys the runner adds when a scenario's seed leaves them out. */
		seedDefaults: { shopify: { accessToken: SHOP_TOKEN } },
		/** The shop's name for the order of a purchase order (the `{order:PO}` placeholder of sandbox steps). */
		orderRef: (state, po) =>
			(state.shopify?.orders || []).find((o) => o.sourceIdentifier === po || o.poNumber === po)
				?.name,
		/** Platform steps: `do` -> { method, path, body } of a sandbox control call. */
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
		},
		invariants: shopifyInvariants,
		summary: shopifySummary,
	},
};

/** Helpers for the platform files (e2e/platformMagento.js, e2e/platformShopifySupercycle.js). */
const kit = {
	PACKAGE_ROOT,
	WORKFLOWS_DIR,
	PO_TRIGGER,
	TABLES,
	SHOP_TOKEN,
	sandboxAmazonCredential,
	shopifyAdminCredential,
	loadWorkflows,
	patchTemplate,
	triggerOf,
	groupCount,
	check,
	cents,
	orderPerAcceptedPo,
	shopifyInvariants,
	shopifySummary,
};

// Other platforms live in their own files: each exports (kit) => platform, shaped as PLATFORMS.shopify.
for (const [name, file] of [
	['magento', './platformMagento.js'],
	['shopify-supercycle', './platformShopifySupercycle.js'],
	['generic-ims', './platformGenericIms.js'],
]) {
	if (fs.existsSync(path.join(__dirname, file))) PLATFORMS[name] = require(file)(kit);
}

function platformOf(name) {
	const p = PLATFORMS[name];
	if (!p) throw new Error(`unknown platform ${name}; known: ${Object.keys(PLATFORMS).join(', ')}`);
	return p;
}

module.exports = {
	PLATFORMS,
	platformOf,
	patchTemplate,
	triggerOf,
	TABLES,
	SHOP_TOKEN,
	cents,
	kit,
};
