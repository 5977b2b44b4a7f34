/**
 * Amazon's EDI side over a real SFTP mailbox: an ssh2 client lists inbound/, downloads the 850 of a
 * seeded purchase order, uploads an 855 to outbound/ and gets its 997; the acknowledgement is the
 * same record as the SP-API path makes. Bad documents get a rejecting 997 and change nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestSandbox } from './helpers';
import {
	connectSftp,
	fixture,
	PARTNER,
	pick,
	PO,
	SEED_ORDER,
	segmentsOf,
	startEdiSandbox,
	withControlNumber,
	type Sftp,
} from './ediHelpers';
import { startTestSandbox } from './helpers';

let sandbox: TestSandbox;
let sftp: Sftp;

beforeEach(async () => {
	sandbox = await startEdiSandbox();
	sftp = await connectSftp(sandbox.sftp!);
});

afterEach(async () => {
	sftp.end();
	await sandbox.close();
});

const ediState = () => sandbox.control.state().edi as any;
const amazonState = () => sandbox.control.state().amazon as any;

/** Uploads a file to outbound/ and returns the 997 that comes back in inbound/. */
async function send(name: string, text: string): Promise<string> {
	const before = await sftp.list('/inbound');
	await sftp.write(`/outbound/${name}`, text);
	const after = await sftp.list('/inbound');
	const added = after.filter((f) => !before.includes(f) && f.includes('_997_'));
	expect(added).toHaveLength(1);
	return sftp.read(`/inbound/${added[0]}`);
}

describe('the SFTP mailbox', () => {
	it('logs in with the control credentials and refuses a wrong password', async () => {
		expect(sandbox.sftp).toMatchObject({
			host: '127.0.0.1',
			username: 'vendor',
			password: 'sandbox-sftp-password',
		});
		await expect(connectSftp(sandbox.sftp!, 'wrong')).rejects.toThrow(/authentication/i);
		const info = await sandbox.ctl('GET', '/__sandbox');
		expect(info.body.edi.sftp).toEqual({ ...sandbox.sftp });
	});

	it('lists, stats, makes directories, renames and deletes as an SFTP client does', async () => {
		expect(await sftp.list('/')).toEqual(['inbound', 'outbound']);
		expect(await sftp.stat('/outbound')).toEqual({ size: 4096, isDirectory: true });
		await sftp.mkdir('/archive');
		await sftp.write('/archive/note.txt', 'hello');
		expect(await sftp.stat('/archive/note.txt')).toEqual({ size: 5, isDirectory: false });
		await sftp.rename('/archive/note.txt', '/archive/kept.txt');
		expect(await sftp.list('/archive')).toEqual(['kept.txt']);
		expect(await sftp.read('/archive/kept.txt')).toBe('hello');
		await sftp.remove('/archive/kept.txt');
		expect(await sftp.list('/archive')).toEqual([]);
		await expect(sftp.read('/archive/kept.txt')).rejects.toThrow(/No such file/);
	});

	it('serves a download in parallel chunks (fastGet, as with concurrent reads)', async () => {
		const [name] = await sftp.list('/inbound');
		const local = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'edi-')), name);
		await sftp.fastGet(`/inbound/${name}`, local);
		expect(fs.readFileSync(local, 'utf8')).toBe(await sftp.read(`/inbound/${name}`));
		fs.rmSync(path.dirname(local), { recursive: true });
	});
});

