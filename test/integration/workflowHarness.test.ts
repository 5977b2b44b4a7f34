/**
 * The workflow harness runs nodes through n8n's real engine (n8n-workflow's Workflow, n8n-core's
 * WorkflowExecute and PollContext) against a local HTTP server standing in for Login with Amazon
 * and the SP-API.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	INodeType,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import {
	NO_OP,
	TEST_ITEMS,
	packageType,
	runPoll,
	runWorkflow,
	workflow,
} from '../helpers/workflowHarness';

const AMAZON = packageType('amazonVendorCentral');
const CLIENT = {
	clientId: 'amzn1.application-oa2-client.harness',
	clientSecret: 'secret',
	refreshToken: 'Atzr|harness',
};

interface Seen {
	method: string;
	path: string;
	token?: string;
	body: string;
}

/** LWA token endpoint + getTransaction. Tokens are valid until `expire()`; others get Amazon's 403. */
async function startAmazon() {
	const seen: Seen[] = [];
	const issued: string[] = [];
	let valid = new Set<string>();
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c: Buffer) => (body += c.toString('utf8')));
		req.on('end', () => {
			const path = new URL(req.url ?? '/', 'http://x').pathname;
			const token = req.headers['x-amz-access-token'] as string | undefined;
			seen.push({ method: req.method ?? '', path, token, body });
			const send = (status: number, json: unknown) => {
				res.writeHead(status, {
					'content-type': 'application/json',
					'x-amzn-RequestId': `req-${seen.length}`,
				});
				res.end(JSON.stringify(json));
			};
			if (req.method === 'POST' && path === '/auth/o2/token') {
				const form = new URLSearchParams(body);
				if (
					form.get('refresh_token') !== CLIENT.refreshToken ||
					form.get('client_secret') !== CLIENT.clientSecret
				) {
					return send(400, { error: 'invalid_grant' });
				}
				const issuedToken = `Atza|token-${issued.length + 1}`;
				issued.push(issuedToken);
				valid = new Set([issuedToken]);
				return send(200, { access_token: issuedToken, token_type: 'bearer', expires_in: 3600 });
			}
			if (!token || !valid.has(token)) {
				return send(403, {
					errors: [
						{
							code: 'Unauthorized',
							message: 'Access to requested resource is denied.',
							details: 'The access token you provided has expired.',
						},
					],
				});
			}
			const match = /^\/vendor\/transactions\/v1\/transactions\/([^/]+)$/.exec(path);
			if (req.method === 'GET' && match) {
				const id = decodeURIComponent(match[1]);
				if (id.startsWith('missing'))
					return send(404, {
						errors: [{ code: 'NotFound', message: `Transaction ${id} not found` }],
					});
				return send(200, {
					payload: { transactionStatus: { transactionId: id, status: 'Success' } },
				});
			}
			return send(404, { errors: [{ code: 'NotFound', message: `No route ${path}` }] });
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url,
		seen,
		issued,
		expire: () => {
			valid = new Set();
		},
		apiCalls: () => seen.filter((s) => s.path !== '/auth/o2/token'),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

type Amazon = Awaited<ReturnType<typeof startAmazon>>;

function credentialsFor(amazon: Amazon, accessToken = '') {
	return {
		amazonVendorCentralApi: {
			region: 'na',
			...CLIENT,
			useCustomEndpoints: true,
			customBaseUrl: amazon.url,
			customTokenUrl: `${amazon.url}/auth/o2/token`,
			accessToken,
		} as ICredentialDataDecryptedObject,
	};
}

const getTransaction = {
	resource: 'transaction',
	operation: 'get',
	transactionId: '={{ $json.tx }}',
};

describe('workflow harness (n8n-core WorkflowExecute)', () => {
	let amazon: Amazon;
	beforeEach(async () => {
		amazon = await startAmazon();
	});
	afterEach(async () => {
		await amazon.close();
	});

	it(
		'runs Manual Trigger -> items -> Amazon Vendor Central, ' +
			'resolving expressions and fetching a token first',
		async () => {
			const credentials = credentialsFor(amazon);
			const result = await runWorkflow(
				workflow()
					.trigger()
					.node('Items', TEST_ITEMS, { items: [{ tx: 'tx-1' }, { tx: 'tx 2/b' }] })
					.node('Amazon', AMAZON, getTransaction)
					.chain('Trigger', 'Items', 'Amazon')
					.build(),
				{ credentials },
			);

			expect(result.error).toBeUndefined();
			expect(result.status).toBe('success');
			expect(result.executedNodes).toEqual(['Trigger', 'Items', 'Amazon']);
			expect(result.output('Amazon')).toEqual([
				{
					json: { transactionId: 'tx-1', status: 'Success', errors: [], final: true, polls: 1 },
					pairedItem: { item: 0 },
				},
				{
					json: { transactionId: 'tx 2/b', status: 'Success', errors: [], final: true, polls: 1 },
					pairedItem: { item: 1 },
				},
			]);

			// One token request (the expirable field was empty), then both calls with that token.
			expect(amazon.seen.map((s) => `${s.method} ${s.path}`)).toEqual([
				'POST /auth/o2/token',
				'GET /vendor/transactions/v1/transactions/tx-1',
				'GET /vendor/transactions/v1/transactions/tx%202%2Fb',
			]);
			expect(amazon.apiCalls().map((s) => s.token)).toEqual(['Atza|token-1', 'Atza|token-1']);
			expect(result.preAuthentications).toEqual([
				{ credentialType: 'amazonVendorCentralApi', nodeName: 'Amazon', expired: false },
			]);
			// Stored back, as n8n saves the refreshed credential.
			expect(credentials.amazonVendorCentralApi.accessToken).toBe('Atza|token-1');
			expect(result.credentials).toBe(credentials);
		},
	);

	it(
		'reuses a stored token and refreshes it on 403 (n8n ' +
			'2.40 preAuthenticationRetryStatusCode [401, 403])',
		async () => {
			const credentials = credentialsFor(amazon);
			const wf = workflow()
				.trigger()
				.node('Items', TEST_ITEMS, { items: [{ tx: 'tx-1' }] })
				.node('Amazon', AMAZON, getTransaction)
				.chain('Trigger', 'Items', 'Amazon')
				.build();
			await runWorkflow(wf, { credentials });
			expect(credentials.amazonVendorCentralApi.accessToken).toBe('Atza|token-1');

			amazon.expire();
			const second = await runWorkflow(wf, { credentials });
			expect(second.status).toBe('success');
			expect(second.preAuthentications).toEqual([
				{ credentialType: 'amazonVendorCentralApi', nodeName: 'Amazon', expired: true },
			]);
			// The stale token got 403 (once with ignoreHttpStatusErrors, once to trigger n8n's refresh), then the new one.
			expect(
				amazon
					.apiCalls()
					.slice(1)
					.map((s) => s.token),
			).toEqual(['Atza|token-1', 'Atza|token-1', 'Atza|token-2']);
			expect(credentials.amazonVendorCentralApi.accessToken).toBe('Atza|token-2');
		},
	);

	it("with authRetry 'n8n-core' shows n8n-core 2.11.1's behaviour: no refresh on 403", async () => {
		const credentials = credentialsFor(amazon, 'Atza|stale');
		const result = await runWorkflow(
			workflow()
				.trigger()
				.node('Items', TEST_ITEMS, { items: [{ tx: 'tx-1' }] })
				.node('Amazon', AMAZON, getTransaction)
				.chain('Trigger', 'Items', 'Amazon')
				.build(),
			{ credentials, authRetry: 'n8n-core' },
		);
		expect(result.status).toBe('error');
		expect(result.errorNode).toBe('Amazon');
		expect(result.error?.message).toMatch(/Unauthorized/);
		expect(result.preAuthentications).toEqual([]);
		expect(amazon.issued).toEqual([]);
	});

	it("continues with an error item when the node is set to onError 'continueRegularOutput'", async () => {
		const credentials = credentialsFor(amazon);
		const build = (onError?: 'continueRegularOutput') =>
			workflow()
				.trigger()
				.node('Items', TEST_ITEMS, { items: [{ tx: 'missing-1' }, { tx: 'tx-2' }] })
				.node('Amazon', AMAZON, getTransaction, onError ? { onError } : {})
				.node('After', NO_OP)
				.chain('Trigger', 'Items', 'Amazon', 'After')
				.build();

		const continued = await runWorkflow(build('continueRegularOutput'), { credentials });
		expect(continued.status).toBe('success');
		const out = continued.output('After');
		expect(out).toHaveLength(2);
		expect(out[0].json.error).toMatch(
			/getTransaction failed: NotFound: Transaction missing-1 not found/,
		);
		expect(out[0].pairedItem).toEqual({ item: 0 });
		expect(out[1].json).toMatchObject({ transactionId: 'tx-2', status: 'Success' });

		const stopped = await runWorkflow(build(), { credentials });
		expect(stopped.status).toBe('error');
		expect(stopped.errorNode).toBe('Amazon');
		expect(stopped.error?.message).toMatch(/NotFound/);
		expect(stopped.executedNodes).toEqual(['Trigger', 'Items', 'Amazon']);
		expect(stopped.runData.Amazon[0].error?.message).toMatch(/NotFound/);
	});

	it('routes items through a node with two inputs and two outputs, with pinned data and pairedItem', async () => {
		// Split/merge node: input 0 and input 1 are both read; items with keep=true go to output 0, others to output 1.
		class TwoByTwo implements INodeType {
			description: INodeType['description'] = {
				displayName: 'Two by two',
				name: 'twoByTwo',
				group: ['transform'],
				version: 1,
				description: '',
				defaults: { name: 'Two by two' },
				inputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
				outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
				properties: [{ displayName: 'Label', name: 'label', type: 'string', default: '' }],
			};

			async execute(this: IExecuteFunctions) {
				const kept: ReturnType<IExecuteFunctions['getInputData']> = [];
				const dropped: typeof kept = [];
				for (const input of [0, 1]) {
					this.getInputData(input).forEach((item, index) => {
						const label = this.getNodeParameter('label', index) as string;
						const out = {
							json: { ...item.json, from: input, label },
							pairedItem: { item: index, input },
						};
						(item.json.keep ? kept : dropped).push(out);
					});
				}
				return [kept, dropped];
			}
		}

		const result = await runWorkflow(
			workflow()
				.trigger()
				.node('A', TEST_ITEMS, {
					items: [
						{ n: 1, keep: true },
						{ n: 2, keep: false },
					],
				})
				.node('B', TEST_ITEMS, { items: [] })
				.node('Split', 'test.twoByTwo', { label: '={{ "n" + $json.n }}' })
				.node('Kept', NO_OP)
				.node('Dropped', NO_OP)
				.connect('Trigger', 'A')
				.connect('Trigger', 'B')
				.connect('A', 'Split', { input: 0 })
				.connect('B', 'Split', { input: 1 })
				.connect('Split', 'Kept', { output: 0 })
				.connect('Split', 'Dropped', { output: 1 })
				.pin('B', [{ n: 3, keep: true }])
				.build(),
			{ nodeTypes: { 'test.twoByTwo': TwoByTwo } },
		);

		expect(result.status).toBe('success');
		// Split ran once, with both inputs (v1 execution order waits for both parents).
		expect(result.executedNodes.filter((n) => n === 'Split')).toHaveLength(1);
		expect(result.output('Split', 0).map((i) => i.json)).toEqual([
			{ n: 1, keep: true, from: 0, label: 'n1' },
			// Parameters resolve per item index against input 0 ($json of B's item 0 is A's item 0).
			{ n: 3, keep: true, from: 1, label: 'n1' },
		]);
		expect(result.output('Split', 1).map((i) => [i.json.n, i.pairedItem])).toEqual([
			[2, { item: 1, input: 0 }],
		]);
		expect(result.output('Kept').map((i) => i.json.n)).toEqual([1, 3]);
		expect(result.output('Dropped').map((i) => i.json.n)).toEqual([2]);
		// Pinned data replaces B's own items; the engine pairs them with B's input item.
		expect(result.output('B')).toEqual([{ json: { n: 3, keep: true }, pairedItem: { item: 0 } }]);
	});
});

describe('runPoll (n8n-core PollContext)', () => {
	/** Counts polls in the node's static data; in manual mode it reports without advancing. */
	class CountingTrigger implements INodeType {
		description: INodeType['description'] = {
			displayName: 'Counting Trigger',
			name: 'countingTrigger',
			group: ['trigger'],
			version: 1,
			description: '',
			defaults: { name: 'Counting Trigger' },
			polling: true,
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			properties: [{ displayName: 'Step', name: 'step', type: 'number', default: 1 }],
		};

		async poll(this: IPollFunctions) {
			const state = this.getWorkflowStaticData('node');
			const previous = (state.count as number | undefined) ?? 0;
			const count = previous + (this.getNodeParameter('step') as number);
			if (this.getMode() !== 'manual') state.count = count;
			return [[{ json: { count, mode: this.getMode(), activation: this.getActivationMode() } }]];
		}
	}

	it('keeps static data between polls in trigger mode; the node leaves it unchanged in manual mode', async () => {
		const staticData: IDataObject = {};
		const node = { name: 'Every Minute', parameters: { step: 2 } };

		const first = await runPoll(CountingTrigger, node, { mode: 'trigger', staticData });
		const second = await runPoll(CountingTrigger, node, { mode: 'trigger', staticData });
		expect(first?.[0][0].json).toEqual({ count: 2, mode: 'trigger', activation: 'activate' });
		expect(second?.[0][0].json).toMatchObject({ count: 4 });
		expect(staticData).toEqual({ 'node:Every Minute': { count: 4 } });

		const manual = await runPoll(CountingTrigger, node, { mode: 'manual', staticData });
		expect(manual?.[0][0].json).toEqual({ count: 6, mode: 'manual', activation: 'manual' });
		expect(staticData).toEqual({ 'node:Every Minute': { count: 4 } });

		// Another static data object = another workflow: starts over.
		const other = await runPoll(CountingTrigger, node, { mode: 'trigger', staticData: {} });
		expect(other?.[0][0].json.count).toBe(2);
	});
});
