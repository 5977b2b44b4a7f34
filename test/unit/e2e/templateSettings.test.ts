/**
 * What the hand-written e2e runners checked in the template files themselves, before any run (the
 * runs are scenarios now: e2e/scenarios/): each template's Configuration, and the node settings the
 * flows depend on.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface WorkflowNode {
	name: string;
	type: string;
	executeOnce?: boolean;
	credentials?: Record<string, unknown>;
	parameters: Record<string, unknown> & {
		assignments?: { assignments: Array<{ name: string; value: unknown }> };
	};
}
interface Workflow {
	id: string;
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string; index: number }> | null> }>;
	meta?: { templateCredsSetupCompleted?: boolean; templateId?: string };
}

const load = (file: string): Workflow =>
	JSON.parse(fs.readFileSync(path.join(__dirname, '../../../workflows', file), 'utf8'));

const configuration = (wf: Workflow): Record<string, unknown> =>
	Object.fromEntries(
		(
			wf.nodes.find((n) => n.name === 'Configuration')?.parameters.assignments?.assignments ?? []
		).map((a) => [a.name, a.value]),
	);

/**
 * The Data Table a node works on: a table name written in the node, or the Configuration value its
 * expression reads (`{{ $('Configuration').first().json.exceptionTable }}`).
 */
const tableOf = (wf: Workflow, node: WorkflowNode | undefined): string | undefined => {
	const value = String((node?.parameters.dataTableId as { value?: unknown })?.value ?? '');
	const key = /json\.(\w+)/.exec(value)?.[1];
	return key && value.startsWith('=') ? String(configuration(wf)[key]) : value || undefined;
};
const tablesOf = (wf: Workflow): Set<string | undefined> =>
	new Set(
		wf.nodes
			.filter((n) => n.type === 'n8n-nodes-base.dataTable' && n.parameters.resource !== 'table')
			.map((n) => tableOf(wf, n)),
	);
/** The Shopify shop and API version: the Configuration of a template on HTTP Request nodes. */
const onShopifyNode = (wf: Workflow): boolean =>
	wf.nodes.some((n) => n.type === 'n8n-nodes-amazon-vendor-central.shopifyVendorCentral');

describe('Shopify PO intake and mapping seed templates', () => {
	const intake = load('shopify-po-intake.json');
	const seed = load('shopify-seed-mapping.json');

	it.each([
		['shopify-po-intake.json', intake],
		['shopify-seed-mapping.json', seed],
	])('%s: a templateId, Configuration with shopUrl and Shopify API version 2026-04', (_f, wf) => {
		expect(wf.meta?.templateCredsSetupCompleted).toBe(false);
		expect(wf.meta?.templateId).toEqual(expect.any(String));
		if (onShopifyNode(wf)) {
			// The shop and the API version are the credential's (Shopify Admin (Vendor Central) API).
			expect(configuration(wf)).not.toHaveProperty('shopUrl');
			expect(wf.nodes.some((n) => /http/i.test(n.type))).toBe(false);
		} else {
			expect(configuration(wf)).toHaveProperty('shopUrl');
			expect(configuration(wf).shopifyApiVersion).toBe('2026-04');
		}
	});

	it('the seed reads the variants with the Shopify (Vendor Central) node and upserts by ASIN', () => {
		const read = seed.nodes.find((n) => n.name === 'Read Variants With ASIN');
		expect(read?.parameters).toMatchObject({ resource: 'variant', operation: 'getManyWithAsin' });
		expect(Object.keys(read?.credentials ?? {})).toEqual(['avcShopifyAdminApi']);
		const upsert = seed.nodes.find((n) => n.name === 'Upsert Mapping Row');
		expect(upsert?.parameters.operation).toBe('upsert');
		expect(tableOf(seed, upsert as WorkflowNode)).toBe('avc_asin_mapping');
		expect(configuration(seed)).toMatchObject({
			metafieldNamespace: 'amazon',
			variantsPerPage: 100,
		});
	});

	it('the intake names the mapping and exception tables and reads the mapping once per execution', () => {
		expect(tablesOf(intake).has('avc_asin_mapping')).toBe(true);
		expect(tablesOf(intake).has('avc_exceptions')).toBe(true);
		expect(intake.nodes.find((n) => n.name === 'Read ASIN Mapping')?.executeOnce).toBe(true);
	});
});

interface StickyOrNode extends WorkflowNode {
	disabled?: boolean;
}
const stickies = (wf: Workflow): string[] =>
	wf.nodes
		.filter((n) => n.type === 'n8n-nodes-base.stickyNote')
		.map((n) => String(n.parameters.content ?? ''));