describe('purchase orders as 850s', () => {
	it('writes the 850 of a seeded order to inbound/, readable by node-x12 in strict mode', async () => {
		const files = await sftp.list('/inbound');
		expect(files).toEqual([`000000001_850_${PO}.edi`]);
		const segments = segmentsOf(await sftp.read(`/inbound/${files[0]}`));
		const [isa] = segments;
		expect(isa[6].trim()).toBe('AMAZON');
		expect(isa[8].trim()).toBe('VENDOR01');
		const body = segments.filter((s) => !['ISA', 'GS', 'ST', 'SE', 'GE', 'IEA'].includes(s[0]));
		expect(body).toEqual([
			['BEG', '00', 'NE', PO, '', '20260302'],
			['CUR', 'BY', 'USD'],
			['REF', 'CR', 'API01'],
			['CSH', 'N'],
			['DTM', '064', '20260309'],
			['DTM', '063', '20260313'],
			['N1', 'ST', '', '92', 'ABE2'],
			['N1', 'BT', '', '92', 'AMZN'],
			['N1', 'BY', '', '92', 'AMZN'],
			['PO1', '1', '12', 'EA', '14.50', 'PE', 'BP', 'B07DFVDRAB', 'VN', '8806098286500'],
			['CTP', '', 'MSR', '24.99'],
			['PO1', '2', '4', 'CA', '3.20', 'PE', 'BP', 'B01LNRIIAB', 'VN', 'SKU-CASE-6'],
			['PO4', '6'],
			['CTT', '2', '16'],
		]);
		expect(ediState().amazonFiles).toEqual([
			expect.objectContaining({
				type: '850',
				reference: PO,
				controlNumber: '000000001',
				vendorCode: 'API01',
			}),
		]);
	});

	it('writes nothing for vendors not set up for EDI, and an 860 for a change to an EDI vendor order', async () => {
		sandbox.control.seed({
			amazon: {
				purchaseOrders: [
					{
						...SEED_ORDER,
						purchaseOrderNumber: 'APIONLY1',
						orderDetails: { ...SEED_ORDER.orderDetails, sellingParty: { partyId: 'OTHER' } },
					} as never,
				],
			},
		});
		sandbox.control.changePurchaseOrder(PO, {
			changedAt: '2026-03-02T11:00:00Z',
			items: [{ itemSequenceNumber: '1', orderedQuantity: { amount: 8 } }],
		} as never);
		const files = await sftp.list('/inbound');
		expect(files).toEqual([`000000001_850_${PO}.edi`, `000000002_860_${PO}.edi`]);
		const body = pick(await sftp.read(`/inbound/${files[1]}`), 'BCH', 'DTM', 'POC', 'CTT');
		expect(body).toEqual([
			['BCH', '04', 'SA', PO, '', '', '20260302'],
			['DTM', '010', '20260302'],
			['POC', '1', 'QD', '4', '8', 'EA', '14.50', 'PE', 'BP', 'B07DFVDRAB', 'VN', '8806098286500'],
			['CTT', '1'],
		]);
	});

	it('writes an 820 for each remittance payment of the vendor', async () => {
		sandbox.control.seed({
			amazon: {
				payments: [
					{
						paymentNumber: '40001234',
						paymentDate: '2026-04-15',
						lines: [
							{
								invoiceNumber: 'INV-1001',
								purchaseOrderNumber: PO,
								invoiceDate: '2026-03-10',
								invoiceAmount: '250.80',
							},
						],
					},
				],
			},
		});
		const name = (await sftp.list('/inbound')).find((f) => f.includes('_820_'))!;
		expect(name).toBe('000000002_820_40001234.edi');
		const text = await sftp.read(`/inbound/${name}`);
		expect(segmentsOf(text).length).toBeGreaterThan(6);
		expect(pick(text, 'BPR', 'TRN', 'RMR')).toEqual([
			['BPR', 'I', '250.80', 'C', 'ACH', '', '', '', '', '', '', '', '', '', '', '', '20260415'],
			['TRN', '3', '40001234'],
			['RMR', 'IV', 'INV-1001', '', '250.80', '250.80', '0.00'],
		]);
	});
});

