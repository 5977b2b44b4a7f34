/**
 * The scenario steps and checks that replaced the hand-written e2e runners (e2e/SCENARIOS.md):
 * runWorkflow, poll, clearRequests, importAsShipped, the `matches` check, `[-1]` in paths, and the
 * error message of a failed n8n execution. Running them needs real n8n: `npm run test:e2e`.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const {
	validateScenario,
	selectPath,
	evaluateCheck,
	errorMessageOf,
	nodeOutputsOf,
} = require('../../../e2e/scenario');

const withSteps = (steps: unknown[], extra: Record<string, unknown> = {}) => ({
	platform: 'shopify',
	steps,
	...extra,
});

describe('workflow steps', () => {
	it('accepts runWorkflow with a template and trigger, poll on a polling template, clearRequests', () => {
		expect(() =>
			validateScenario(
				withSteps([
					{ do: 'runWorkflow', template: 'shopify-seed-mapping.json' },
					{ do: 'runWorkflow', template: 'shopify-po-intake.json', trigger: 'New Amazon POs' },
					{ do: 'poll', template: 'shopify-po-intake.json' },
					{ do: 'clearRequests' },
				]),
			),
		).not.toThrow();
	});

	it('refuses an unknown template, a trigger the template lacks, and poll on a schedule', () => {
		expect(() =>
			validateScenario(withSteps([{ do: 'runWorkflow', template: 'nope.json' }])),
		).toThrow(/steps\[0\]\.template must be one of .*shopify-po-intake\.json/);
		expect(() =>
			validateScenario(
				withSteps([{ do: 'runWorkflow', template: 'shopify-po-intake.json', trigger: 'Nope' }]),
			),
		).toThrow(/steps\[0\]\.trigger: shopify-po-intake\.json has no node named "Nope"/);
		expect(() =>
			validateScenario(withSteps([{ do: 'poll', template: 'shopify-shipping.json' }])),
		).toThrow(/steps\[0\]: shopify-shipping\.json has no polling trigger/);
	});

	it('updateRows needs a known table, where and set', () => {
		const step = {
			do: 'updateRows',
			table: 'avc_exceptions',
			where: { id: 1 },
			set: { resolved: true },
		};
		expect(() => validateScenario(withSteps([step]))).not.toThrow();
		expect(() => validateScenario(withSteps([{ ...step, table: 'nope' }]))).toThrow(
			/steps\[0\]\.table must be one of/,
		);
		expect(() => validateScenario(withSteps([{ ...step, where: {} }]))).toThrow(
			/needs where \(columns and values, at least one\) and set/,
		);
	});

	it('importAsShipped is true or false', () => {
		expect(() =>
			validateScenario(withSteps([{ do: 'idle' }], { importAsShipped: true })),
		).not.toThrow();
		expect(() => validateScenario(withSteps([{ do: 'idle' }], { importAsShipped: 'yes' }))).toThrow(
			/importAsShipped must be true or false/,
		);
	});
});

describe('checks', () => {
	const state = {
		executions: [
			{ id: 1, template: 'shopify-po-intake.json', status: 'success' },
			{ id: 2, template: 'shopify-po-intake.json', status: 'error', error: 'Shopify answered X' },
		],
		lines: [{ events: [{ n: 1 }, { n: 2 }, { n: 3 }] }, { events: [{ n: 4 }] }],
	};

	it('[-1] takes the last entry of each list', () => {
		expect(selectPath(state, 'lines.events[-1].n')).toEqual([3, 4]);
		expect(selectPath(state, 'executions[status=error][-1].error')).toEqual(['Shopify answered X']);
	});

	it('matches: one of the values matches the regular expression (objects as JSON)', () => {
		expect(evaluateCheck(state, { path: 'executions.error', matches: 'Shopify answered' }).ok).toBe(
			true,
		);
		expect(evaluateCheck(state, { path: 'executions.error', matches: '^Amazon' }).ok).toBe(false);
		expect(evaluateCheck(state, { path: 'executions[id=2]', matches: '"status":"error"' }).ok).toBe(
			true,
		);
	});

	it('allMatch: at least one value, and every one matches', () => {
		expect(evaluateCheck(state, { path: 'executions.template', allMatch: '^shopify-' }).ok).toBe(
			true,
		);
		expect(evaluateCheck(state, { path: 'executions.status', allMatch: '^success$' }).ok).toBe(
			false,
		);
		expect(evaluateCheck(state, { path: 'nothing', allMatch: '.*' }).ok).toBe(false);
	});

	it('refuses a matches that is not a regular expression', () => {
		expect(() =>
			validateScenario({
				platform: 'shopify',
				steps: [{ do: 'idle' }],
				expect: [{ path: 'executions', matches: '(' }],
			}),
		).toThrow(/expect\[0\]\.matches must be a regular expression/);
	});
});

describe('errorMessageOf', () => {
	it('reads the error message and description from flatted run data', () => {
		// [root, resultData, error, message, description]
		const data = JSON.stringify([
			{ resultData: '1' },
			{ error: '2' },
			{ message: '3', description: '4' },
			'Shopify answered the order look-up with errors',
			'Throttled',
		]);
		expect(errorMessageOf({ data })).toBe(
			'Shopify answered the order look-up with errors Throttled',
		);
	});

	it('is null for run data without an error, or data it cannot read', () => {
		expect(errorMessageOf({ data: JSON.stringify([{ resultData: '1' }, {}]) })).toBeNull();
		expect(errorMessageOf({ data: 'not json' })).toBeNull();
		expect(errorMessageOf(undefined)).toBeNull();
	});
});

describe('the short purchase order form: state', () => {
	const { expandSeed } = require('../../../e2e/scenario');
	const seed = (state?: string) => ({
		amazon: {
			purchaseOrders: [{ number: 'PO-1', state, lines: [{ asin: 'B0', amount: 1, cost: '1.00' }] }],
		},
	});

	it('sets the purchase order state, New by default', () => {
		expect(expandSeed(seed('Acknowledged')).amazon.purchaseOrders[0].purchaseOrderState).toBe(
			'Acknowledged',
		);
		expect(expandSeed(seed()).amazon.purchaseOrders[0].purchaseOrderState).toBe('New');
	});

	it('refuses another state', () => {
		expect(() =>
			validateScenario({ platform: 'shopify', seed: seed('Open'), steps: [{ do: 'idle' }] }),
		).toThrow(/purchaseOrders\[0\]\.state must be New, Acknowledged or Closed/);
	});
});

describe('nodeOutputsOf', () => {
	it('gives the items of the first output of each named node, over its runs', () => {
		// [root, resultData, runData, "Compose", run, data, main, output0, item, json, "to"]
		const data = JSON.stringify([
			{ resultData: '1' },
			{ runData: '2' },
			{ Compose: '3' },
			['4'],
			{ data: '5' },
			{ main: '6' },
			['7'],
			['8'],
			{ json: '9' },
			{ to: '10' },
			'finance',
		]);
		expect(nodeOutputsOf({ data }, ['Compose', 'Absent'])).toEqual({
			Compose: [{ to: 'finance' }],
		});
	});

	it('captureOutputs is a list of node names', () => {
		const base = { platform: 'shopify', steps: [{ do: 'idle' }] };
		expect(() =>
			validateScenario({ ...base, captureOutputs: ['Compose Notification'] }),
		).not.toThrow();
		expect(() => validateScenario({ ...base, captureOutputs: 'Compose' })).toThrow(
			/captureOutputs must be a list of node names/,
		);
	});
});
