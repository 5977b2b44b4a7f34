/**
 * Read EDI Interchange and Write EDI Interchange in n8n's real engine: a mailbox file (binary, as
 * the FTP node downloads it, or text) read into the PO trigger's event shape, its 997 reply written
 * with a control number from an expression, a rejected set and a document failing its guide sorted
 * onto their outputs, bad input stopping the node with the item, and the credential test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	INodeParameters,
} from 'n8n-workflow';
import { AmazonEdiTradingPartnerApi } from '../../credentials/AmazonEdiTradingPartnerApi.credentials';
import { ReadEdiInterchange } from '../../nodes/ReadEdiInterchange/ReadEdiInterchange.node';
import { WriteEdiInterchange } from '../../nodes/WriteEdiInterchange/WriteEdiInterchange.node';
import { readInterchange } from '../../nodes/shared/domain/x12';
import { TEST_ITEMS, packageType, runWorkflow, workflow } from '../helpers/workflowHarness';

const READ = packageType('readEdiInterchange');
const WRITE = packageType('writeEdiInterchange');
const PO_850 = readFileSync(
	join(__dirname, '../fixtures/edi-inbound/850-cases-and-eaches.edi'),
	'utf8',
);
const PARTNER = {
	ourQualifier: 'ZZ',
	ourId: 'ACMEVENDOR',
	amazonQualifier: 'ZZ',
	amazonId: 'AMAZON',
	ourGroupCode: '',
	amazonGroupCode: '',
	usage: 'P',
};
const options = (partner: IDataObject = PARTNER) => ({
	nodeTypes: { [READ]: ReadEdiInterchange, [WRITE]: WriteEdiInterchange },
	credentialTypes: [new AmazonEdiTradingPartnerApi()],
	credentials: { amazonEdiTradingPartnerApi: partner as Record<string, string> },
});

function readAndReply(files: INodeParameters[], readParameters: INodeParameters) {
	return workflow()
		.trigger('Trigger')
		.node('Files', TEST_ITEMS, { items: files })
		.node('Read EDI Interchange', READ, readParameters)
		.node('Write EDI Interchange', WRITE, {
			documentType: '997',
			source: '={{ $json.ediSource }}',
			controlNumber: '={{ 500 + $itemIndex }}',
		})
		.connect('Trigger', 'Files')
		.connect('Files', 'Read EDI Interchange')
		.connect('Read EDI Interchange', 'Write EDI Interchange', { output: 1 })
		.build();
}

describe('Read EDI Interchange and Write EDI Interchange', () => {
	it('reads a downloaded file into a new-PO event and writes the 997 that answers it', async () => {
		const wf = readAndReply([{}], { source: 'binary', binaryProperty: 'data' });
		wf.pinData = {
			Files: [
				{
					json: { name: '850_4711.edi', path: '/inbound/850_4711.edi' },
					binary: {
						data: {
							data: Buffer.from(PO_850).toString('base64'),
							mimeType: 'application/edi-x12',
							fileName: '850_4711.edi',
						},
					},
				},
			],
		};
		const run = await runWorkflow(wf, options());
		expect(run.status).toBe('success');
		const [documents, replies, exceptions] = run.outputs('Read EDI Interchange');
		expect(exceptions).toEqual([]);
		expect(documents).toHaveLength(1);
		expect(documents[0].json).toMatchObject({
			event: 'new',
			eventKey: 'edi:000004711:0001',
			document: 'purchaseOrder',
			fileName: '850_4711.edi',
			purchaseOrderNumber: '4Z32PABC',
		});
		expect((documents[0].json.items as IDataObject[]).length).toBe(3);
		expect(replies[0].json).toMatchObject({ document: '997', setsAccepted: 1 });
		const [written, refused] = run.outputs('Write EDI Interchange');
		expect(refused).toEqual([]);
		expect(written[0].json).toMatchObject({
			documentType: '997',
			controlNumber: 500,
			fileName: '997_PO4711_000000500.edi',
		});
		const back = readInterchange(String(written[0].json.interchange));
		expect(back.header.controlNumber).toBe('000000500');
		expect(back.groups[0].transactionSets[0].segments.map((s) => s.id)).toEqual([
			'ST',
			'AK1',
			'AK2',
			'AK5',
			'AK9',
			'SE',
		]);
	});

	it('puts a rejected set on Exceptions and answers it with a rejecting 997', async () => {
		const broken = PO_850.replace('PO1*2*24*EA', 'PO1*2*24*ZZ');
		const wf = readAndReply([{ interchange: broken, name: '850_bad.edi' }], {
			source: 'field',
			textField: 'interchange',
		});
		const run = await runWorkflow(wf, options());
		expect(run.status).toBe('success');
		const [documents, replies, exceptions] = run.outputs('Read EDI Interchange');
		expect(documents).toEqual([]);
		expect(
			exceptions.map((e) => [e.json.type, e.json.purchaseOrderNumber, e.json.fileName]),
		).toEqual([['edi_set_rejected', '4Z32PABC', '850_bad.edi']]);
		expect(replies[0].json.setsAccepted).toBe(0);
		const [written] = run.outputs('Write EDI Interchange');
		expect(String(written[0].json.interchange)).toContain('AK5*R*5~');
	});

	it('applies an 860 to the purchase order kept in the Previous Purchase Orders Field', async () => {
		const first = await runWorkflow(
			readAndReply([{ interchange: PO_850 }], { source: 'field' }),
			options(),
		);
		const po = first.outputs('Read EDI Interchange')[0][0].json;
		const change = readFileSync(
			join(__dirname, '../fixtures/edi-inbound/860-change-4Z32PABC.edi'),
			'utf8',
		);
		const parameters = { source: 'field', options: { previousField: 'kept' } };
		const known = await runWorkflow(
			readAndReply([{ interchange: change, kept: [po] } as INodeParameters], parameters),
			options(),
		);
		const [documents, replies, exceptions] = known.outputs('Read EDI Interchange');
		expect(exceptions).toEqual([]);
		expect(documents[0].json).toMatchObject({
			event: 'changed',
			document: 'change',
			purchaseOrderNumber: '4Z32PABC',
			previousPurchaseOrder: { purchaseOrderNumber: '4Z32PABC' },
		});
		// Line 1 cut from 10 to 8 cases; line 4 added.
		const items = documents[0].json.items as IDataObject[];
		expect((items[0].orderedQuantity as IDataObject).amount).toBe(8);
		expect(items.map((i) => i.itemSequenceNumber)).toContain('4');
		expect(replies[0].json.setsAccepted).toBe(1);
		// A change to a purchase order not kept is rejected, and nothing of it is given.
		const unknown = await runWorkflow(
			readAndReply([{ interchange: change, kept: [] } as INodeParameters], parameters),
			options(),
		);
		const [none, , rejected] = unknown.outputs('Read EDI Interchange');
		expect(none).toEqual([]);
		expect(rejected.map((e) => [e.json.type, e.json.purchaseOrderNumber])).toEqual([
			['edi_set_rejected', '4Z32PABC'],
		]);
	});

	it('stops naming the item when the text field holds no text', async () => {
		const wf = readAndReply([{ interchange: PO_850 }, { other: 1 }], {
			source: 'field',
			textField: 'interchange',
		});
		const run = await runWorkflow(wf, options());
		expect(run.status).toBe('error');
		expect(run.errorNode).toBe('Read EDI Interchange');
		expect(run.error?.message).toBe('The field interchange must hold the interchange text');
		expect(run.error?.context).toMatchObject({ itemIndex: 1 });
	});

	it('stops on a credential field the envelope cannot carry', async () => {
		const wf = readAndReply([{ interchange: PO_850 }], { source: 'field' });
		const run = await runWorkflow(wf, options({ ...PARTNER, ourId: '' }));
		expect(run.status).toBe('error');
		expect(run.error?.message).toContain('credential field ourId must be 1 to 15');
	});

	function writeOne(source: object, controlNumber: string, onError?: 'continueRegularOutput') {
		return workflow()
			.trigger('Trigger')
			.node('Documents', TEST_ITEMS, { items: [source as INodeParameters] })
			.node(
				'Write EDI Interchange',
				WRITE,
				{ documentType: '997', source: '={{ $json }}', controlNumber },
				onError ? { onError } : {},
			)
			.connect('Trigger', 'Documents')
			.connect('Documents', 'Write EDI Interchange')
			.build();
	}

	it('sends a document that fails its guide to Refused as an exception row, and writes nothing', async () => {
		const bad = {
			transactionSet: {
				id: '997',
				segments: [
					['AK1', 'PO', '1'],
					['ZZZ', '1'],
				],
			},
		};
		const run = await runWorkflow(writeOne(bad, '7'), options());
		expect(run.status).toBe('success');
		const [written, refused] = run.outputs('Write EDI Interchange');
		expect(written).toEqual([]);
		expect(refused[0].json).toMatchObject({
			type: 'edi_document_refused',
			ownerRole: 'operations',
		});
		expect(String(refused[0].json.reason)).toContain('ZZZ');
	});

	it('stops naming the field when the control number is missing', async () => {
		const [reply] = [{ transactionSet: { id: '997', segments: [['AK1', 'PO', '1']] } }];
		const run = await runWorkflow(writeOne(reply, '={{ $json.id }}'), options());
		expect(run.status).toBe('error');
		expect(run.error?.message).toContain('(field controlNumber)');
		expect(run.error?.context).toMatchObject({ itemIndex: 0 });
	});

	it('puts bad input on Refused too when the node is set to continue on error', async () => {
		const reply = { transactionSet: { id: '997', segments: [['AK1', 'PO', '1']] } };
		const run = await runWorkflow(
			writeOne(reply, '={{ $json.id }}', 'continueRegularOutput'),
			options(),
		);
		expect(run.status).toBe('success');
		const [written, refused] = run.outputs('Write EDI Interchange');
		expect(written).toEqual([]);
		expect(refused[0].json.type).toBe('edi_document_refused');
		expect(JSON.parse(String(refused[0].json.details)).field).toBe('controlNumber');
	});

	it('tests the credential by its fields', async () => {
		const test = new ReadEdiInterchange().methods.credentialTest.ediPartnerTest;
		const call = (data: IDataObject) =>
			test.call({} as ICredentialTestFunctions, { data } as unknown as ICredentialsDecrypted);
		await expect(call(PARTNER)).resolves.toEqual({
			status: 'OK',
			message: 'We are ZZ/ACMEVENDOR, Amazon is ZZ/AMAZON (usage P)',
		});
		await expect(call({ ...PARTNER, amazonQualifier: 'ZZZ' })).resolves.toMatchObject({
			status: 'Error',
			message: expect.stringContaining('amazonQualifier'),
		});
	});
});
