/**
 * The scenario runner's EDI channel (scenario key `"channel": "edi"`, e2e/channelEdi.js): the key's
 * validation, the trading partner seeded, the two credentials, the templates switched to the
 * channel, the EDI state as the checks read it and its invariants. A run needs real n8n.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const { validateScenario, scenarioWorkflows, expandSeed } = require('../../../e2e/scenario');
const { PLATFORMS, patchTemplate } = require('../../../e2e/platforms');
const edi = require('../../../e2e/channelEdi');
import { startSandbox, type SandboxHandle } from '../../../sandbox/server';

const PO_TRIGGER = 'n8n-nodes-amazon-vendor-central.vendorCentralPoTrigger';
const minimal = () => ({ platform: 'shopify', steps: [{ do: 'idle' }] });

const CALLED = 'n8n-nodes-base.executeWorkflowTrigger';

/**
 * A template with a Configuration node and the given triggers: `channel`, a When Executed by
 * Another Workflow trigger (the EDI mailbox hands purchase orders to it).
 */
function template(name: string, { channel = true, schedule = true } = {}) {
	const fields = [{ id: '1', name: 'vendorCode', value: 'VEND1', type: 'string' }];
	return {
		id: name,
		name,
		nodes: [
			{ name: 'New Amazon POs', type: PO_TRIGGER, parameters: { settleMinutes: 30 } },
			...(channel ? [{ name: 'EDI Purchase Orders', type: CALLED, parameters: {} }] : []),
			...(schedule
				? [{ name: 'Orders Still Missing', type: 'n8n-nodes-base.scheduleTrigger', parameters: {} }]
				: []),
			{
				name: 'Configuration',
				type: 'n8n-nodes-base.set',
				parameters: { assignments: { assignments: fields } },
			},
		],
		connections: {},
	};
}

const loaded = (file: string, json: any, role = 'cycle') => ({
	file,
	role,
	json,
	trigger: { kind: 'poll', name: 'New Amazon POs', also: [] },
});

describe('the channel key', () => {
	it('accepts spApi, edi or no channel, and refuses anything else naming the field', () => {
		expect(validateScenario(minimal())).toBeTruthy();
		expect(validateScenario({ ...minimal(), channel: 'spApi' })).toBeTruthy();
		expect(validateScenario({ ...minimal(), channel: 'edi' })).toBeTruthy();
		expect(edi.channelOf(minimal())).toBe('spApi');
		expect(edi.channelOf({ ...minimal(), channel: 'edi' })).toBe('edi');
		for (const channel of ['EDI', 'as2', 1, null])
			expect(() => validateScenario({ ...minimal(), channel }, 'x.json')).toThrow(
				`x.json: channel must be one of spApi, edi (got ${JSON.stringify(channel)})`,
			);
	});

	it('on the EDI channel a step may not poll a template whose PO trigger is off', () => {
		const shipped = PLATFORMS.shopify.workflows();
		const withChannel = shipped.filter((w: any) =>
			w.json.nodes.some((n: any) => n.type === CALLED && !n.disabled),
		);
		const poll = { do: 'poll', template: 'shopify-po-intake.json' };
		expect(validateScenario({ ...minimal(), steps: [poll] })).toBeTruthy();
		if (withChannel.some((w: any) => w.file === 'shopify-po-intake.json'))
			expect(() =>
				validateScenario({ ...minimal(), channel: 'edi', steps: [poll] }, 'x.json'),
			).toThrow(/has no polling trigger/);
		else expect(validateScenario({ ...minimal(), channel: 'edi', steps: [poll] })).toBeTruthy();
	});
});

