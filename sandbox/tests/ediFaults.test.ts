/**
 * Faults of the EDI mailbox (service "edi" of POST /__sandbox/faults) and Amazon's duplicate
 * interchange rule: a 997 that rejects, a file left unread, an ISA13 seen before from the sender,
 * and Amazon repeating its own ISA13.
 */
import type { TestSandbox } from './helpers';
import {
	connectSftp,
	fixture,
	pick,
	PO,
	SEED_ORDER,
	startEdiSandbox,
	withControlNumber,
	type Sftp,
} from './ediHelpers';

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

async function acksAfter(before: string[]): Promise<string[]> {
	return (await sftp.list('/inbound')).filter((f) => !before.includes(f) && f.includes('_997_'));
}

it('reject997: the next 997 rejects the file and nothing of it is applied', async () => {
	const faults = await sandbox.ctl('POST', '/__sandbox/faults', {
		faults: [{ service: 'edi', operation: '855', type: 'reject997', count: 1 }],
	});
	expect(faults.status).toBe(200);
	const before = await sftp.list('/inbound');
	await sftp.write('/outbound/855.edi', fixture('855-accept-backorder.edi'));
	const [ack] = await acksAfter(before);
	expect(pick(await sftp.read(`/inbound/${ack}`), 'AK5', 'AK9')).toEqual([
		['AK5', 'R', '5'],
		['AK9', 'R', '1', '1', '0'],
	]);
	expect(amazonState().acknowledgements).toEqual([]);
	expect(amazonState().purchaseOrders[0].purchaseOrderState).toBe('New');
	expect(ediState().vendorFiles[0].sets[0].errors).toEqual([
		'Rejected by an injected fault (reject997); nothing applied.',
	]);

	// The fault is used up: the same document with a new ISA13 is accepted.
	const next = await sftp.list('/inbound');
	await sftp.write(
		'/outbound/855-again.edi',
		withControlNumber(fixture('855-accept-backorder.edi'), 201),
	);
	const [second] = await acksAfter(next);
	expect(pick(await sftp.read(`/inbound/${second}`), 'AK5')).toEqual([['AK5', 'A']]);
	expect(amazonState().purchaseOrders[0].purchaseOrderState).toBe('Acknowledged');
});

it('leaveUnread: the file stays in outbound/, unanswered and unapplied', async () => {
	sandbox.control.addFaults([{ service: 'edi', operation: '*', type: 'leaveUnread', count: 1 }]);
	const before = await sftp.list('/inbound');
	await sftp.write('/outbound/855.edi', fixture('855-accept-backorder.edi'));
	expect(await sftp.list('/outbound')).toEqual(['855.edi']);
	expect(await acksAfter(before)).toEqual([]);
	expect(amazonState().acknowledgements).toEqual([]);
	expect(ediState().vendorFiles).toEqual([
		expect.objectContaining({ name: '855.edi', outcome: 'unread', sets: [] }),
	]);
});

it('rejects an interchange whose ISA13 it has seen from that sender (TA1 025), and applies nothing of it', async () => {
	const before = await sftp.list('/inbound');
	await sftp.write('/outbound/first.edi', fixture('846-two-items.edi'));
	const [first] = await acksAfter(before);
	expect(pick(await sftp.read(`/inbound/${first}`), 'TA1', 'AK5')).toEqual([['AK5', 'A']]);

	const again = await sftp.list('/inbound');
	const repeated = fixture('846-two-items.edi').replace('QTY*33*140*EA', 'QTY*33*1*EA');
	await sftp.write('/outbound/repeat.edi', repeated);
	const [second] = await acksAfter(again);
	const text = await sftp.read(`/inbound/${second}`);
	expect(pick(text, 'TA1', 'AK5', 'AK9')).toEqual([
		[
			'TA1',
			'000000104',
			expect.stringMatching(/^\d{6}$/),
			expect.stringMatching(/^\d{4}$/),
			'R',
			'025',
		],
		['AK5', 'R', '5'],
		['AK9', 'R', '1', '1', '0'],
	]);
	expect(ediState().inventory[0].quantity).toBe(140);
	expect(ediState().vendorFiles[1]).toMatchObject({ outcome: 'rejected', interchangeCode: '025' });
	expect(ediState().vendorFiles[1].errors.join(' ')).toMatch(
		/ISA13 000000104 was already received/,
	);
});

it('duplicateControlNumber: the next file Amazon writes repeats the ISA13 of the one before', async () => {
	sandbox.control.addFaults([
		{ service: 'edi', operation: '850', type: 'duplicateControlNumber', count: 1 },
	]);
	sandbox.control.seed({
		amazon: { purchaseOrders: [{ ...SEED_ORDER, purchaseOrderNumber: 'SECONDPO' } as never] },
	});
	sandbox.control.seed({
		amazon: { purchaseOrders: [{ ...SEED_ORDER, purchaseOrderNumber: 'THIRDPO1' } as never] },
	});
	const files = await sftp.list('/inbound');
	expect(files).toEqual([
		`000000001_850_${PO}.edi`,
		'000000001_850_SECONDPO.edi',
		'000000002_850_THIRDPO1.edi',
	]);
	const isa13 = async (f: string) => (await sftp.read(`/inbound/${f}`)).split('*')[13];
	expect(await isa13(files[1])).toBe('000000001');
});

it('refuses unknown EDI fault types and bad partner seeds with a clear 400', async () => {
	const bad = await sandbox.ctl('POST', '/__sandbox/faults', {
		faults: [{ service: 'edi', type: 'lose997' }],
	});
	expect(bad.status).toBe(400);
	expect(bad.body.error).toMatch(/faults\[0\]\.type must be one of/);
	const seed = await sandbox.ctl('POST', '/__sandbox/edi', {
		partners: [{ vendorCode: 'X', id: 'A-VERY-LONG-ISA-ID' }],
	});
	expect(seed.status).toBe(400);
	expect(seed.body.error).toBe(
		'edi.partners[0].id must be a non-empty string of at most 15 characters.',
	);
	const twice = await sandbox.ctl('POST', '/__sandbox/edi', {
		partners: [{ vendorCode: 'OTHER', id: 'VENDOR01' }],
	});
	expect(twice.status).toBe(400);
	expect(twice.body.error).toBe('edi.partners: ZZ/VENDOR01 is both API01 and OTHER.');
});

it('rejects an interchange not addressed to Amazon (TA1 008), and does not answer a file that is not X12', async () => {
	const before = await sftp.list('/inbound');
	const elsewhere = fixture('846-two-items.edi').replace(
		'*ZZ*AMAZON         *',
		'*ZZ*WALMART        *',
	);
	await sftp.write('/outbound/elsewhere.edi', elsewhere);
	const [ack] = await acksAfter(before);
	expect(pick(await sftp.read(`/inbound/${ack}`), 'TA1')[0].slice(4)).toEqual(['R', '008']);
	expect(ediState().inventory).toEqual([]);

	const after = await sftp.list('/inbound');
	await sftp.write('/outbound/notes.edi', 'Not an interchange at all.');
	expect(await acksAfter(after)).toEqual([]);
	expect(await sftp.list('/outbound')).toEqual([]);
	expect(ediState().vendorFiles[1]).toMatchObject({ name: 'notes.edi', outcome: 'unreadable' });
});