describe('remittance journal and exception queue templates', () => {
	const remittance = load('remittance-journal.json');
	const queue = load('exception-queue.json');

	it.each([
		['remittance-journal.json', remittance, 'Every Day at 6:00'],
		['exception-queue.json', queue, 'Every 15 Minutes'],
	])(
		'%s: its Schedule Trigger is followed by Configuration, with sticky notes',
		(_f, wf, trigger) => {
			expect(wf.nodes.find((n) => n.name === trigger)?.type).toBe('n8n-nodes-base.scheduleTrigger');
			expect(wf.connections[trigger]?.main?.[0]?.[0]?.node).toBe('Configuration');
			expect(stickies(wf).length).toBeGreaterThanOrEqual(3);
		},
	);

	it('the journal reads the Finances API; its notes name QuickBooks, Xero and the CSV export', () => {
		const post = remittance.nodes.find(
			(n) => n.type === 'n8n-nodes-amazon-vendor-central.postRemittanceJournal',
		);
		expect(post?.parameters.source).toBe('financesApi');
		expect(stickies(remittance).some((t) => /QuickBooks/.test(t) && /Xero/.test(t))).toBe(true);
		expect(stickies(remittance).some((t) => /CSV/.test(t))).toBe(true);
	});

	it('the queue ships with Send Notification disabled, and its notes say how to enable it and resolve a row', () => {
		const send = queue.nodes.find((n) => n.name === 'Send Notification') as StickyOrNode;
		expect(send?.disabled).toBe(true);
		expect(stickies(queue).some((t) => /Send Notification/.test(t) && /disabled/i.test(t))).toBe(
			true,
		);
		expect(stickies(queue).some((t) => /resolvedBy/.test(t) && /notifiedAt/.test(t))).toBe(true);
	});
});

/** Every node from which `target` can be reached. */
function upstreamOf(wf: Workflow, target: string): Set<string> {
	const seen = new Set<string>();
	let frontier = [target];
	while (frontier.length > 0) {
		const next: string[] = [];
		for (const [source, c] of Object.entries(wf.connections)) {
			if (seen.has(source)) continue;
			const feeds = (c.main ?? []).some((outs) =>
				(outs ?? []).some((t) => frontier.includes(t.node)),
			);
			if (feeds) {
				seen.add(source);
				next.push(source);
			}
		}
		frontier = next;
	}
	return seen;
}

describe.each(['shopify-shipping.json', 'magento-shipping.json'])('%s', (file) => {
	const wf = load(file);
	const node = (name: string) => wf.nodes.find((n) => n.name === name) as StickyOrNode | undefined;

	it('Configuration names the tables and the first SSCC serial (no serial range)', () => {
		const config = configuration(wf);
		expect(tableOf(wf, node('Highest SSCC Serial'))).toBe('avc_sscc_serials');
		expect(tableOf(wf, node('Reserve SSCC Serials'))).toBe('avc_sscc_serials');
		expect(typeof config.firstSsccSerial).toBe('number');
		expect(config).not.toHaveProperty('ssccFirstSerial');
		expect(config).not.toHaveProperty('ssccSerialCount');
	});

	it('reads the highest serial, checks the ASN (count only), reserves serials, then builds the ASN', () => {
		const highest = node('Highest SSCC Serial');
		expect(highest?.type).toBe('n8n-nodes-base.dataTable');
		expect(highest?.parameters).toMatchObject({
			operation: 'get',
			orderBy: true,
			orderByColumn: 'serial',
			orderByDirection: 'DESC',
			limit: 1,
		});
		expect((highest as unknown as { alwaysOutputData?: boolean }).alwaysOutputData).toBe(true);
		expect(node('Check ASN')?.type).toBe('n8n-nodes-amazon-vendor-central.buildAsn');
		expect(node('Check ASN')?.parameters.ssccSource).toBe('count');
		expect(node('Reserve SSCC Serials')?.parameters.operation).toBe('insert');
		expect(upstreamOf(wf, 'Reserve SSCC Serials').has('Check ASN')).toBe(true);
		expect(upstreamOf(wf, 'Build ASN').has('Reserve SSCC Serials')).toBe(true);
	});

	it('packs by the Configuration carton rule and records ASN and invoice exceptions', () => {
		// One carton rule for both ASN nodes: the Configuration's, or the same value written in each.
		const rules = ['Check ASN', 'Build ASN'].map((name) => {
			const rule = String(node(name)?.parameters.cartonRule);
			return rule.includes('cartonRule') ? configuration(wf).cartonRule : rule;
		});
		expect(rules).toEqual(['onePerCase', 'onePerCase']);
		// Magento inserts an exception row per problem; Shopify upserts the open row of the PO.
		const exceptionNodes = wf.nodes.filter(
			(n) =>
				n.type === 'n8n-nodes-base.dataTable' &&
				tableOf(wf, n) === 'avc_exceptions' &&
				['insert', 'upsert'].includes(String(n.parameters.operation)),
		);
		expect(exceptionNodes.map((n) => n.name)).toEqual([
			expect.stringMatching(/ASN Exception/),
			expect.stringMatching(/Invoice Exception/),
		]);
	});

	it('a sticky note says the workflow must not run twice at the same time', () => {
		expect(stickies(wf).some((t) => /twice at the same time/i.test(t) && /SSCC/.test(t))).toBe(
			true,
		);
	});
});