describe('855 acknowledgements', () => {
	it('accepts a good 855 with a 997 and records the same acknowledgement as the SP-API path', async () => {
		const ack = await send('855_2JK3S9VC.edi', fixture('855-accept-backorder.edi'));
		expect(segmentsOf(ack).map((s) => s[0])).toEqual([
			'ISA',
			'GS',
			'ST',
			'AK1',
			'AK2',
			'AK5',
			'AK9',
			'SE',
			'GE',
			'IEA',
		]);
		expect(pick(ack, 'AK1', 'AK2', 'AK5', 'AK9')).toEqual([
			['AK1', 'PR', '101'],
			['AK2', '855', '0001'],
			['AK5', 'A'],
			['AK9', 'A', '1', '1', '1'],
		]);
		expect(await sftp.list('/outbound')).toEqual([]);
		const file = ediState().vendorFiles[0];
		expect(file).toMatchObject({
			name: '855_2JK3S9VC.edi',
			outcome: 'accepted',
			controlNumber: '000000101',
		});
		expect(file.sets).toEqual([
			expect.objectContaining({ type: '855', status: 'accepted', references: [PO] }),
		]);

		// The same acknowledgement through POST /vendor/orders/v1/acknowledgements, on a second sandbox.
		const api = await startTestSandbox({ transactionProcessingMs: 0 });
		try {
			api.control.seed({ amazon: { purchaseOrders: [SEED_ORDER as never] } });
			const viaApi = await api.acknowledge([sandboxAck()]);
			expect(viaApi.status).toBe('Success');
			const strip = (s: any) => ({
				acknowledgements: s.acknowledgements.map((a: any) => ({ ...a, transactionId: undefined })),
				purchaseOrders: JSON.parse(
					JSON.stringify(s.purchaseOrders).replace(
						/"transactionId":"[^"]+"/g,
						'"transactionId":"x"',
					),
				),
			});
			expect(strip(amazonState())).toEqual(strip(api.control.state().amazon));
			expect(amazonState().purchaseOrders[0]).toMatchObject({ purchaseOrderState: 'Acknowledged' });
		} finally {
			await api.close();
		}
	});

	it('rejects an 855 that breaks the guide, with AK3/AK4 codes, and changes nothing', async () => {
		const ack = await send('855-bad.edi', fixture('855-bad-codes.edi'));
		expect(pick(ack, 'AK1', 'AK2', 'AK3', 'AK4', 'AK5', 'AK9')).toEqual([
			['AK1', 'PR', '102'],
			['AK2', '855', '0001'],
			['AK3', 'ACK', '6', '', '8'],
			['AK4', '1', '', '7', 'ZZ'],
			['AK4', '5', '', '8', '2026031'],
			['AK5', 'R', '5'],
			['AK9', 'R', '1', '1', '0'],
		]);
		expect(amazonState().acknowledgements).toEqual([]);
		expect(amazonState().transactions).toEqual([]);
		expect(amazonState().purchaseOrders[0].purchaseOrderState).toBe('New');
		expect(ediState().vendorFiles[0]).toMatchObject({
			outcome: 'rejected',
			sets: [expect.objectContaining({ status: 'rejected', code: '5' })],
		});
	});

	it("rejects an 855 that Amazon's rules refuse (a line not on the order), and changes nothing", async () => {
		const ack = await send('855-unknown.edi', fixture('855-unknown-line.edi'));
		expect(pick(ack, 'AK5', 'AK9')).toEqual([
			['AK5', 'R', '5'],
			['AK9', 'R', '1', '1', '0'],
		]);
		const state = amazonState();
		expect(state.purchaseOrders[0].purchaseOrderState).toBe('New');
		expect(state.purchaseOrders[0].lines.every((l: any) => l.acknowledgements.length === 0)).toBe(
			true,
		);
		expect(state.transactions).toEqual([expect.objectContaining({ status: 'Failure' })]);
		expect(ediState().vendorFiles[0].sets[0].errors.join(' ')).toMatch(/INVALID_ITEM/);
	});

	it('checks the envelope: a wrong SE01 count is AK5 R 4', async () => {
		const text = fixture('855-accept-backorder.edi').replace('SE*10*0001', 'SE*11*0001');
		const ack = await send('855-count.edi', text);
		expect(pick(ack, 'AK5', 'AK9')).toEqual([
			['AK5', 'R', '4'],
			['AK9', 'R', '1', '1', '0'],
		]);
		expect(amazonState().acknowledgements).toEqual([]);
	});
});

describe('846 inventory advice', () => {
	it('keeps the last quantity per item', async () => {
		const ack = await send('846-a.edi', fixture('846-two-items.edi'));
		expect(pick(ack, 'AK1', 'AK5')).toEqual([
			['AK1', 'IB', '104'],
			['AK5', 'A'],
		]);
		const later = withControlNumber(fixture('846-two-items.edi'), 105).replace(
			'QTY*33*140*EA',
			'QTY*33*90*EA',
		);
		await send('846-b.edi', later);
		const inventory = ediState().inventory;
		expect(inventory.map((r: any) => [r.productIds, r.quantity, r.fileName])).toEqual([
			[{ BP: 'B07DFVDRAB', VN: '8806098286500' }, 90, '846-b.edi'],
			[{ VN: 'SKU-CASE-6' }, 36, '846-b.edi'],
		]);
		expect(inventory[0]).toMatchObject({
			vendorCode: PARTNER.vendorCode,
			qualifier: '33',
			unitOfMeasure: 'Eaches',
			asOf: '2026-03-02T14:00:00Z',
		});
	});
});