describe('trading partner and credentials', () => {
	it('finds the templates’ vendor code (VEND1 for every platform) and seeds the default partner', () => {
		for (const name of Object.keys(PLATFORMS))
			expect(edi.vendorCodeOf(PLATFORMS[name].workflows())).toBe('VEND1');
		expect(edi.vendorCodeOf([])).toBe('VEND1');
		expect(edi.withEdiPartner(undefined, 'VEND1')).toEqual({
			edi: { partners: [{ vendorCode: 'VEND1', qualifier: 'ZZ', id: 'VEND1EDI' }] },
		});
		const seed = { amazon: { purchaseOrders: [] } };
		expect(edi.withEdiPartner(seed, 'VEND1')).toEqual({
			...seed,
			edi: { partners: [{ vendorCode: 'VEND1', qualifier: 'ZZ', id: 'VEND1EDI' }] },
		});
		expect(seed).toEqual({ amazon: { purchaseOrders: [] } });
		const own = { edi: { partners: [{ vendorCode: 'VEND1', id: 'MINE' }] } };
		expect(edi.withEdiPartner(own, 'VEND1')).toBe(own);
	});

	const sandbox = {
		sftp: { host: '127.0.0.1', port: 40022, username: 'vendor', password: 'sandbox-sftp-password' },
	};

	it('makes the sftp credential from sandbox.sftp and the partner credential as the sandbox writes', () => {
		const seed = edi.withEdiPartner(undefined, 'VEND1');
		expect(edi.ediCredentials(sandbox, seed, 'VEND1')).toEqual([
			{
				id: 'avcScenEdiSftp01',
				name: 'Amazon EDI Mailbox (sandbox)',
				type: 'sftp',
				data: {
					host: '127.0.0.1',
					port: 40022,
					username: 'vendor',
					password: 'sandbox-sftp-password',
				},
			},
			{
				id: 'avcScenEdiPart01',
				name: 'Amazon EDI Trading Partner (sandbox)',
				type: 'amazonEdiTradingPartnerApi',
				data: {
					ourQualifier: 'ZZ',
					ourId: 'VEND1EDI',
					amazonQualifier: 'ZZ',
					amazonId: 'AMAZON',
					ourGroupCode: '',
					amazonGroupCode: '',
					usage: 'P',
				},
			},
		]);
	});

	it('follows a seed’s own edi key: partner ids (sandbox defaults), Amazon’s id and the login', () => {
		const seed = {
			edi: {
				sftp: { username: 'acme', password: 'secret' },
				amazon: { qualifier: '01', id: 'AMAZONUS' },
				partners: [{ vendorCode: 'OTHER', id: 'X' }, { vendorCode: 'VEND1' }],
			},
		};
		const [sftp, partner] = edi.ediCredentials(sandbox, seed, 'VEND1');
		expect(sftp.data).toMatchObject({ username: 'acme', password: 'secret', port: 40022 });
		expect(partner.data).toMatchObject({
			ourQualifier: 'ZZ',
			ourId: 'VEND1',
			amazonQualifier: '01',
			amazonId: 'AMAZONUS',
		});
		expect(() => edi.ediCredentials({}, seed, 'VEND1')).toThrow(/sftpPort/);
	});

	it('uses the usage indicator and the Amazon id of what the sandbox writes', async () => {
		const sb: SandboxHandle = await startSandbox({ port: 0, sftpPort: 0 });
		try {
			sb.control.seed(
				expandSeed({
					amazon: {
						purchaseOrders: [
							{ number: 'PO-EDI-1', lines: [{ asin: 'B0', amount: 1, cost: '1.00' }] },
						],
					},
					...edi.withEdiPartner(undefined, 'VEND1'),
				}),
			);
			const [, partner] = edi.ediCredentials(sb, edi.withEdiPartner(undefined, 'VEND1'), 'VEND1');
			const [name] = sb.edi.mailbox.summary().map((f) => f.path);
			expect(name).toMatch(/^\/inbound\/\d{9}_850_PO-EDI-1\.edi$/);
			const isa = sb.edi.mailbox.file(name)!.data.toString('utf8').split('~')[0].split('*');
			expect([isa[5], isa[6].trim(), isa[7], isa[8].trim(), isa[15]]).toEqual([
				partner.data.amazonQualifier,
				partner.data.amazonId,
				partner.data.ourQualifier,
				partner.data.ourId,
				partner.data.usage,
			]);
		} finally {
			await sb.close();
		}
	});
});