describe('magento-shipping.json', () => {
	const wf = load('magento-shipping.json');
	const magento = wf.nodes.filter((n) => n.type.endsWith('.magentoVendorCentral'));

	it('calls Magento only through the Magento (Vendor Central) node and its own credential', () => {
		expect(wf.nodes.some((n) => n.type === 'n8n-nodes-base.magento2')).toBe(false);
		expect(wf.nodes.some((n) => n.type === 'n8n-nodes-base.httpRequest')).toBe(false);
		expect(magento.map((n) => n.parameters.operation)).toEqual([
			'getOrdersWaiting',
			'getNew',
			'saveAsn',
			'getToInvoice',
			'saveInvoice',
		]);
		for (const n of magento) expect(Object.keys(n.credentials ?? {})).toEqual(['avcMagento2Api']);
	});

	it('n8n retries every Magento node (its transport does not; the saves read before they write)', () => {
		for (const n of magento)
			expect(n as unknown as Record<string, unknown>).toMatchObject({
				retryOnFail: true,
				maxTries: 3,
			});
	});

	it('PO lines from Amazon with SKUs from the mapping table; ASN and invoice exceptions in the exception table', () => {
		expect(tablesOf(wf)).toEqual(
			new Set(['avc_sscc_serials', 'avc_asin_mapping', 'avc_exceptions']),
		);
		const shipments = magento.find((n) => n.parameters.operation === 'getNew');
		expect(String(shipments?.parameters.mapping)).toContain("$('Read ASIN Mapping')");
		expect(String(shipments?.parameters.purchaseOrder)).toContain("$('Get Purchase Order')");
		const invoices = magento.find((n) => n.parameters.operation === 'getToInvoice');
		expect(invoices?.parameters.invoicePrefix).toBe('INV-');
	});
});

describe('magento-release-unshipped.json', () => {
	const wf = load('magento-release-unshipped.json');
	const magento = wf.nodes.filter((n) => n.type.endsWith('.magentoVendorCentral'));

	it('lists and releases through the Magento (Vendor Central) node; graceHours in the Configuration', () => {
		expect(wf.nodes.some((n) => n.type === 'n8n-nodes-base.httpRequest')).toBe(false);
		expect(magento.map((n) => n.parameters.operation)).toEqual([
			'getPartlyShipped',
			'releaseUnshipped',
		]);
		for (const n of magento) expect(Object.keys(n.credentials ?? {})).toEqual(['avcMagento2Api']);
		expect(configuration(wf)).toMatchObject({ graceHours: 0 });
		const release = magento.find((n) => n.parameters.operation === 'releaseUnshipped');
		expect(String(release?.parameters.graceHours)).toContain('graceHours');
	});

	it('records releases and failed releases in the exception table; one open failed row per PO', () => {
		expect(tablesOf(wf)).toEqual(new Set(['avc_exceptions']));
		const types = wf.nodes
			.filter((n) => n.parameters.operation === 'insert')
			.map((n) => (n.parameters.columns as { value: { type: string } }).value.type);
		expect(types).toEqual(['magento_unshipped_released', 'magento_release_failed']);
		expect(upstreamOf(wf, 'Record Release Failed').has('No Open Release-Failed Row?')).toBe(true);
		const resolve = wf.nodes.find((n) => n.name === 'Resolve Release-Failed Row');
		expect(resolve?.parameters.operation).toBe('update');
	});
});

