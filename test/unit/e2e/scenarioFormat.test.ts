/**
 * The scenario runner's file format (e2e/scenario.js): validation, the compact purchase order form,
 * paths into the state and checks. Running a scenario needs real n8n: `npm run test:e2e`.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const {
	validateScenario,
	selectPath,
	evaluateCheck,
	expandSeed,
	loadScenario,
} = require('../../../e2e/scenario');
const { PLATFORMS, cents, patchTemplate } = require('../../../e2e/platforms');
import * as fs from 'node:fs';
import * as path from 'node:path';

const minimal = () => ({ platform: 'shopify', steps: [{ do: 'idle' }] });

describe('scenario files', () => {
	it('accepts a minimal scenario and every shipped one', () => {
		expect(validateScenario(minimal())).toBeTruthy();
		expect(
			validateScenario({
				...minimal(),
				steps: [{ do: 'insertRows', table: 'avc_asin_mapping', rows: [{ asin: 'B0', sku: 'S' }] }],
			}),
		).toBeTruthy();
		const dir = path.join(__dirname, '../../../e2e/scenarios');
		const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
		expect(files.length).toBeGreaterThanOrEqual(8);
		for (const f of [
			...files.map((x) => path.join(dir, x)),
			path.join(dir, '../demo-scenario.json'),
		])
			expect(['shopify', 'magento', 'shopify-supercycle', 'generic-ims']).toContain(
				loadScenario(f).platform,
			);
	});

	it.each([
		[{ ...minimal(), platform: 'woo' }, /platform must be one of shopify/],
		[{ ...minimal(), steps: [] }, /steps must be a non-empty list/],
		[{ ...minimal(), steps: [{ do: 'dance' }] }, /steps\[0\]\.do must be one of/],
		[
			{ ...minimal(), steps: [{ do: 'changePo', change: {} }] },
			/steps\[0\]\.purchaseOrder is required/,
		],
		[
			{ ...minimal(), steps: [{ do: 'ship', purchaseOrder: 'PO-1' }] },
			/steps\[0\]\.do must be one of .*startFulfillment, fulfill/,
		],
		[
			{ ...minimal(), steps: [{ do: 'sandbox', path: '/vendor/orders' }] },
			/steps\[0\]\.path must start with \/__sandbox\//,
		],
		[
			{ ...minimal(), expect: [{ path: 'amazon' }] },
			/expect\[0\] needs one of equals, equalsAnyOrder, count, includes, atLeast/,
		],
		[{ ...minimal(), mapping: {} }, /mapping must be a list/],
		[
			{ ...minimal(), steps: [{ do: 'insertRows', table: 'my_table', rows: [{ a: 1 }] }] },
			/steps\[0\]\.table must be one of avc_asin_mapping/,
		],
		[
			{ ...minimal(), steps: [{ do: 'insertRows', table: 'avc_asin_mapping', rows: [] }] },
			/steps\[0\]\.rows must be a non-empty list/,
		],
	])('refuses %j naming the field', (scenario, message) => {
		expect(() => validateScenario(scenario, 'x.json')).toThrow(message);
	});
});

describe('paths and checks', () => {
	const state = {
		amazon: {
			purchaseOrders: [
				{
					purchaseOrderNumber: 'PO-1',
					lines: [
						{ itemSequenceNumber: '1', facts: { acceptedEaches: 36 } },
						{ itemSequenceNumber: '2', facts: { acceptedEaches: 0 } },
					],
				},
				{ purchaseOrderNumber: 'PO-2', lines: [] },
			],
			invoices: [{ id: 'INV-1' }, { id: 'INV-2' }],
		},
		dataTables: { avc_exceptions: [{ type: 'change_blocked', purchaseOrderNumber: 'PO-2' }] },
	};

	it('filters lists, maps keys over lists and expands a list reached at the end', () => {
		expect(
			selectPath(
				state,
				'amazon.purchaseOrders[purchaseOrderNumber=PO-1].lines[itemSequenceNumber=1].facts.acceptedEaches',
			),
		).toEqual([36]);
		expect(selectPath(state, 'amazon.purchaseOrders.lines.facts.acceptedEaches')).toEqual([36, 0]);
		expect(selectPath(state, 'amazon.invoices')).toHaveLength(2);
		expect(selectPath(state, 'amazon.purchaseOrders[1].purchaseOrderNumber')).toEqual(['PO-2']);
		expect(selectPath(state, 'amazon.purchaseOrders.length')).toEqual([2]);
		expect(selectPath(state, 'amazon.nothing.here')).toEqual([]);
	});

	it('evaluates equals, count, atLeast and includes', () => {
		expect(
			evaluateCheck(state, {
				path: 'dataTables.avc_exceptions[type=change_blocked].purchaseOrderNumber',
				equals: 'PO-2',
			}).ok,
		).toBe(true);
		expect(evaluateCheck(state, { path: 'amazon.invoices', count: 2 }).ok).toBe(true);
		expect(evaluateCheck(state, { path: 'amazon.invoices', count: 1 })).toMatchObject({
			ok: false,
			actual: '2 value(s)',
		});
		expect(evaluateCheck(state, { path: 'amazon.invoices.id', includes: 'INV-2' }).ok).toBe(true);
		expect(evaluateCheck(state, { path: 'amazon.invoices', atLeast: 3 }).ok).toBe(false);
		expect(
			evaluateCheck(state, { path: 'amazon.invoices.id', equalsAnyOrder: ['INV-2', 'INV-1'] }).ok,
		).toBe(true);
		expect(evaluateCheck(state, { path: 'amazon.invoices.id', equalsAnyOrder: ['INV-2'] }).ok).toBe(
			false,
		);
		expect(
			evaluateCheck(state, {
				path: 'amazon.purchaseOrders.lines.facts.acceptedEaches',
				equals: [36, 1],
			}).ok,
		).toBe(false);
	});
});

describe('seed and invariants', () => {
	it('expands the compact purchase order form into an Amazon order', () => {
		const seed = expandSeed({
			amazon: {
				vendorCode: 'V1',
				purchaseOrders: [
					{
						number: 'PO-9',
						ageHours: 2,
						lines: [{ asin: 'B00000CASE', amount: 3, unit: 'Cases', unitSize: 12, cost: '4.20' }],
					},
				],
			},
		});
		const po = seed.amazon.purchaseOrders[0];
		expect(po.purchaseOrderNumber).toBe('PO-9');
		expect(po.orderDetails.items[0]).toMatchObject({
			amazonProductIdentifier: 'B00000CASE',
			orderedQuantity: { amount: 3, unitOfMeasure: 'Cases', unitSize: 12 },
		});
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
		const tables = {
			avc_ledger: [
				{ paymentNumber: 'P1', journalKey: 'a', debit: '10.00', credit: '' },
				{ paymentNumber: 'P1', journalKey: 'b', debit: '', credit: '9.99' },
			],
		};
		const failed = PLATFORMS.shopify
			.invariants(state, tables)
			.filter((c: { ok: boolean }) => !c.ok)
			.map((c: { name: string }) => c.name);
		expect(failed).toEqual([
			'no purchase order has two Shopify orders',
			'every SSCC used on one carton only',
			'ledger: debits equal credits for every payment',
		]);
		expect(cents('10.00') - cents('9.99')).toBe(100n);
	});

	it('reports a PO acknowledged in the run with accepted units, no shop order and no open exception row', () => {
		const line = (acceptedEaches: number) => ({
			itemSequenceNumber: '1',
			facts: { acceptedEaches },
		});
		const state = {
			shopify: { orders: [{ sourceIdentifier: 'PO-OK' }] },
			amazon: {
				purchaseOrders: [
					{ purchaseOrderNumber: 'PO-OK', lines: [line(24)] },
					{ purchaseOrderNumber: 'PO-LOST', lines: [line(24)] },
					{ purchaseOrderNumber: 'PO-QUEUED', lines: [line(12)] },
					{ purchaseOrderNumber: 'PO-WAS-QUEUED', lines: [line(12)] },
					{ purchaseOrderNumber: 'PO-REJECTED', lines: [line(0)] },
					// Seeded as acknowledged elsewhere (a migration): its order is in the previous system.
					{ purchaseOrderNumber: 'PO-ACKED-ELSEWHERE', lines: [line(24)] },
				],
				acknowledgements: ['PO-OK', 'PO-LOST', 'PO-QUEUED', 'PO-WAS-QUEUED', 'PO-REJECTED'].map(
					(purchaseOrderNumber) => ({ purchaseOrderNumber }),
				),
			},
		};
		const tables = {
			avc_exceptions: [
				{
					type: 'shopify_order_not_created',
					purchaseOrderNumber: 'PO-QUEUED',
					resolved: false,
					ownerRole: 'operations',
					reason: 'r',
				},
				{
					type: 'shopify_order_not_created',
					purchaseOrderNumber: 'PO-WAS-QUEUED',
					resolved: true,
					ownerRole: 'operations',
					reason: 'r',
				},
			],
		};
		const lost = PLATFORMS.shopify
			.invariants(state, tables)
			.find((c: { name: string }) => c.name.startsWith('every purchase order with accepted units'));
		expect(lost.ok).toBe(false);
		expect(lost.actual).toEqual(['PO-LOST', 'PO-WAS-QUEUED']);
	});
});

describe('templates as a test may change them', () => {
	const template = JSON.parse(
		fs.readFileSync(path.join(__dirname, '../../../workflows/shopify-po-intake.json'), 'utf8'),
	);
	const credentials = [{ id: 'c1', name: 'Amazon (sandbox)', type: 'amazonVendorCentralApi' }];

	it('binds credentials by type, sets Configuration values and turns the settle delay off, nothing else', () => {
		const wf = patchTemplate(template, {
			credentials,
			configuration: { stockBufferEaches: 5 },
		});
		const trigger = wf.nodes.find((n: { type: string }) =>
			n.type.endsWith('vendorCentralPoTrigger'),
		);
		expect(trigger.parameters.settleMinutes).toBe(0);
		expect(
			wf.nodes
				.filter(
					(n: { credentials?: Record<string, unknown> }) => n.credentials?.amazonVendorCentralApi,
				)
				.every(
					(n: { credentials: Record<string, unknown> }) =>
						JSON.stringify(n.credentials.amazonVendorCentralApi) ===
						JSON.stringify({ id: 'c1', name: 'Amazon (sandbox)' }),
				),
		).toBe(true);
		const config = wf.nodes.find((n: { name: string }) => n.name === 'Configuration').parameters
			.assignments.assignments;
		expect(config.find((a: { name: string }) => a.name === 'stockBufferEaches').value).toBe(5);
		const untouched = (w: { nodes: Array<{ name: string; type: string; parameters: unknown }> }) =>
			w.nodes
				.filter((n) => n.name !== 'Configuration' && !n.type.endsWith('vendorCentralPoTrigger'))
				.map((n) => n.parameters);
		expect(untouched(wf)).toEqual(untouched(template));
		expect(
			template.nodes.find((n: { type: string }) => n.type.endsWith('vendorCentralPoTrigger'))
				.parameters.settleMinutes,
		).toBe(30);
	});

	it('strict: a value for a field the Configuration node lacks is an error', () => {
		expect(() =>
			patchTemplate(template, { credentials, configuration: { magentoUrl: 'x' }, strict: true }),
		).toThrow(/has no magentoUrl/);
		expect(() =>
			patchTemplate(template, { credentials, configuration: { magentoUrl: 'x' } }),
		).not.toThrow();
	});
});

describe('scenario format additions', () => {
	const { applyTemplateOptions, requestSummary } = require('../../../e2e/scenario');
	const shortPo = (line: object) => ({
		...minimal(),
		seed: {
			amazon: {
				purchaseOrders: [
					{
						number: 'PO-1',
						ageHours: 2,
						lines: [{ asin: 'B00000CASE', amount: 1, cost: '4.20', ...line }],
					},
				],
			},
		},
	});

	it('sets isBackOrderAllowed and vendorProductIdentifier on a line of the short purchase order form', () => {
		const seed = expandSeed({
			amazon: {
				purchaseOrders: [
					{
						number: 'PO-BO',
						lines: [
							{
								asin: 'B00000CASE',
								vendorProductIdentifier: '0614141000012',
								isBackOrderAllowed: true,
								amount: 2,
								unit: 'Cases',
								unitSize: 12,
								cost: '4.20',
							},
							{ vendorProductIdentifier: 'SKU-ONLY', amount: 5, cost: '1.00' },
							{ asin: 'B00000EACH', amount: 1, cost: '2.00' },
						],
					},
				],
			},
		});
		const [a, b, c] = seed.amazon.purchaseOrders[0].orderDetails.items;
		expect(a).toMatchObject({
			amazonProductIdentifier: 'B00000CASE',
			vendorProductIdentifier: '0614141000012',
			isBackOrderAllowed: true,
		});
		expect(b).toEqual({
			itemSequenceNumber: '2',
			vendorProductIdentifier: 'SKU-ONLY',
			orderedQuantity: { amount: 5, unitOfMeasure: 'Eaches', unitSize: 1 },
			isBackOrderAllowed: false,
			netCost: { currencyCode: 'USD', amount: '1.00' },
		});
		expect(c.isBackOrderAllowed).toBe(false);
		expect(c.vendorProductIdentifier).toBeUndefined();
		expect(
			validateScenario(shortPo({ isBackOrderAllowed: true, vendorProductIdentifier: 'X-1' })),
		).toBeTruthy();
	});

	it.each([
		[
			shortPo({ isBackOrderAllowed: 'yes' }),
			'x.json: seed.amazon.purchaseOrders[0].lines[0].isBackOrderAllowed must be true or false (got "yes")',
		],
		[
			shortPo({ vendorProductIdentifier: '' }),
			'x.json: seed.amazon.purchaseOrders[0].lines[0].vendorProductIdentifier must be a non-empty string (got "")',
		],
		[
			shortPo({ asin: undefined }),
			'x.json: seed.amazon.purchaseOrders[0].lines[0] needs asin or vendorProductIdentifier',
		],
		[
			{
				...minimal(),
				steps: [
					{
						do: 'seed',
						seed: {
							amazon: {
								purchaseOrders: [
									{ number: 'PO-2', lines: [{ asin: 'B1', amount: 1, isBackOrderAllowed: 1 }] },
								],
							},
						},
					},
				],
			},
			'x.json: steps[0].seed.amazon.purchaseOrders[0].lines[0].isBackOrderAllowed must be true or false (got 1)',
		],
	])('refuses a bad short-form line naming the field (%#)', (scenario, message) => {
		expect(() => validateScenario(scenario, 'x.json')).toThrow(message);
	});

	it('$hoursAgo and $daysAgo with a negative number are in the future', () => {
		const now = Date.parse('2026-03-10T12:00:00Z');
		const seed = expandSeed(
			{
				amazon: {
					payments: [
						{
							paymentDate: '$daysAgo:-3',
							invoiceDate: '$daysAgo:2',
							due: '$hoursAgo:-6',
							at: '$hoursAgo:1.5',
							text: '$hoursAgo:soon',
						},
					],
				},
			},
			now,
		);
		expect(seed.amazon.payments[0]).toEqual({
			paymentDate: '2026-03-13',
			invoiceDate: '2026-03-08',
			due: '2026-03-10T18:00:00.000Z',
			at: '2026-03-10T10:30:00.000Z',
			text: '$hoursAgo:soon',
		});
	});

	it('takes [n] after a [key=value] filter, and counts a filtered list', () => {
		const state = {
			amazon: {
				invoices: [
					{ id: 'INV-1', status: 'Failure', record: { total: '10.00' } },
					{ id: 'INV-2', status: 'Success', record: { total: '246.00' } },
					{ id: 'INV-3', status: 'Success', record: { total: '12.50' } },
				],
				purchaseOrders: [
					{
						purchaseOrderNumber: 'PO-1',
						lines: [
							{ s: 'a', n: 1 },
							{ s: 'b', n: 2 },
							{ s: 'b', n: 3 },
						],
					},
					{ purchaseOrderNumber: 'PO-2', lines: [{ s: 'b', n: 4 }] },
				],
			},
		};
		expect(selectPath(state, 'amazon.invoices[status=Success][0].record.total')).toEqual([
			'246.00',
		]);
		expect(selectPath(state, 'amazon.invoices[status=Success][1].id')).toEqual(['INV-3']);
		expect(selectPath(state, 'amazon.invoices[status=Success][2].id')).toEqual([]);
		expect(selectPath(state, 'amazon.invoices[status=Success].length')).toEqual([2]);
		expect(selectPath(state, 'amazon.invoices[status=Success].id')).toEqual(['INV-2', 'INV-3']);
		// [n] takes entry n of each filtered list: the first `b` line of every purchase order.
		expect(selectPath(state, 'amazon.purchaseOrders.lines[s=b][0].n')).toEqual([2, 4]);
		expect(
			evaluateCheck(state, { path: 'amazon.invoices[status=Success][0].id', equals: 'INV-2' }).ok,
		).toBe(true);
	});

	it('reports the request log without bodies', () => {
		const entries = [
			{
				seq: 1,
				method: 'POST',
				path: '/auth/o2/token',
				query: {},
				status: 200,
				time: '2026-03-10T12:00:00.000Z',
				receivedAtMs: 1,
				durationMs: 3,
				service: 'amazon',
				operation: 'lwaToken',
				body: { client_secret: 'x' },
			},
			{
				seq: 2,
				method: 'GET',
				path: '/vendor/orders/v1/purchaseOrders',
				query: { limit: '100' },
				status: 500,
				time: '2026-03-10T12:00:01.000Z',
				receivedAtMs: 2,
				durationMs: 1,
				service: 'amazon',
				operation: 'getPurchaseOrders',
			},
		];
		expect(requestSummary(entries)).toEqual([
			{
				seq: 1,
				time: '2026-03-10T12:00:00.000Z',
				method: 'POST',
				path: '/auth/o2/token',
				status: 200,
				service: 'amazon',
				operation: 'lwaToken',
				durationMs: 3,
			},
			{
				seq: 2,
				time: '2026-03-10T12:00:01.000Z',
				method: 'GET',
				path: '/vendor/orders/v1/purchaseOrders',
				query: { limit: '100' },
				status: 500,
				service: 'amazon',
				operation: 'getPurchaseOrders',
				durationMs: 1,
			},
		]);
	});

	describe('templates', () => {
		const template = JSON.parse(
			fs.readFileSync(path.join(__dirname, '../../../workflows/shopify-po-intake.json'), 'utf8'),
		);
		const options = {
			nodes: {
				'Acknowledge PO': {
					parameters: { backorder: true, options: { scheduledShipDate: '2026-03-12' } },
				},
			},
			configuration: { stockBufferEaches: 2 },
		};
		const node = (
			wf: { nodes: Array<{ name: string; parameters: Record<string, unknown> }> },
			name: string,
		) => wf.nodes.find((n) => n.name === name)!;

		it('accepts options for an existing template, node and Configuration field', () => {
			expect(
				validateScenario({ ...minimal(), templates: { 'shopify-po-intake.json': options } }),
			).toBeTruthy();
		});

		it('deep-merges node parameters and sets Configuration fields in the runner copy only', () => {
			const wf = applyTemplateOptions(template, options, { credentials: [] });
			const ack = node(wf, 'Acknowledge PO').parameters;
			const before = node(template, 'Acknowledge PO').parameters as {
				backorder: unknown;
				options: Record<string, unknown>;
			};
			expect(ack).toEqual({
				...before,
				backorder: true,
				options: { ...before.options, scheduledShipDate: '2026-03-12' },
			});
			// The template reads the switch from its Configuration node; the runner's copy replaced it.
			expect(before.backorder).toBe("={{ $('Configuration').first().json.backorderMissingUnits }}");
			const config = (
				node(wf, 'Configuration').parameters as {
					assignments: { assignments: Array<{ name: string; value: unknown }> };
				}
			).assignments.assignments;
			expect(config.find((a) => a.name === 'stockBufferEaches')?.value).toBe(2);
			const others = (w: typeof template) =>
				w.nodes
					.filter(
						(n: { name: string }) =>
							!['Acknowledge PO', 'Configuration', 'New Amazon POs'].includes(n.name),
					)
					.map((n: { parameters: unknown }) => n.parameters);
			expect(others(wf)).toEqual(others(template));
			expect(applyTemplateOptions(template, undefined)).toBe(template);
		});

		it.each([
			[
				{ 'shopify-po-intak.json': options },
				'x.json: templates["shopify-po-intak.json"]: the shopify platform has no ' +
					'template shopify-po-intak.json (its templates: setup-data-tables.json',
			],
			[
				{ 'shopify-po-intake.json': { nodes: { 'Acknowledge P.O.': { parameters: {} } } } },
				'x.json: templates["shopify-po-intake.json"].nodes["Acknowledge ' +
					'P.O."]: shopify-po-intake.json has no node named "Acknowledge P.O."',
			],
			[
				{
					'shopify-po-intake.json': {
						nodes: { 'Acknowledge PO': { disabled: true, parameters: {} } },
					},
				},
				'x.json: templates["shopify-po-intake.json"].nodes["Acknowledge PO"].disabled cannot be set (only parameters)',
			],
			[
				{ 'shopify-po-intake.json': { nodes: { 'Acknowledge PO': { parameters: [] } } } },
				'x.json: templates["shopify-po-intake.json"].nodes["Acknowledge PO"].parameters must be an object',
			],
			[
				{ 'shopify-po-intake.json': { configuration: { stockBuffer: 2 } } },
				'x.json: templates["shopify-po-intake.json"].configuration: Amazon Vendor ' +
					'Central → Shopify: PO intake: the Configuration node has no stockBuffer',
			],
			[
				{ 'shopify-po-intake.json': { settings: {} } },
				'x.json: templates["shopify-po-intake.json"].settings is not a template option (nodes, configuration)',
			],
			[[], 'x.json: templates must be an object'],
		])('refuses %j naming the field', (templates, message) => {
			expect(() => validateScenario({ ...minimal(), templates }, 'x.json')).toThrow(message);
		});

		it('an invalid file ends the runner with exit code 2 and the message, before anything starts', () => {
			const { spawnSync } = require('node:child_process');
			const os = require('node:os');
			const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'scenario-')), 'bad.json');
			fs.writeFileSync(
				file,
				JSON.stringify({
					...minimal(),
					templates: { 'shopify-po-intake.json': { nodes: { Nope: { parameters: {} } } } },
				}),
			);
			const run = spawnSync(
				process.execPath,
				[path.join(__dirname, '../../../e2e/scenario.js'), file, '--skip-build'],
				{ encoding: 'utf8' },
			);
			expect(run.status).toBe(2);
			expect(run.stderr).toContain(
				'templates["shopify-po-intake.json"].nodes["Nope"]: shopify-po-intake.json has no node named "Nope"',
			);
			fs.rmSync(path.dirname(file), { recursive: true, force: true });
		});
	});
});
