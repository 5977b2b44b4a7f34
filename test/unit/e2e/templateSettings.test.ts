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

describe('Shopify PO intake and mapping seed templates', () => {
	const intake = load('shopify-po-intake.json');
	const seed = load('shopify-seed-mapping.json');

	it.each([
		['shopify-po-intake.json', intake],
		['shopify-seed-mapping.json', seed],
	])('%s: a templateId, Configuration with shopUrl and Shopify API version 2026-04', (_f, wf) => {
		expect(wf.meta?.templateCredsSetupCompleted).toBe(false);
		expect(wf.meta?.templateId).toEqual(expect.any(String));
		expect(configuration(wf)).toHaveProperty('shopUrl');
		expect(configuration(wf).shopifyApiVersion).toBe('2026-04');
	});

	it('the intake names the mapping and exception tables and reads the mapping once per execution', () => {
		expect(configuration(intake)).toMatchObject({
			mappingTable: 'avc_asin_mapping',
			exceptionTable: 'avc_exceptions',
		});
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
		expect(config).toMatchObject({
			ssccTable: 'avc_sscc_serials',
			exceptionTable: 'avc_exceptions',
		});
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
		expect(String(node('Build ASN')?.parameters.cartonRule)).toMatch(/cartonRule/);
		expect(configuration(wf).cartonRule).toBe('onePerCase');
		for (const name of ['ASN Exceptions', 'Invoice Exceptions']) {
			expect(node(name)?.type).toBe('n8n-nodes-base.dataTable');
			expect(node(name)?.parameters.operation).toBe('insert');
			expect(JSON.stringify(node(name)?.parameters.dataTableId)).toMatch(/exceptionTable/);
		}
	});

	it('a sticky note says the workflow must not run twice at the same time', () => {
		expect(stickies(wf).some((t) => /twice at the same time/i.test(t) && /SSCC/.test(t))).toBe(
			true,
		);
	});
});

describe('magento-shipping.json', () => {
	const wf = load('magento-shipping.json');
	interface HttpNode extends WorkflowNode {
		credentials?: Record<string, unknown>;
	}

	it('lists the orders with the built-in Magento 2 node; every HTTP Request uses the magento2Api credential', () => {
		expect(wf.nodes.some((n) => n.type === 'n8n-nodes-base.magento2')).toBe(true);
		const http = wf.nodes.filter((n) => n.type === 'n8n-nodes-base.httpRequest') as HttpNode[];
		expect(http.length).toBeGreaterThan(0);
		for (const n of http) {
			expect(n.parameters.nodeCredentialType).toBe('magento2Api');
			expect(n.credentials?.magento2Api).toBeDefined();
		}
	});

	it('Configuration has magentoUrl, the Amazon payment method and the mapping table', () => {
		const config = configuration(wf);
		expect(typeof config.magentoUrl).toBe('string');
		expect(config).toMatchObject({
			amazonPaymentMethod: 'purchaseorder',
			mappingTable: 'avc_asin_mapping',
		});
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

	it('supercycle-availability.json: Configuration with the shop, Shopify API version 2026-04 and the Supercycle rules', () => {
		const config = configuration(hook);
		for (const field of [
			'shopUrl',
			'sellableConditions',
			'circularReserveEaches',
			'circularOnlySkus',
		])
			expect(config).toHaveProperty(field);
		expect(config.shopifyApiVersion).toBe('2026-04');
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