describe('templates on the EDI channel', () => {
	it('disables the PO trigger of a template that also takes purchase orders from the mailbox', () => {
		const json = template('intake');
		const out = edi.onEdiChannel(json);
		expect(out.nodes.find((n: any) => n.type === PO_TRIGGER).disabled).toBe(true);
		expect(out.nodes.filter((n: any) => n.disabled)).toHaveLength(1);
		expect(json.nodes.some((n: any) => n.disabled)).toBe(false);
		const other = template('other', { channel: false });
		expect(edi.onEdiChannel(other)).toBe(other);
	});

	it('puts the mailbox last and reads each trigger again', () => {
		const mailbox = loaded('edi-mailbox.json', { nodes: [] });
		const list = edi.ediWorkflows(
			[
				loaded('intake.json', template('intake')),
				loaded('poll-only.json', template('pollOnly', { schedule: false })),
				loaded('plain.json', template('plain', { channel: false })),
			],
			{ before: [], after: [mailbox] },
		);
		expect(list.map((w: any) => w.file)).toEqual([
			'intake.json',
			'poll-only.json',
			'plain.json',
			'edi-mailbox.json',
		]);
		// The intake without a schedule trigger runs only when the mailbox calls it.
		expect(list.map((w: any) => w.trigger.kind)).toEqual([
			'schedule',
			'subworkflow',
			'poll',
			'poll',
		]);
	});

	it('on the shipped templates: the EDI workflows only when they exist, nothing else added', () => {
		for (const platform of Object.keys(PLATFORMS)) {
			const spApi = scenarioWorkflows({ platform }).map((w: any) => w.file);
			const onEdi = scenarioWorkflows({ platform, channel: 'edi' }).map((w: any) => w.file);
			const ediFiles = Object.values(edi.loadEdiWorkflows())
				.flat()
				.map((w: any) => w.file);
			expect(onEdi.filter((f: string) => !ediFiles.includes(f))).toEqual(spApi);
			expect(ediFiles.every((f: string) => ['edi-mailbox.json'].includes(f))).toBe(true);
		}
	});

	it('binds the sftp credential to FTP nodes and the partner credential to the EDI nodes', () => {
		const credentials = edi.ediCredentials(
			{ sftp: { host: 'h', port: 1, username: 'u', password: 'p' } },
			undefined,
			'VEND1',
		);
		const wf = patchTemplate(
			{
				name: 'mailbox',
				nodes: [
					{
						name: 'List Inbound',
						type: 'n8n-nodes-base.ftp',
						parameters: { protocol: 'sftp' },
						credentials: { sftp: { id: 'x', name: 'Mailbox' } },
					},
					{
						name: 'Read EDI Interchange',
						type: 'n8n-nodes-amazon-vendor-central.readEdiInterchange',
						parameters: {},
						credentials: { amazonEdiTradingPartnerApi: { id: 'y', name: 'Partner' } },
					},
				],
			},
			{ credentials },
		);
		expect(wf.nodes.map((n: any) => n.credentials)).toEqual([
			{ sftp: { id: 'avcScenEdiSftp01', name: 'Amazon EDI Mailbox (sandbox)' } },
			{
				amazonEdiTradingPartnerApi: {
					id: 'avcScenEdiPart01',
					name: 'Amazon EDI Trading Partner (sandbox)',
				},
			},
		]);
	});
});