/** What 855-accept-backorder.edi says, as the SP-API's OrderAcknowledgement. */
function sandboxAck() {
	return {
		purchaseOrderNumber: PO,
		sellingParty: { partyId: 'API01' },
		acknowledgementDate: '2026-03-02T00:00:00Z',
		items: [
			{
				itemSequenceNumber: '1',
				orderedQuantity: { amount: 12, unitOfMeasure: 'Eaches' },
				netCost: { currencyCode: 'USD', amount: '14.50' },
				itemAcknowledgements: [
					{
						acknowledgementCode: 'Accepted',
						acknowledgedQuantity: { amount: 12, unitOfMeasure: 'Eaches' },
						scheduledShipDate: '2026-03-05T00:00:00Z',
					},
				],
				amazonProductIdentifier: 'B07DFVDRAB',
				vendorProductIdentifier: '8806098286500',
			},
			{
				itemSequenceNumber: '2',
				orderedQuantity: { amount: 4, unitOfMeasure: 'Cases', unitSize: 6 },
				netCost: { currencyCode: 'USD', amount: '3.20' },
				itemAcknowledgements: [
					{
						acknowledgementCode: 'Accepted',
						acknowledgedQuantity: { amount: 3, unitOfMeasure: 'Cases', unitSize: 6 },
						scheduledShipDate: '2026-03-05T00:00:00Z',
					},
					{
						acknowledgementCode: 'Backordered',
						acknowledgedQuantity: { amount: 1, unitOfMeasure: 'Cases', unitSize: 6 },
						scheduledShipDate: '2026-03-12T00:00:00Z',
					},
				],
				amazonProductIdentifier: 'B01LNRIIAB',
				vendorProductIdentifier: 'SKU-CASE-6',
			},
		],
	};
}

describe('partners and pick-up', () => {
	it('sends the 850s of existing orders to a partner added later, and no 860s without changeOrders', async () => {
		const other = {
			...SEED_ORDER,
			purchaseOrderNumber: 'LATERPO1',
			orderDetails: { ...SEED_ORDER.orderDetails, sellingParty: { partyId: 'LATE1' } },
		};
		sandbox.control.seed({ amazon: { purchaseOrders: [other as never] } });
		const added = await sandbox.ctl('POST', '/__sandbox/edi', {
			partners: [{ vendorCode: 'LATE1', id: 'LATEVENDOR', changeOrders: false }],
		});
		expect(added.body).toEqual({ partners: ['LATE1'] });
		sandbox.control.changePurchaseOrder('LATERPO1', {
			changedAt: '2026-03-02T11:00:00Z',
			cancelItems: ['2'],
		} as never);
		expect(await sftp.list('/inbound')).toEqual([
			`000000001_850_${PO}.edi`,
			'000000001_850_LATERPO1.edi',
		]);
		const isa = (await sftp.read('/inbound/000000001_850_LATERPO1.edi')).split('*');
		expect(isa[8].trim()).toBe('LATEVENDOR');
		const state = await sandbox.ctl('GET', '/__sandbox/edi');
		expect(state.body.partners.map((p: any) => p.vendorCode)).toEqual(['API01', 'LATE1']);
	});

	it('reads a file renamed into outbound/ (uploaded under a temporary name first)', async () => {
		await sftp.write('/outbound/855.edi.part', fixture('855-accept-backorder.edi'));
		expect(ediState().vendorFiles).toEqual([]);
		expect(await sftp.list('/outbound')).toEqual(['855.edi.part']);
		await sftp.rename('/outbound/855.edi.part', '/outbound/855.edi');
		expect(await sftp.list('/outbound')).toEqual([]);
		expect(ediState().vendorFiles).toEqual([
			expect.objectContaining({ name: '855.edi', outcome: 'accepted' }),
		]);
	});

	it('a transactionFailure fault of submitAcknowledgement rejects the 855 as it fails the API call', async () => {
		sandbox.control.addFaults([
			{
				service: 'amazon',
				operation: 'submitAcknowledgement',
				type: 'transactionFailure',
				count: 1,
			},
		]);
		const ack = await send('855.edi', fixture('855-accept-backorder.edi'));
		expect(pick(ack, 'AK5', 'AK9')).toEqual([
			['AK5', 'R', '5'],
			['AK9', 'R', '1', '1', '0'],
		]);
		expect(amazonState().purchaseOrders[0].purchaseOrderState).toBe('New');
		expect(ediState().vendorFiles[0].sets[0].errors[0]).toMatch(/^INTERNAL_ERROR/);
	});

	it('answers a file with two groups in one 997 interchange, partly accepted', async () => {
		const good = fixture('855-accept-backorder.edi');
		const bad = fixture('855-bad-codes.edi');
		const group = (text: string) => text.slice(text.indexOf('GS*'), text.indexOf('IEA*'));
		const both = good.slice(0, good.indexOf('GS*')) + group(good) + group(bad) + 'IEA*2*000000101~';
		const ack = await send('855-two.edi', both);
		expect(pick(ack, 'AK1', 'AK5', 'AK9')).toEqual([
			['AK1', 'PR', '101'],
			['AK5', 'A'],
			['AK9', 'A', '1', '1', '1'],
			['AK1', 'PR', '102'],
			['AK5', 'R', '5'],
			['AK9', 'R', '1', '1', '0'],
		]);
		expect(ediState().vendorFiles[0].outcome).toBe('partiallyAccepted');
	});
});