describe('Shopify + Supercycle templates', () => {
	const intake = load('shopify-supercycle-po-intake.json');
	const hook = load('supercycle-availability.json');

	it('shopify-supercycle-po-intake.json: Configuration with the Supercycle rules; the shop in the credential', () => {
		const config = configuration(intake);
		for (const field of ['sellableConditions', 'circularReserveEaches', 'circularOnlySkus'])
			expect(config).toHaveProperty(field);
		const shopify = intake.nodes.filter((n) => n.type.endsWith('.shopifyVendorCentral'));
		expect(shopify.length).toBeGreaterThan(0);
		for (const n of shopify)
			expect(Object.keys(n.credentials ?? {})).toEqual(['avcShopifyAdminApi']);
	});

	it('supercycle-availability.json: Configuration with the Supercycle rules; the shop in the credential', () => {
		const config = configuration(hook);
		for (const field of ['sellableConditions', 'circularReserveEaches', 'circularOnlySkus'])
			expect(config).toHaveProperty(field);
		expect(config).not.toHaveProperty('shopUrl');
		const find = hook.nodes.find((n) => n.name === 'Find Variant');
		expect(find?.parameters).toMatchObject({ resource: 'variant', operation: 'get' });
		expect(Object.keys(find?.credentials ?? {})).toEqual(['avcShopifyAdminApi']);
		expect(hook.nodes.some((n) => /http/i.test(n.type))).toBe(false);
	});

	it('the availability webhook is a POST on its fixed path that answers at once', () => {
		const webhook = hook.nodes.find((n) => n.type === 'n8n-nodes-base.webhook');
		expect(webhook?.parameters).toMatchObject({
			httpMethod: 'POST',
			path: 'supercycle-availability',
			responseMode: 'onReceived',
		});
	});

	it('the Shopify order lines carry no line properties (a Supercycle _cycle would start a rental)', () => {
		// The order request is Build Order Request's (line items: variant, quantity, price only).
		const build = intake.nodes.find((n) => n.name === 'Build Order Request');
		expect(build?.parameters).toMatchObject({ resource: 'order', operation: 'buildRequest' });
		expect(JSON.stringify(intake.nodes.map((n) => n.parameters))).not.toMatch(
			/_cycle|"properties"/,
		);
	});
});

describe('shopify-change-orders.json', () => {
	const wf = load('shopify-change-orders.json');
	const trigger = wf.nodes.find(
		(n) => n.type === 'n8n-nodes-amazon-vendor-central.vendorCentralPoTrigger',
	);

	it('the PO trigger (changed POs) starts it, Configuration comes next', () => {
		expect(trigger?.parameters.events).toEqual(expect.arrayContaining(['changed']));
		expect(wf.connections[trigger!.name]?.main?.[0]?.[0]?.node).toBe('Configuration');
	});

	it('Configuration holds the table names, the hold option (off) and the API version', () => {
		expect(configuration(wf)).toMatchObject({ holdFulfillmentOnBlockedChange: false });
		expect(tablesOf(wf).has('avc_asin_mapping')).toBe(true);
		expect(tablesOf(wf).has('avc_exceptions')).toBe(true);
		if (!onShopifyNode(wf)) expect(configuration(wf).shopifyApiVersion).toBe('2026-04');
	});

	it('Apply Change Order reads its mapping from the Data Table on its second input', () => {
		const apply = wf.nodes.find((n) => n.name === 'Apply Change Order');
		expect(apply?.parameters.mappingSource).toBe('input');
		const intoSecond = Object.values(wf.connections).some((c) =>
			c.main.some((o) => (o ?? []).some((t) => t.node === 'Apply Change Order' && t.index === 1)),
		);
		expect(intoSecond).toBe(true);
	});

	it('no Exception Queue Set node is left; a sticky note explains the exception table', () => {
		expect(wf.nodes.some((n) => n.name === 'Exception Queue')).toBe(false);
		expect(stickies(wf).some((t) => /avc_exceptions|exception table/i.test(t))).toBe(true);
	});
});

