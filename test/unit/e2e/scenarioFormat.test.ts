/**
 * The scenario runner's file format (e2e/scenario.js): validation, the compact purchase order form,
 * paths into the state and checks. Running a scenario needs real n8n: `npm run test:e2e`.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const { validateScenario, selectPath, evaluateCheck, expandSeed, loadScenario } = require('../../../e2e/scenario');
const { PLATFORMS, cents, patchTemplate } = require('../../../e2e/platforms');
import * as fs from 'node:fs';
import * as path from 'node:path';

const minimal = () => ({ platform: 'shopify', steps: [{ do: 'idle' }] });

describe('scenario files', () => {
	it('accepts a minimal scenario and every shipped one', () => {
		expect(validateScenario(minimal())).toBeTruthy();
		const dir = path.join(__dirname, '../../../e2e/scenarios');
		const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
		expect(files.length).toBeGreaterThanOrEqual(8);
		for (const f of [...files.map((x) => path.join(dir, x)), path.join(dir, '../demo-scenario.json')]) expect(['shopify', 'magento', 'shopify-supercycle']).toContain(loadScenario(f).platform);
	});

	it.each([
		[{ ...minimal(), platform: 'woo' }, /platform must be one of shopify/],
		[{ ...minimal(), steps: [] }, /steps must be a non-empty list/],
		[{ ...minimal(), steps: [{ do: 'dance' }] }, /steps\[0\]\.do must be one of/],
		[{ ...minimal(), steps: [{ do: 'changePo', change: {} }] }, /steps\[0\]\.purchaseOrder is required/],
		[{ ...minimal(), steps: [{ do: 'ship', purchaseOrder: 'PO-1' }] }, /steps\[0\]\.do must be one of .*startFulfillment, fulfill/],
		[{ ...minimal(), steps: [{ do: 'sandbox', path: '/vendor/orders' }] }, /steps\[0\]\.path must start with \/__sandbox\//],
		[{ ...minimal(), expect: [{ path: 'amazon' }] }, /expect\[0\] needs one of equals, equalsAnyOrder, count, includes, atLeast/],
		[{ ...minimal(), mapping: {} }, /mapping must be a list/],
	])('refuses %j naming the field', (scenario, message) => {
		expect(() => validateScenario(scenario, 'x.json')).toThrow(message);
	});
});

describe('paths and checks', () => {
	const state = {
		amazon: {
			purchaseOrders: [
				{ purchaseOrderNumber: 'PO-1', lines: [{ itemSequenceNumber: '1', facts: { acceptedEaches: 36 } }, { itemSequenceNumber: '2', facts: { acceptedEaches: 0 } }] },
				{ purchaseOrderNumber: 'PO-2', lines: [] },
			],
			invoices: [{ id: 'INV-1' }, { id: 'INV-2' }],
		},
		dataTables: { avc_exceptions: [{ type: 'change_blocked', purchaseOrderNumber: 'PO-2' }] },
	};

	it('filters lists, maps keys over lists and expands a list reached at the end', () => {
		expect(selectPath(state, 'amazon.purchaseOrders[purchaseOrderNumber=PO-1].lines[itemSequenceNumber=1].facts.acceptedEaches')).toEqual([36]);
		expect(selectPath(state, 'amazon.purchaseOrders.lines.facts.acceptedEaches')).toEqual([36, 0]);
		expect(selectPath(state, 'amazon.invoices')).toHaveLength(2);
		expect(selectPath(state, 'amazon.purchaseOrders[1].purchaseOrderNumber')).toEqual(['PO-2']);
		expect(selectPath(state, 'amazon.purchaseOrders.length')).toEqual([2]);
		expect(selectPath(state, 'amazon.nothing.here')).toEqual([]);
	});

	it('evaluates equals, count, atLeast and includes', () => {
		expect(evaluateCheck(state, { path: 'dataTables.avc_exceptions[type=change_blocked].purchaseOrderNumber', equals: 'PO-2' }).ok).toBe(true);
		expect(evaluateCheck(state, { path: 'amazon.invoices', count: 2 }).ok).toBe(true);
		expect(evaluateCheck(state, { path: 'amazon.invoices', count: 1 })).toMatchObject({ ok: false, actual: '2 value(s)' });
		expect(evaluateCheck(state, { path: 'amazon.invoices.id', includes: 'INV-2' }).ok).toBe(true);
		expect(evaluateCheck(state, { path: 'amazon.invoices', atLeast: 3 }).ok).toBe(false);
		expect(evaluateCheck(state, { path: 'amazon.invoices.id', equalsAnyOrder: ['INV-2', 'INV-1'] }).ok).toBe(true);
		expect(evaluateCheck(state, { path: 'amazon.invoices.id', equalsAnyOrder: ['INV-2'] }).ok).toBe(false);
		expect(evaluateCheck(state, { path: 'amazon.purchaseOrders.lines.facts.acceptedEaches', equals: [36, 1] }).ok).toBe(false);
	});
});

describe('seed and invariants', () => {
	it('expands the compact purchase order form into an Amazon order', () => {
		const seed = expandSeed({ amazon: { vendorCode: 'V1', purchaseOrders: [{ number: 'PO-9', ageHours: 2, lines: [{ asin: 'B00000CASE', amount: 3, unit: 'Cases', unitSize: 12, cost: '4.20' }] }] } });
		const po = seed.amazon.purchaseOrders[0];
		expect(po.purchaseOrderNumber).toBe('PO-9');
		expect(po.orderDetails.items[0]).toMatchObject({ amazonProductIdentifier: 'B00000CASE', orderedQuantity: { amount: 3, unitOfMeasure: 'Cases', unitSize: 12 } });
	});

	it('reports a duplicated order, an unbalanced payment and a duplicated SSCC', () => {
		const state = {
			shopify: { orders: [{ sourceIdentifier: 'PO-1' }, { sourceIdentifier: 'PO-1' }] },
			amazon: {
				acknowledgements: [],
				shipmentConfirmations: [
					{ record: { shipmentIdentifier: 'S1', confirmationType: 'Original', ssccs: ['001'] } },
					{ record: { shipmentIdentifier: 'S2', confirmationType: 'Original', ssccs: ['001'] } },
				],
			},
		};
		const tables = { avc_ledger: [{ paymentNumber: 'P1', journalKey: 'a', debit: '10.00', credit: '' }, { paymentNumber: 'P1', journalKey: 'b', debit: '', credit: '9.99' }] };
		const failed = PLATFORMS.shopify.invariants(state, tables).filter((c: { ok: boolean }) => !c.ok).map((c: { name: string }) => c.name);
		expect(failed).toEqual(['one Shopify order per purchase order', 'every SSCC used on one carton only', 'ledger: debits equal credits for every payment']);
		expect(cents('10.00') - cents('9.99')).toBe(100n);
	});
});

describe('templates as a test may change them', () => {
	const template = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../workflows/shopify-po-intake.json'), 'utf8'));
	const credentials = [{ id: 'c1', name: 'Amazon (sandbox)', type: 'amazonVendorCentralApi' }];

	it('binds credentials by type, sets Configuration values and turns the settle delay off, nothing else', () => {
		const wf = patchTemplate(template, { credentials, configuration: { shopUrl: 'http://127.0.0.1:1' } });
		const trigger = wf.nodes.find((n: { type: string }) => n.type.endsWith('vendorCentralPoTrigger'));
		expect(trigger.parameters.settleMinutes).toBe(0);
		expect(wf.nodes.filter((n: { credentials?: Record<string, unknown> }) => n.credentials?.amazonVendorCentralApi).every((n: { credentials: Record<string, unknown> }) => JSON.stringify(n.credentials.amazonVendorCentralApi) === JSON.stringify({ id: 'c1', name: 'Amazon (sandbox)' }))).toBe(true);
		const config = wf.nodes.find((n: { name: string }) => n.name === 'Configuration').parameters.assignments.assignments;
		expect(config.find((a: { name: string }) => a.name === 'shopUrl').value).toBe('http://127.0.0.1:1');
		const untouched = (w: { nodes: Array<{ name: string; type: string; parameters: unknown }> }) => w.nodes.filter((n) => n.name !== 'Configuration' && !n.type.endsWith('vendorCentralPoTrigger')).map((n) => n.parameters);
		expect(untouched(wf)).toEqual(untouched(template));
		expect(template.nodes.find((n: { type: string }) => n.type.endsWith('vendorCentralPoTrigger')).parameters.settleMinutes).toBe(30);
	});

	it('strict: a value for a field the Configuration node lacks is an error', () => {
		expect(() => patchTemplate(template, { credentials, configuration: { magentoUrl: 'x' }, strict: true })).toThrow(/has no magentoUrl/);
		expect(() => patchTemplate(template, { credentials, configuration: { magentoUrl: 'x' } })).not.toThrow();
	});
});
