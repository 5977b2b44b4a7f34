/**
 * The EDI path end to end against the sandbox's Amazon EDI side, over its real SFTP mailbox: the
 * 850 Amazon writes is read by the package (readInbound, with the guide check) into the same
 * canonical purchase order as the SP-API path, acknowledged by the package's own rules
 * (buildAcknowledgement), written as an 855 (write855 + writeOutbound) and uploaded; Amazon's side
 * answers a 997 that accepts it and records the acknowledgement. Two independent implementations
 * (the package's writers and guides; the sandbox's node-x12 reading) must agree.
 */
import { readInbound } from '../../nodes/shared/domain/edi/inbound';
import { write855, writeOutbound } from '../../nodes/shared/domain/edi/outbound';
import { guideFor } from '../../nodes/shared/domain/edi/guides';
import { checkTransactionSet } from '../../nodes/shared/domain/x12/guideCheck';
import { build997, writeInterchange } from '../../nodes/shared/domain/x12';
import type { TestSandbox } from '../../sandbox/tests/helpers';
import {
	connectSftp,
	PARTNER,
	pick,
	PO,
	startEdiSandbox,
	type Sftp,
} from '../../sandbox/tests/ediHelpers';

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

const guideErrors = (
	set: Parameters<typeof checkTransactionSet>[0],
	group: { version: string },
) => {
	const guide = guideFor(set.id, group.version);
	return guide ? checkTransactionSet(set, guide) : [];
};

describe('the EDI path against the sandbox mailbox', () => {
	it("reads Amazon's 850, answers its 997, and gets an 855 accepted as the acknowledgement", async () => {
		const [name] = await sftp.list('/inbound');
		const text = await sftp.read(`/inbound/${name}`);
		const inbound = readInbound(text, { extraErrors: guideErrors });
		const [{ group, sets }] = inbound.groups;
		expect(sets.map((s) => [s.set.id, s.accepted, s.verdict.errors])).toEqual([['850', true, []]]);
		const document = sets[0].document as { kind: string; purchaseOrder: any };
		const po = document.purchaseOrder;
		expect(po.purchaseOrderNumber).toBe(PO);
		expect(po.items.map((i: any) => [i.itemSequenceNumber, i.orderedEaches, i.ediProduct])).toEqual(
			[
				['1', 12, { qualifier: 'BP', value: 'B07DFVDRAB' }],
				['2', 24, { qualifier: 'BP', value: 'B01LNRIIAB' }],
			],
		);

		// The 997 of Amazon's group goes back through outbound/.
		const ack997 = build997(
			group,
			sets.map((s) => s.verdict),
			500,
		);
		expect(pick(ack997ToText(ack997.transactionSet), 'AK1', 'AK9')).toEqual([
			['AK1', 'PO', group.controlNumber],
			['AK9', 'A', '1', '1', '1'],
		]);

		// Everything accepted, as Acknowledge PO's acknowledgement says it (the SP-API shape).
		const acknowledgement = {
			purchaseOrderNumber: po.purchaseOrderNumber,
			sellingParty: { partyId: PARTNER.vendorCode },
			acknowledgementDate: '2026-03-02T10:00:00Z',
			items: po.items.map((i: any) => ({
				itemSequenceNumber: i.itemSequenceNumber,
				amazonProductIdentifier: i.amazonProductIdentifier,
				vendorProductIdentifier: i.vendorProductIdentifier,
				orderedQuantity: i.orderedQuantity,
				netCost: i.netCost,
				itemAcknowledgements: [
					{
						acknowledgementCode: 'Accepted',
						acknowledgedQuantity: i.orderedQuantity,
						scheduledShipDate: '2026-03-06T10:00:00Z',
					},
				],
			})),
		};
		const set855 = write855({ acknowledgement, purchaseOrder: po });
		const out = writeOutbound({
			sets: [set855],
			sender: { qualifier: PARTNER.qualifier, id: PARTNER.id },
			receiver: { qualifier: 'ZZ', id: 'AMAZON' },
			groupSender: PARTNER.id,
			groupReceiver: 'AMAZON',
			controlNumbers: { interchange: 701, group: 701, firstSet: 701 },
			usage: 'T',
			date: new Date('2026-03-02T10:00:00Z'),
		});
		await sftp.write(`/outbound/855_${PO}.edi`, out);
		const answers = (await sftp.list('/inbound')).filter((f) => f.includes('_997_'));
		expect(answers).toHaveLength(1);
		const answer = await sftp.read(`/inbound/${answers[0]}`);
		expect(pick(answer, 'AK1', 'AK5', 'AK9')).toEqual([
			['AK1', 'PR', '701'],
			['AK5', 'A'],
			['AK9', 'A', '1', '1', '1'],
		]);
		const amazon = sandbox.control.state().amazon as any;
		expect(amazon.purchaseOrders[0].purchaseOrderState).toBe('Acknowledged');
		expect(amazon.acknowledgements).toHaveLength(1);
	});
});

function ack997ToText(
	set: Parameters<typeof writeInterchange>[0]['groups'][number]['transactionSets'][number],
) {
	return writeInterchange({
		sender: { qualifier: PARTNER.qualifier, id: PARTNER.id },
		receiver: { qualifier: 'ZZ', id: 'AMAZON' },
		controlNumber: 500,
		usage: 'T',
		at: new Date('2026-03-02T10:00:00Z'),
		groups: [
			{
				functionalId: 'FA',
				senderCode: PARTNER.id,
				receiverCode: 'AMAZON',
				controlNumber: 500,
				version: '004010',
				transactionSets: [set],
			},
		],
	} as never);
}