describe('Magento 2 PO intake and change-order templates', () => {
	const intake = load('magento-po-intake.json');
	const changes = load('magento-change-orders.json');
	const onMagentoNode = (n: WorkflowNode) =>
		n.type === 'n8n-nodes-amazon-vendor-central.magentoVendorCentral';
	const magentoNode = (wf: Workflow, name: string) =>
		wf.nodes.find((n) => n.name === name && onMagentoNode(n));

	it.each([
		[
			'magento-po-intake.json',
			intake,
			['Create Magento Order', 'Find Magento Order', 'Read Salable Quantity'],
		],
		['magento-change-orders.json', changes, ['Apply Change Plan', 'Get Fulfilment State']],
	])(
		'%s talks to Magento only through the Magento (Vendor Central) node, with its credential',
		(_f, wf, names) => {
			expect(wf.nodes.some((n) => /http|magento2$/i.test(n.type))).toBe(false);
			const magento = wf.nodes.filter(onMagentoNode);
			expect(magento.map((n) => n.name).sort()).toEqual(names);
			for (const n of magento) expect(n.credentials?.avcMagento2Api).toBeDefined();
			// The store URL and store code are the credential's, the tables are named in the nodes.
			const config = configuration(wf);
			for (const f of ['magentoUrl', 'magentoStoreCode', 'mappingTable', 'exceptionTable'])
				expect(config).not.toHaveProperty(f);
			for (const f of ['vendorCode', 'amazonCustomerId', 'backorderDays'])
				expect(config).toHaveProperty(f);
			expect(stickies(wf).length).toBeGreaterThanOrEqual(3);
		},
	);

	it('the intake has its stock buffer and retry delay in Configuration', () => {
		for (const f of ['stockBufferEaches', 'backorderMissingUnits', 'retryOrdersAfterMinutes'])
			expect(configuration(intake)).toHaveProperty(f);
	});

	it('change orders ship with allowCancelAndRecreate off, and hand it to Apply Change Plan', () => {
		expect(configuration(changes).allowCancelAndRecreate).toBe(false);
		expect(magentoNode(changes, 'Apply Change Plan')?.parameters).toMatchObject({
			operation: 'applyChangePlan',
			allowCancelAndRecreate: "={{ $('Configuration').first().json.allowCancelAndRecreate }}",
			change: '={{ $json }}',
		});
	});

	it('change orders: state and snapshot by PO, the change compared, every outcome for a person queued', () => {
		expect(magentoNode(changes, 'Get Fulfilment State')?.parameters).toMatchObject({
			operation: 'getStateByPo',
			resultField: 'order',
		});
		const apply = changes.nodes.find((n) => n.name === 'Apply Change Order');
		expect(apply?.parameters).toMatchObject({
			previousPurchaseOrderField: 'order.snapshot.previousPurchaseOrder',
			platformOrderField: 'order.platformOrder',
			inFulfilmentStatuses: 'processing, complete, closed',
		});
		const typeOf = (name: string) =>
			(
				changes.nodes.find((n) => n.name === name)?.parameters.columns as {
					value: { type: string };
				}
			).value.type;
		expect(typeOf('Record Edit Required')).toBe('magento_edit_required');
		expect(typeOf('Record Re-create Failed')).toBe('magento_recreate_failed');
		expect(typeOf('Record Snapshot Not Saved')).toBe('po_snapshot_not_saved');
		const after = (from: string, output: number) =>
			(changes.connections[from]?.main?.[output] ?? []).map((t) => t.node).sort();
		expect(after('Apply Change Plan', 0)).toEqual([
			'Held for an Edit?',
			'Re-create Failed?',
			'Snapshot Not Saved?',
		]);
		expect(after('Re-create Failed?', 0)).toEqual(['Record Re-create Failed']);
		expect(after('Apply Change Plan', 1)).toEqual(['Record Change Not Applied']);
		expect(tablesOf(changes).has('avc_exceptions')).toBe(true);
	});

	it('the intake reads the mapping once per execution and names its tables', () => {
		expect(intake.nodes.find((n) => n.name === 'Read ASIN Mapping')?.executeOnce).toBe(true);
		for (const t of ['avc_asin_mapping', 'avc_exceptions', 'avc_acknowledged_pos'])
			expect(tablesOf(intake).has(t)).toBe(true);
	});

	it('the intake: look-up first (canceled orders count), MSI stock, the order from the acknowledged PO', () => {
		const find = magentoNode(intake, 'Find Magento Order');
		expect(find?.parameters).toMatchObject({
			operation: 'findByPo',
			includeCanceled: true,
			resultField: 'magentoOrder',
		});
		expect(magentoNode(intake, 'Read Salable Quantity')?.parameters.operation).toBe('getSalable');
		const create = magentoNode(intake, 'Create Magento Order') as WorkflowNode & {
			onError?: string;
		};
		expect(create.parameters).toMatchObject({
			operation: 'create',
			source: 'acknowledgedPo',
			acknowledged: '={{ $json.orderRequest }}',
			customerGroup: 'Amazon',
		});
		expect(create.onError).toBe('continueErrorOutput');
		const fromRecord = (from: string) =>
			intake.connections[from]?.main?.[0]?.some((t) => t.node === 'Create Magento Order');
		expect(fromRecord('Record Acknowledged PO')).toBe(true);
		expect(fromRecord('Read POs Awaiting an Order')).toBe(true);
		const errors = (intake.connections['Create Magento Order']?.main?.[1] ?? []).map((t) => t.node);
		expect(errors.sort()).toEqual(['Keep Error on Record', 'Record Missing Order']);
	});
});