describe("the vendor's 997s", () => {
	it('notes a vendor 997 on the Amazon file it answers, and does not answer it', async () => {
		const before = await sftp.list('/inbound');
		await sftp.write('/outbound/997.edi', fixture('997-accepts-850.edi'));
		expect(await sftp.list('/inbound')).toEqual(before);
		expect(await sftp.list('/outbound')).toEqual([]);
		const state = ediState();
		expect(state.amazonFiles[0]).toMatchObject({
			type: '850',
			acknowledgement: 'A',
			acknowledgedBy: '997.edi',
		});
		expect(state.vendorFiles[0]).toMatchObject({
			outcome: 'accepted',
			sets: [expect.objectContaining({ type: '997', status: 'accepted' })],
		});
	});

	it('records a 997 for a group Amazon never sent as rejected, without answering', async () => {
		const before = await sftp.list('/inbound');
		await sftp.write(
			'/outbound/997.edi',
			fixture('997-accepts-850.edi').replace('AK1*PO*1', 'AK1*PO*77'),
		);
		expect(await sftp.list('/inbound')).toEqual(before);
		expect(ediState().vendorFiles[0]).toMatchObject({ outcome: 'rejected' });
		expect(ediState().vendorFiles[0].sets[0].errors).toEqual([
			'AK102 77 names no group Amazon sent to API01.',
		]);
		expect(ediState().amazonFiles[0].acknowledgement).toBeUndefined();
	});
});

describe('files of the scenario’s own (POST /__sandbox/edi/inbound)', () => {
	const post = (body: unknown) =>
		fetch(`${sandbox.url}/__sandbox/edi/inbound`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});

	it("writes the given sets in Amazon's envelope, and a vendor 997 is matched to them", async () => {
		const res = await post({
			vendorCode: 'API01',
			type: '850',
			reference: 'BAD-PO',
			sets: [
				[
					['BEG', '00', 'NE', 'BAD-PO', '', '20261207'],
					['PO1', '1', '2', 'ZZ'],
				],
			],
		});
		expect(res.status).toBe(200);
		const { name } = (await res.json()) as { name: string };
		expect(name).toMatch(/^00000000\d_850_BAD-PO\.edi$/);
		const text = await sftp.read(`/inbound/${name}`);
		expect(segmentsOf(text).map((s) => s[0])).toEqual([
			'ISA',
			'GS',
			'ST',
			'BEG',
			'PO1',
			'SE',
			'GE',
			'IEA',
		]);
		const file = ediState().amazonFiles.find((f: any) => f.name === name);
		expect(file).toMatchObject({ type: '850', reference: 'BAD-PO', vendorCode: 'API01' });
		const group = Number(file.controlNumber);
		await sftp.write(
			'/outbound/997.edi',
			fixture('997-accepts-850.edi')
				.replace('AK1*PO*1', `AK1*PO*${group}`)
				.replace('AK5*A', 'AK5*R*5')
				.replace(/AK9\*A\*1\*1\*1/, 'AK9*R*1*1*0'),
		);
		expect(ediState().amazonFiles.find((f: any) => f.name === name).acknowledgement).toBe('R');
	});

	it('writes a raw file as it is, recorded as raw', async () => {
		const res = await post({ vendorCode: 'API01', name: 'broken.edi', text: 'not an interchange' });
		expect(res.status).toBe(200);
		expect(await sftp.read('/inbound/broken.edi')).toBe('not an interchange');
		expect(ediState().amazonFiles.at(-1)).toMatchObject({ name: 'broken.edi', type: 'raw' });
	});

	it.each([
		[{ vendorCode: 'NOPE', type: '850', sets: [[['BEG']]] }, 'no trading partner'],
		[{ vendorCode: 'API01', type: '855', sets: [[['BAK']]] }, 'type must be 850, 860 or 820'],
		[{ vendorCode: 'API01', type: '850', sets: [] }, 'sets must be a list'],
		[{ vendorCode: 'API01', name: '../x', text: 'x' }, 'a raw file needs'],
	])('refuses %j with a 400', async (body, message) => {
		const res = await post(body);
		expect(res.status).toBe(400);
		expect(JSON.stringify(await res.json())).toContain(message);
	});
});