describe('the EDI state the checks read, and its invariants', () => {
	const snapshot = {
		sftp: { username: 'vendor' },
		amazon: { qualifier: 'ZZ', id: 'AMAZON' },
		partners: [
			{
				vendorCode: 'VEND1',
				qualifier: 'ZZ',
				id: 'VEND1EDI',
				changeOrders: true,
				remittance: true,
			},
		],
		mailbox: [
			{ path: '/inbound/000000001_850_PO-1.edi', size: 512 },
			{ path: '/inbound/000000002_997_000000007.edi', size: 200 },
		],
		amazonFiles: [
			{
				name: '000000001_850_PO-1.edi',
				type: '850',
				reference: 'PO-1',
				controlNumber: '000000001',
				vendorCode: 'VEND1',
				writtenAt: '2026-03-10T12:00:00.000Z',
				acknowledgement: 'A',
				acknowledgedBy: '000000008_997.edi',
			},
			{
				name: '000000002_997_000000007.edi',
				type: '997',
				reference: '000000007',
				controlNumber: '000000002',
				vendorCode: 'VEND1',
				writtenAt: '2026-03-10T12:00:01.000Z',
			},
		],
		vendorFiles: [
			{
				name: '000000007_855_PO-1.edi',
				receivedAt: '2026-03-10T12:00:01.000Z',
				size: 300,
				outcome: 'accepted',
				sender: { qualifier: 'ZZ', id: 'VEND1EDI' },
				controlNumber: '000000007',
				errors: [],
				sets: [
					{
						type: '855',
						controlNumber: '0001',
						status: 'accepted',
						errors: [],
						references: ['PO-1'],
						transactionId: 'tx-1',
					},
				],
				ack997: '000000002_997_000000007.edi',
			},
		],
		inventory: [],
	};

	it('keeps file names by folder, outcomes and set records, without times, sizes or transaction ids', () => {
		const view = edi.ediView(snapshot);
		expect(view.mailbox).toEqual({
			inbound: ['000000001_850_PO-1.edi', '000000002_997_000000007.edi'],
			outbound: [],
		});
		expect(view.amazonFiles[0]).toEqual({
			name: '000000001_850_PO-1.edi',
			type: '850',
			reference: 'PO-1',
			controlNumber: '000000001',
			vendorCode: 'VEND1',
			acknowledgement: 'A',
			acknowledgedBy: '000000008_997.edi',
		});
		expect(view.vendorFiles[0]).toEqual({
			name: '000000007_855_PO-1.edi',
			outcome: 'accepted',
			sender: { qualifier: 'ZZ', id: 'VEND1EDI' },
			controlNumber: '000000007',
			errors: [],
			ack997: '000000002_997_000000007.edi',
			sets: [
				{
					type: '855',
					controlNumber: '0001',
					status: 'accepted',
					errors: [],
					references: ['PO-1'],
				},
			],
		});
		expect(JSON.stringify(view)).not.toMatch(/writtenAt|receivedAt|size|transactionId|username/);
		expect(edi.ediInvariants(view).every((c: any) => c.ok)).toBe(true);
	});

	it('reports a vendor file not accepted, a file left in outbound/ and an 850 without a 997', () => {
		const bad = JSON.parse(JSON.stringify(snapshot));
		delete bad.amazonFiles[0].acknowledgement;
		bad.mailbox.push({ path: '/outbound/late.edi', size: 10 });
		for (const outcome of ['rejected', 'unread', 'unreadable', 'partiallyAccepted'])
			bad.vendorFiles.push({ name: `${outcome}.edi`, outcome, errors: ['why'], sets: [] });
		const [files, acks] = edi.ediInvariants(edi.ediView(bad));
		expect(files.ok).toBe(false);
		expect(files.actual).toEqual([
			'rejected.edi: rejected (why)',
			'unread.edi: unread (why)',
			'unreadable.edi: unreadable (why)',
			'partiallyAccepted.edi: partiallyAccepted (why)',
			'late.edi: still in outbound/',
		]);
		expect(acks).toMatchObject({ ok: false, actual: ['000000001_850_PO-1.edi'] });
		expect(edi.ediInvariants(edi.ediView({})).every((c: any) => c.ok)).toBe(true);
	});

	it('reads a real sandbox snapshot: the 850 of a seeded PO, waiting for its 997', async () => {
		const sb: SandboxHandle = await startSandbox({ port: 0 });
		try {
			sb.control.seed(
				expandSeed({
					amazon: {
						purchaseOrders: [
							{ number: 'PO-EDI-2', lines: [{ asin: 'B0', amount: 2, cost: '1.00' }] },
						],
					},
					...edi.withEdiPartner(undefined, 'VEND1'),
				}),
			);
			const view = edi.ediView(sb.control.state().edi);
			expect(view.mailbox.inbound).toEqual(['000000001_850_PO-EDI-2.edi']);
			expect(view.amazonFiles.map((f: any) => [f.type, f.reference])).toEqual([
				['850', 'PO-EDI-2'],
			]);
			const [files, acks] = edi.ediInvariants(view);
			expect(files.ok).toBe(true);
			expect(acks.actual).toEqual(['000000001_850_PO-EDI-2.edi']);
		} finally {
			await sb.close();
		}
	});
});
