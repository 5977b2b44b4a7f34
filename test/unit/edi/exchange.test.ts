/**
 * The EDI mailbox's two steps (nodes/shared/domain/edi/exchange): one inbound file read, sorted into
 * documents, 997 replies and exception rows; one outbound document written alone in an interchange
 * with the partnership's ids and one control number, read back by our reader and node-x12, checked
 * against its guide.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidInputError } from '../../../nodes/shared/domain/inputError';
import {
	GuideRefusal,
	partnerOf,
	readMailboxFile,
	writeDocument,
	type EdiPartner,
} from '../../../nodes/shared/domain/edi/exchange';
import { bodyOf, readBack } from '../../fixtures/edi-outbound/readBack';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures', name), 'utf8');
const PO_850 = fixture('edi-inbound/850-cases-and-eaches.edi');

const ACME: EdiPartner = partnerOf({
	ourQualifier: 'ZZ',
	ourId: 'ACMEVENDOR',
	amazonQualifier: 'ZZ',
	amazonId: 'AMAZON',
	usage: 'P',
});
const read = (text: string, partner = ACME) =>
	readMailboxFile(text, { partner, fileName: 'inbound/850_4711.edi' });

describe('partnerOf', () => {
	it('takes the group codes from the interchange ids when they are empty', () => {
		expect(ACME).toEqual({
			us: { qualifier: 'ZZ', id: 'ACMEVENDOR' },
			amazon: { qualifier: 'ZZ', id: 'AMAZON' },
			ourGroupCode: 'ACMEVENDOR',
			amazonGroupCode: 'AMAZON',
			usage: 'P',
		});
	});

	it.each([
		[{ ourQualifier: 'Z' }, 'credential.ourQualifier'],
		[{ ourId: '' }, 'credential.ourId'],
		[{ amazonId: 'A*B' }, 'credential.amazonId'],
		[{ ourId: 'X'.repeat(16) }, 'credential.ourId'],
		[{ usage: 'Q' }, 'credential.usage'],
	])('refuses %j naming %s', (change, path) => {
		const data = { ourQualifier: 'ZZ', ourId: 'V', amazonQualifier: 'ZZ', amazonId: 'AMAZON' };
		let thrown: unknown;
		try {
			partnerOf({ ...data, ...change });
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(InvalidInputError);
		expect((thrown as InvalidInputError).path).toBe(path);
	});
});

describe('readMailboxFile', () => {
	it('gives the 850 as the PO trigger would, and a 997 accepting its group', () => {
		const out = read(PO_850);
		expect(out.exceptions).toEqual([]);
		expect(out.documents).toHaveLength(1);
		const [doc] = out.documents;
		expect(doc.kind).toBe('purchaseOrder');
		expect(doc.purchaseOrder?.purchaseOrderNumber).toBe('4Z32PABC');
		expect(doc.purchaseOrder?.items.map((i) => i.ediProduct)).toEqual([
			{ qualifier: 'VN', value: 'ACME-MUG-BLUE' },
			{ qualifier: 'EN', value: '0614141000029' },
			{ qualifier: 'BP', value: 'B0C7654321' },
		]);
		expect(doc.envelope.groupControlNumber).toBe('4711');
		// BEG05 is a date only: the time is the group's (GS04/GS05) when the 850 was sent that day,
		// the end of BEG05's day when it was sent later.
		expect(doc.purchaseOrder?.purchaseOrderDate).toBe('2026-11-23T09:12:00Z');
		const nextDay = read(PO_850.replace('*20261123*0912*4711*', '*20261124*0912*4711*'));
		expect(nextDay.documents[0].purchaseOrder?.purchaseOrderDate).toBe('2026-11-23T23:59:59Z');
		expect(out.replies).toHaveLength(1);
		expect(out.replies[0]).toMatchObject({
			functionalId: 'PO',
			groupControlNumber: '4711',
			setsReceived: 1,
			setsAccepted: 1,
		});
		expect(out.replies[0].transactionSet.segments).toEqual([
			['AK1', 'PO', '4711'],
			['AK2', '850', '0001'],
			['AK5', 'A'],
			['AK9', 'A', 1, 1, 1],
		]);
	});

	it('rejects a set that breaks its guide: a 997 with AK3/AK4, an exception row, no document', () => {
		const broken = PO_850.replace('PO1*2*24*EA*3.15**EN', 'PO1*2*24*ZZ*3.15**EN');
		const out = read(broken);
		expect(out.documents).toEqual([]);
		expect(out.exceptions).toHaveLength(1);
		expect(out.exceptions[0]).toMatchObject({
			type: 'edi_set_rejected',
			purchaseOrderNumber: '4Z32PABC',
			ownerRole: 'operations',
		});
		expect(out.exceptions[0].reason).toContain('PO1');
		const segments = out.replies[0].transactionSet.segments;
		expect(segments.map((s) => s[0])).toEqual(['AK1', 'AK2', 'AK3', 'AK4', 'AK5', 'AK9']);
		expect(segments.find((s) => s[0] === 'AK4')).toEqual(
			expect.arrayContaining(['AK4', 3, undefined, '7', 'ZZ']),
		);
		expect(segments.at(-2)).toEqual(['AK5', 'R', '5']);
		expect(segments.at(-1)).toEqual(['AK9', 'R', 1, 1, 0]);
	});

	it('refuses an interchange addressed to someone else: nothing applied, no 997', () => {
		const out = read(PO_850, { ...ACME, us: { qualifier: 'ZZ', id: 'OTHERVENDOR' } });
		expect(out.documents).toEqual([]);
		expect(out.replies).toEqual([]);
		expect(out.exceptions).toHaveLength(1);
		expect(out.exceptions[0].type).toBe('edi_interchange_refused');
		expect(out.exceptions[0].reason).toContain('not to our ZZ/OTHERVENDOR');
	});

	it('refuses a file that is not an interchange, naming the file', () => {
		const out = read('hello');
		expect(out.documents).toEqual([]);
		expect(out.replies).toEqual([]);
		expect(out.exceptions[0].reason).toMatch(/^inbound\/850_4711\.edi is not applied.*ISA/);
	});

	it("reads Amazon's 997: a document, no reply to it, and an exception row when it rejects", () => {
		const vendorX = { ...ACME, us: { qualifier: 'ZZ', id: 'VENDORX' }, usage: 'T' as const };
		const accepting = fixture('edi/997-sample.edi');
		const ok = read(accepting, vendorX);
		expect(ok.replies).toEqual([]);
		expect(ok.exceptions).toEqual([]);
		expect(ok.documents[0].functionalAck).toMatchObject({
			functionalId: 'PR',
			groupControlNumber: '7',
			accepted: true,
		});
		const rejecting = accepting.replace('AK5*A~', 'AK5*R*5~').replace('AK9*A*1*1*1', 'AK9*R*1*1*0');
		const bad = read(rejecting, vendorX);
		expect(bad.documents).toHaveLength(1);
		expect(bad.exceptions).toHaveLength(1);
		expect(bad.exceptions[0].type).toBe('edi_rejected_by_amazon');
		expect(bad.exceptions[0].reason).toContain('855 0001 (AK5 codes 5)');
	});
});

describe('writeDocument', () => {
	const date = new Date('2026-12-07T10:30:00Z');

	it('writes the 997 of a reply with one control number for ISA13, GS06 and ST02', () => {
		const [reply] = read(PO_850).replies;
		const written = writeDocument({
			documentType: '997',
			source: { transactionSet: reply.transactionSet },
			controlNumber: 42,
			partner: ACME,
			date,
		});
		expect(written.fileName).toBe('997_PO4711_000000042.edi');
		expect(written.interchange.split('\n')[0]).toContain('*ZZ*ACMEVENDOR     *ZZ*AMAZON         *');
		const back = readBack(written.interchange);
		expect(back.interchange.header).toMatchObject({
			sender: { qualifier: 'ZZ', id: 'ACMEVENDOR' },
			receiver: { qualifier: 'ZZ', id: 'AMAZON' },
			controlNumber: '000000042',
			usage: 'P',
		});
		const [group] = back.interchange.groups;
		expect([group.functionalId, group.senderCode, group.receiverCode, group.controlNumber]).toEqual(
			['FA', 'ACMEVENDOR', 'AMAZON', '42'],
		);
		expect(group.transactionSets[0].controlNumber).toBe('0042');
		expect(bodyOf(back.sets[0])).toEqual([
			['AK1', 'PO', '4711'],
			['AK2', '850', '0001'],
			['AK5', 'A'],
			['AK9', 'A', '1', '1', '1'],
		]);
	});

	it('writes the 855 of an acknowledgement of the 850, echoing its product ids', () => {
		const po = read(PO_850).documents[0].purchaseOrder!;
		const line = (seq: string, id: object, amount: number, unit: string, cost: string) => ({
			itemSequenceNumber: seq,
			...id,
			orderedQuantity: { amount, unitOfMeasure: unit },
			netCost: { currencyCode: 'USD', amount: cost },
			itemAcknowledgements: [
				{ acknowledgementCode: 'Accepted', acknowledgedQuantity: { amount, unitOfMeasure: unit } },
			],
		});
		const acknowledgement = {
			purchaseOrderNumber: '4Z32PABC',
			sellingParty: { partyId: 'ACME1' },
			acknowledgementDate: '2026-11-23T10:00:00Z',
			items: [
				line('1', { vendorProductIdentifier: 'ACME-MUG-BLUE' }, 10, 'Cases', '4.20'),
				line('2', {}, 24, 'Eaches', '3.15'),
				line('3', { amazonProductIdentifier: 'B0C7654321' }, 6, 'Eaches', '9.99'),
			],
		};
		const written = writeDocument({
			documentType: '855',
			source: { acknowledgement, purchaseOrder: po },
			controlNumber: '7',
			partner: ACME,
			date,
		});
		expect(written.fileName).toBe('855_4Z32PABC_000000007.edi');
		const body = bodyOf(readBack(written.interchange).sets[0]);
		expect(body.filter((s) => s[0] === 'PO1').map((s) => s.slice(6, 8))).toEqual([
			['VN', 'ACME-MUG-BLUE'],
			['EN', '0614141000029'],
			['BP', 'B0C7654321'],
		]);
	});

	it('writes a 997 kept as JSON (a Data Table row): null elements are empty ones', () => {
		const broken = PO_850.replace('PO1*2*24*EA*3.15**EN', 'PO1*2*24*ZZ*3.15**EN');
		const [reply] = read(broken).replies;
		const kept = JSON.parse(JSON.stringify({ transactionSet: reply.transactionSet }));
		expect(JSON.stringify(kept)).toContain('null');
		const written = writeDocument({
			documentType: '997',
			source: kept,
			controlNumber: 43,
			partner: ACME,
			date,
		});
		const ak4 = bodyOf(readBack(written.interchange).sets[0]).find((s) => s[0] === 'AK4');
		expect(ak4).toEqual(['AK4', '3', '', '7', 'ZZ']);
	});

	it('refuses a document that fails its guide, and writes nothing', () => {
		const attempt = () =>
			writeDocument({
				documentType: '997',
				source: {
					transactionSet: {
						id: '997',
						segments: [
							['AK1', 'PO', '1'],
							['XX9', '1'],
						],
					},
				},
				controlNumber: 3,
				partner: ACME,
				date,
			});
		expect(attempt).toThrow(GuideRefusal);
		expect(attempt).toThrow(/XX9/);
	});

	it.each([0, 1e9, 'abc', undefined, 1.5])('refuses the control number %p', (controlNumber) => {
		const [reply] = read(PO_850).replies;
		let thrown: unknown;
		try {
			writeDocument({
				documentType: '997',
				source: { transactionSet: reply.transactionSet },
				controlNumber,
				partner: ACME,
				date,
			});
		} catch (error) {
			thrown = error;
		}
		expect((thrown as InvalidInputError).path).toBe('controlNumber');
	});
});
