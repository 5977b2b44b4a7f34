/**
 * Post Remittance Journal: the three sources (Vendor Central CSV export as text and as a file, X12
 * 820, Finances Invoices API against the sandbox), every deduction family, holds, matching with the
 * ERP's open invoices and idempotence; once through n8n's real engine. Every journal the node emits
 * is checked for balance (debits = credits exactly, one side per line, bank = the payment amount).
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import {
	add,
	equals,
	parseDecimal,
	toDecimalString,
	type Decimal,
} from '../../nodes/shared/domain/money';
import type { JournalEntry, JournalLine } from '../../nodes/shared/domain/remittance/journal';
import { PostRemittanceJournal } from '../../nodes/PostRemittanceJournal/PostRemittanceJournal.node';
import { createContext, type CredentialStore } from '../helpers/n8nContext';
import { startPackageSandbox, type PackageSandbox } from '../helpers/sandbox';
import { TEST_ITEMS, packageType, runWorkflow, workflow } from '../helpers/workflowHarness';
import { expectBalanced } from '../unit/remittance/helpers';

const NODE_TYPE = packageType('postRemittanceJournal');
const DAY = 86_400_000;
const day = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 10);

const ACCOUNT_PARAMETERS = {
	accountsSource: 'parameters',
	bankAccount: '1000 Bank',
	receivableAccount: '1200 Accounts Receivable',
	termsDiscountAccount: '4910 Terms Discount',
	roundingAccount: '8990 Rounding',
	suspenseAccount: '1999 Suspense',
	deductionAccounts: {
		mappings: [
			{ type: 'shortageClaim', account: '4920 Shortage Claims' },
			{ type: 'priceClaim', account: '4930 Price Claims' },
			{ type: 'chargeback', account: '6150 Chargebacks' },
			{ type: 'coopAgreement', account: '6100 Co-op' },
			{ type: 'priceProtection', account: '4940 Price Protection' },
			{ type: 'provisionForReceivables', account: '1250 Amazon Provision' },
			{ type: 'returns', account: '4950 Returns' },
			{ type: 'freightAllowance', account: '6300 Freight' },
			{ type: 'storageFee', account: '6200 Storage Fees' },
		],
	},
};

const BASE_PARAMETERS = {
	source: 'csv',
	readFrom: 'text',
	...ACCOUNT_PARAMETERS,
	unknownLines: 'holdPayment',
	replaceDefaultRules: false,
	skipPosted: true,
	csvOptions: {},
	options: {},
};

interface RunOptions {
	items?: INodeExecutionData[];
	openInvoices?: IDataObject[];
	accounts?: IDataObject[];
	staticData?: IDataObject;
	continueOnFail?: boolean;
	store?: CredentialStore;
}

/** Sums decimal strings exactly. */
const total = (values: string[]): string =>
	toDecimalString(values.reduce<Decimal>((sum, v) => add(sum, parseDecimal(v)), parseDecimal('0')));

/** Balance of one payment item of the Journal output; returns it as a JournalEntry. */
function checkPaymentItem(json: IDataObject): JournalEntry {
	const entry = expectBalanced({
		lines: json.journalLines,
		summary: json.summary,
	} as unknown as JournalEntry);
	const bank = entry.lines.filter((l) => l.type === 'bank').map((l) => l.amount);
	expect(equals(parseDecimal(total(bank)), parseDecimal(String(json.amount)))).toBe(true);
	for (const line of entry.lines) {
		expect(line).toMatchObject({
			paymentNumber: json.paymentNumber,
			date: json.paymentDate,
			currency: json.currency,
		});
		expect(Object.keys(line).sort()).toEqual(
			[
				'account',
				'amount',
				'credit',
				'currency',
				'date',
				'debit',
				'invoiceNumber',
				'memo',
				'paymentNumber',
				'postingType',
				'purchaseOrderNumber',
				'reference',
				'sourcePosition',
				'type',
			].sort(),
		);
	}
	return entry;
}

/** Every journal the node emitted balances: per payment item, or per payment in one-item-per-line mode. */
function checkAllBalanced(journal: INodeExecutionData[]): void {
	const lineItems = journal.filter((i) => !i.json.runSummary && i.json.journalLines === undefined);
	for (const item of journal) {
		if (item.json.journalLines !== undefined) checkPaymentItem(item.json);
		expect(item.pairedItem).toBeDefined();
	}
	const byPayment = new Map<string, JournalLine[]>();
	for (const item of lineItems) {
		const line = item.json as unknown as JournalLine;
		byPayment.set(line.paymentNumber, [...(byPayment.get(line.paymentNumber) ?? []), line]);
	}
	for (const lines of byPayment.values()) {
		const debit = total(lines.map((l) => l.debit));
		const credit = total(lines.map((l) => l.credit));
		expect(debit).toBe(credit);
	}
}

async function runNode(parameters: Record<string, unknown>, options: RunOptions = {}) {
	const items: INodeExecutionData[] = options.items ?? [{ json: {} }];
	const ctx = createContext({
		store: options.store ?? { data: {}, preAuthCalls: [] },
		items,
		parameters: { ...BASE_PARAMETERS, ...parameters },
		staticData: options.staticData,
		continueOnFail: options.continueOnFail,
		node: { name: 'Post Remittance Journal', type: NODE_TYPE },
	});
	const getInputData = ctx.getInputData;
	ctx.getInputData = (inputIndex = 0) =>
		inputIndex === 1
			? (options.openInvoices ?? []).map((json) => ({ json }))
			: inputIndex === 2
				? (options.accounts ?? []).map((json) => ({ json }))
				: getInputData(0);
	(ctx.helpers as unknown as Record<string, unknown>).getBinaryDataBuffer = async (
		itemIndex: number,
		property: string,
	) => {
		const binary = items[itemIndex].binary?.[property];
		if (!binary) throw new Error(`no binary ${property}`);
		return Buffer.from(binary.data, 'base64');
	};
	const [journal, exceptions] = await new PostRemittanceJournal().execute.call(ctx);
	checkAllBalanced(journal);
	for (const item of exceptions) expect(item.pairedItem).toBeDefined();
	return { journal, exceptions };
}

const csvRun = (csv: string, parameters: Record<string, unknown> = {}, options: RunOptions = {}) =>
	runNode({ text: csv, ...parameters }, options);

/** `[account, debit, credit, type]` of a payment item's journal lines. */
const postings = (json: IDataObject) =>
	(json.journalLines as JournalLine[]).map((l) => [l.account, l.debit, l.credit, l.type]);
/** Net (debit - credit) per account. */
function netByAccount(json: IDataObject): Record<string, string> {
	const result: Record<string, string> = {};
	for (const line of json.journalLines as JournalLine[])
		result[line.account] = total([result[line.account] ?? '0', line.amount]);
	return result;
}
const byPaymentNumber = (items: INodeExecutionData[], paymentNumber: string) =>
	items.find((i) => i.json.paymentNumber === paymentNumber)!.json;

const HEADER =
	'Payment Number,Payment Date,Invoice Number,Invoice Date,Description,Invoice ' +
	'Currency,Invoice Amount,Terms Discount Taken,Amount Paid,Remaining Amount';
const csvOf = (rows: string[], header = HEADER) => `${header}\r\n${rows.join('\r\n')}\r\n`;

// ---------------------------------------------------------------------------------------------
// X12 820
// ---------------------------------------------------------------------------------------------

/** ISA of exactly 106 characters: element `*`, component `>`, segment `~`. */
const ISA =
	'ISA*00*          *00*          *ZZ*AMAZON         *ZZ*ACMEVENDOR     *240115*1200*U*00401*000000123*0*P*>~';

/** One transaction set; SE01 is counted. */
function transactionSet(control: string, body: string[]): string[] {
	const segments = [`ST*820*${control}`, ...body];
	return [...segments, `SE*${segments.length + 1}*${control}`];
}

function interchange(sets: string[][]): string {
	const segments = [
		'GS*RA*AMAZON*ACMEVENDOR*20240115*1200*123*X*004010',
		...sets.flat(),
		`GE*${sets.length}*123`,
		'IEA*1*000000123',
	];
	return `${ISA}\n${segments.join('~\n')}~\n`;
}

const X12_PAYMENT_1 = transactionSet('0001', [
	'BPR*C*3361.9*C*ACH*CCP*01*021000021*DA*123456789*1234567890**01*026009593*DA*987654321*20240115',
	'TRN*1*40001234*1234567890',
	'N1*PR*AMAZON.COM SERVICES LLC',
	'N1*PE*ACME WIDGETS INC*92*ACMEV',
	'ENT*1',
	'RMR*IV*10001**980*1000*20',
	'REF*PO*1AB2C3D4',
	'DTM*003*20231120',
	'RMR*IV*10002**2500*2500',
	'REF*PO*2BC3D4E5',
	'RMR*IV*10003**950*1000',
	'REF*PO*3CD4E5F6',
	'DTM*003*20231201',
	'ADX*-50*06',
	'RMR*IV*10004PC**-12.5',
	'DTM*003*20231220',
	'RMR*IV*83265481VCBSINV**-45.6',
	'RMR*IV*7110-23456789**-300',
	'RMR*IV*IPAPUS1234567**-210',
	'RMR*IV*40001233-PROVISION FOR RECEIVABLES**-500',
]);
const X12_PAYMENT_2 = transactionSet('0002', [
	'BPR*C*950*C*ACH*CCP*01*021000021*DA*123456789*1234567890**01*026009593*DA*987654321*20240122',
	'TRN*1*40001300*1234567890',
	'ENT*1',
	'RMR*IV*INV-10001SC**-125',
	'DTM*003*20240110',
	'RMR*IV*INV-10001SCR**125',
	'RMR*IV*INV-10001SCRSC**-50',
	'RMR*IV*10005**1000*1000',
]);

// ---------------------------------------------------------------------------------------------

describe('Post Remittance Journal', () => {
	let sandbox: PackageSandbox;
	beforeAll(async () => {
		sandbox = await startPackageSandbox();
	});
	afterAll(async () => {
		await sandbox.close();
	});
	beforeEach(() => {
		sandbox.control.reset();
	});

	describe('Vendor Central CSV export', () => {
		it(
			'posts both default payments from CSV text: every line, balanced, with ' +
				'quick-pay discount, reversal pair and provision',
			async () => {
				sandbox.control.seed({ amazon: { payments: 'default' } } as never);
				const csv = sandbox.control.remittanceCsv();
				const { journal, exceptions } = await csvRun(csv);
				expect(exceptions).toEqual([]);
				expect(
					journal.map((i) => [
						i.json.paymentNumber,
						i.json.paymentDate,
						i.json.amount,
						i.json.source,
					]),
				).toEqual([
					['40001234', day(35), '3014.40', 'csv'],
					['40001399', day(7), '3768.00', 'csv'],
				]);
				const first = journal[0].json;
				expect(postings(first)).toEqual([
					['1000 Bank', '3014.40', '0.00', 'bank'],
					['1200 Accounts Receivable', '0.00', '1250.00', 'invoicePayment'],
					['1200 Accounts Receivable', '0.00', '2000.00', 'invoicePayment'],
					['4910 Terms Discount', '40.00', '0.00', 'termsDiscount'],
					['1200 Accounts Receivable', '0.00', '650.00', 'invoicePayment'],
					['6100 Co-op', '300.00', '0.00', 'coopAgreement'],
					['6150 Chargebacks', '45.60', '0.00', 'chargeback'],
					['1250 Amazon Provision', '500.00', '0.00', 'provisionForReceivables'],
				]);
				expect(first.summary).toMatchObject({
					paid: '3014.40',
					invoicesSettled: '3900.00',
					discount: '40.00',
					deductionsTotal: '845.60',
					totalDebit: '3900.00',
					totalCredit: '3900.00',
				});
				// Quick pay: the invoice is cleared in full (2,000.00), the 40.00 discount is an expense.
				const quickPay = (first.journalLines as JournalLine[]).filter(
					(l) => l.reference === 'INV-10002',
				);
				expect(quickPay.map((l) => [l.account, l.amount, l.invoiceNumber])).toEqual([
					['1200 Accounts Receivable', '-2000.00', 'INV-10002'],
					['4910 Terms Discount', '40.00', 'INV-10002'],
				]);

				const second = journal[1].json;
				expect((second.summary as IDataObject).deductedByType).toEqual({
					shortageClaim: '125.00',
					shortageClaimReversal: '-125.00',
					revisedShortageClaim: '50.00',
					priceClaim: '72.00',
					priceProtection: '210.00',
					provisionRelease: '-500.00',
				});
				// The claim and its reversal net out on the shortage account; only the revised claim remains.
				const net = netByAccount(second);
				expect(net['4920 Shortage Claims']).toBe('50.00');
				expect(net['1250 Amazon Provision']).toBe('-500.00');
				const claims = (second.journalLines as JournalLine[]).filter((l) =>
					l.reference.startsWith('INV-10001S'),
				);
				expect(
					claims.map((l) => [l.reference, l.debit, l.credit, l.invoiceNumber, l.memo]),
				).toEqual([
					[
						'INV-10001SC',
						'125.00',
						'0.00',
						'INV-10001',
						'Amazon remittance 40001399: shortage claim INV-10001SC',
					],
					[
						'INV-10001SCR',
						'0.00',
						'125.00',
						'INV-10001',
						'Amazon remittance 40001399: shortage claim reversal INV-10001SCR',
					],
					[
						'INV-10001SCRSC',
						'50.00',
						'0.00',
						'INV-10001',
						'Amazon remittance 40001399: revised shortage claim INV-10001SCRSC',
					],
				]);
				// Claims carry a 30-day dispute window from their claim date.
				const disputes = (second.matching as IDataObject).disputes as IDataObject[];
				expect(disputes.map((d) => [d.reference, d.invoiceNumber, d.amount, d.claimDate])).toEqual([
					['INV-10001SC', 'INV-10001', '-125.00', day(20)],
					['INV-10001SCRSC', 'INV-10001', '-50.00', day(12)],
					['INV-10004PC', 'INV-10004', '-72.00', day(15)],
				]);
				expect(disputes[0].open).toBe(true);
			},
		);

		it(
			'reads the same export from a binary file (UTF-16 with BOM, as Excel saves it) ' +
				'with the same figures',
			async () => {
				sandbox.control.seed({ amazon: { payments: 'default' } } as never);
				const csv = sandbox.control.remittanceCsv(undefined, { dateFormat: 'us' });
				const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]);
				const item: INodeExecutionData = {
					json: { fileName: 'remittance.csv' },
					binary: {
						file: {
							data: utf16.toString('base64'),
							mimeType: 'text/csv',
							fileName: 'remittance.csv',
						},
					},
				};
				const fromFile = await runNode(
					{ readFrom: 'binary', binaryPropertyName: 'file' },
					{ items: [item] },
				);
				const fromText = await csvRun(sandbox.control.remittanceCsv());
				expect(fromFile.exceptions).toEqual([]);
				expect(fromFile.journal.map((i) => i.json.journalLines)).toEqual(
					fromText.journal.map((i) => i.json.journalLines),
				);
				expect(fromFile.journal.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);

				await expect(
					runNode({ readFrom: 'binary', binaryPropertyName: 'data' }, { items: [item] }),
				).rejects.toThrow('Item 0 has no binary field "data"');
			},
		);

		it('classifies every deduction family of the default rules to its account', async () => {
			const header = `${HEADER},Reason Code`;
			const rows = [
				'P-100,2024-03-01,10001,2024-01-05,Invoice,USD,"1,000.00",0.00,"1,000.00",0.00,',
				'P-100,2024-03-01,10001SC,2024-02-01,Shortage claim,USD,-10.00,0.00,-10.00,0.00,',
				'P-100,2024-03-01,10001SCR,2024-02-10,Shortage claim reversal,USD,10.00,0.00,10.00,0.00,',
				'P-100,2024-03-01,10001SCRSC,2024-02-12,Revised shortage claim,USD,-4.00,0.00,-4.00,0.00,',
				'P-100,2024-03-01,10001PC,2024-02-02,Price claim,USD,-3.00,0.00,-3.00,0.00,',
				'P-100,2024-03-01,83265481VCBSINV,2024-02-03,Operational chargeback,USD,-5.00,0.00,-5.00,0.00,',
				'P-100,2024-03-01,7110-23456789,2024-02-04,Co-op,USD,-6.00,0.00,-6.00,0.00,',
				'P-100,2024-03-01,IPAPUS1234567,2024-02-05,Price protection,USD,-7.00,0.00,-7.00,0.00,',
				'P-100,2024-03-01,P-99-PROVISION FOR RECEIVABLES,2024-02-06,Provision,USD,-8.00,0.00,-8.00,0.00,',
				'P-100,2024-03-01,P-98-PROVISION FOR RECEIVABLES,2024-02-06,Provision release,USD,9.00,0.00,9.00,0.00,',
				'P-100,2024-03-01,RET-1,2024-02-07,Customer returns,USD,-11.00,0.00,-11.00,0.00,12',
				'P-100,2024-03-01,FRT-1,2024-02-08,Freight,USD,-12.00,0.00,-12.00,0.00,54',
				'P-100,2024-03-01,DA-2024-01,2024-02-09,Damage allowance,USD,-13.00,0.00,-13.00,0.00,',
				'P-100,2024-03-01,QP-1,2024-02-09,Quick pay discount,USD,-14.00,0.00,-14.00,0.00,',
			];
			const { journal, exceptions } = await csvRun(csvOf(rows, header));
			expect(exceptions).toEqual([]);
			const json = journal[0].json;
			expect(json.amount).toBe('926.00');
			const lines = (json.journalLines as JournalLine[]).filter((l) => l.type !== 'bank');
			expect(lines.map((l) => [l.reference, l.type, l.account, l.amount])).toEqual([
				['10001', 'invoicePayment', '1200 Accounts Receivable', '-1000.00'],
				['10001SC', 'shortageClaim', '4920 Shortage Claims', '10.00'],
				['10001SCR', 'shortageClaimReversal', '4920 Shortage Claims', '-10.00'],
				['10001SCRSC', 'revisedShortageClaim', '4920 Shortage Claims', '4.00'],
				['10001PC', 'priceClaim', '4930 Price Claims', '3.00'],
				['83265481VCBSINV', 'chargeback', '6150 Chargebacks', '5.00'],
				['7110-23456789', 'coopAgreement', '6100 Co-op', '6.00'],
				['IPAPUS1234567', 'priceProtection', '4940 Price Protection', '7.00'],
				[
					'P-99-PROVISION FOR RECEIVABLES',
					'provisionForReceivables',
					'1250 Amazon Provision',
					'8.00',
				],
				['P-98-PROVISION FOR RECEIVABLES', 'provisionRelease', '1250 Amazon Provision', '-9.00'],
				['RET-1', 'returns', '4950 Returns', '11.00'],
				['FRT-1', 'freightAllowance', '6300 Freight', '12.00'],
				['DA-2024-01', 'damageAllowance', '6100 Co-op', '13.00'],
				['QP-1', 'quickPayDiscount', '4910 Terms Discount', '14.00'],
			]);
			expect((json.summary as IDataObject).discount).toBe('14.00');
		});

		it(
			'sends a payment whose lines do not add up to Exceptions with the difference, ' +
				'and posts the others',
			async () => {
				const header = `${HEADER},Payment Amount`;
				const rows = [
					'P-1,2024-03-01,20001,2024-01-05,Invoice,USD,500.00,0.00,500.00,0.00,480.00',
					'P-1,2024-03-01,20001SC,2024-02-01,Shortage claim,USD,-19.90,0.00,-19.90,0.00,480.00',
					'P-2,2024-03-02,20002,2024-01-06,Invoice,USD,300.00,0.00,300.00,0.00,300.00',
				];
				const { journal, exceptions } = await csvRun(csvOf(rows, header));
				expect(journal.map((i) => i.json.paymentNumber)).toEqual(['P-2']);
				expect(exceptions).toHaveLength(1);
				expect(exceptions[0].json).toMatchObject({
					paymentNumber: 'P-1',
					reason: 'doesNotAddUp',
					held: 'payment',
					amount: '480.00',
					linesTotal: '480.10',
					difference: '-0.10',
				});
				expect(exceptions[0].json.message).toContain('difference -0.10');
				expect((exceptions[0].json.lines as IDataObject[]).map((l) => l.reference)).toEqual([
					'20001',
					'20001SC',
				]);
				expect(exceptions[0].pairedItem).toEqual({ item: 0 });

				// Within a rounding tolerance, the difference is posted to the rounding account instead.
				const tolerant = await csvRun(csvOf(rows, header), {
					options: { roundingTolerance: '0.10' },
				});
				expect(tolerant.exceptions).toEqual([]);
				expect(postings(byPaymentNumber(tolerant.journal, 'P-1'))).toContainEqual([
					'8990 Rounding',
					'0.10',
					'0.00',
					'rounding',
				]);
			},
		);

		it('gives every Exceptions item its exception-queue row, and every journal line its key', async () => {
			const rows = [
				'P-7,2024-03-01,30001,2024-01-05,Invoice,USD,700.00,0.00,700.00,0.00',
				'P-7,2024-03-01,ADJ 2024/7,2024-02-01,Adjustment,USD,-25.00,0.00,-25.00,0.00',
				'P-8,2024-03-02,30002,2024-01-06,Invoice,USD,100.00,0.00,100.00,0.00',
			];
			const options = { queueRow: true, outputMode: 'line' };
			const known = await csvRun(csvOf(rows), { unknownLines: 'postKnown', options });
			expect(known.journal.map((i) => [i.json.journalKey, i.json.type])).toEqual([
				['P-7/001', 'bank'],
				['P-7/002', 'invoicePayment'],
				['P-7/003', 'suspense'],
				['P-8/001', 'bank'],
				['P-8/002', 'invoicePayment'],
			]);
			expect(known.exceptions).toHaveLength(1);
			const row = known.exceptions[0].json.queueRow as IDataObject;
			expect(row).toMatchObject({
				type: 'remittance_unknown_line',
				purchaseOrderNumber: '',
				ownerRole: 'finance',
			});
			expect(row.reason).toMatch(/ADJ 2024\/7/);
			expect(row.reason).toMatch(/The rest of the payment is in the ledger\. Move these lines/);
			expect(JSON.parse(String(row.details))).toMatchObject({
				paymentNumber: 'P-7',
				reason: 'unknownLines',
				held: 'lines',
				lines: [{ reference: 'ADJ 2024/7', problem: 'unknown', paid: '-25.00' }],
			});

			const held = await csvRun(csvOf(rows), { options: { queueRow: true } });
			const heldRow = held.exceptions[0].json.queueRow as IDataObject;
			expect(heldRow.reason).toMatch(/Nothing of this payment is in the ledger yet\./);
			expect(JSON.parse(String(heldRow.details)).lines).toEqual([
				expect.objectContaining({ reference: 'ADJ 2024/7' }),
			]);
			expect((await csvRun(csvOf(rows))).exceptions[0].json.queueRow).toBeUndefined();
		});

		it(
			'holds the whole payment for an unknown reference, or posts the known part ' +
				'with the line on suspense',
			async () => {
				const rows = [
					'P-7,2024-03-01,30001,2024-01-05,Invoice,USD,700.00,0.00,700.00,0.00',
					'P-7,2024-03-01,ADJ 2024/7,2024-02-01,Adjustment,USD,-25.00,0.00,-25.00,0.00',
					'P-8,2024-03-02,30002,2024-01-06,Invoice,USD,100.00,0.00,100.00,0.00',
				];
				const held = await csvRun(csvOf(rows));
				expect(held.journal.map((i) => i.json.paymentNumber)).toEqual(['P-8']);
				expect(
					held.exceptions.map((e) => [e.json.paymentNumber, e.json.reason, e.json.held]),
				).toEqual([['P-7', 'unknownLines', 'payment']]);
				expect(held.exceptions[0].json.lines).toEqual([
					expect.objectContaining({
						reference: 'ADJ 2024/7',
						problem: 'unknown',
						type: '',
						paid: '-25.00',
						sourcePosition: 3,
					}),
				]);

				const known = await csvRun(csvOf(rows), { unknownLines: 'postKnown' });
				expect(known.journal.map((i) => i.json.paymentNumber)).toEqual(['P-7', 'P-8']);
				const p7 = known.journal[0].json;
				expect(postings(p7)).toEqual([
					['1000 Bank', '675.00', '0.00', 'bank'],
					['1200 Accounts Receivable', '0.00', '700.00', 'invoicePayment'],
					['1999 Suspense', '25.00', '0.00', 'suspense'],
				]);
				expect((p7.summary as IDataObject).heldOnSuspense).toBe('-25.00');
				expect(
					known.exceptions.map((e) => [e.json.paymentNumber, e.json.reason, e.json.held]),
				).toEqual([['P-7', 'unknownLines', 'lines']]);

				// An operator rule recognises it; rules come before the defaults.
				const ruled = await csvRun(csvOf(rows), {
					rules: {
						rule: [
							{
								id: 'manual-adjustments',
								matchOn: 'referencePattern',
								value: '^ADJ ',
								amountSign: 'negative',
								type: 'chargeback',
								invoiceReference: 'none',
							},
						],
					},
				});
				expect(ruled.exceptions).toEqual([]);
				expect(postings(ruled.journal[0].json)).toContainEqual([
					'6150 Chargebacks',
					'25.00',
					'0.00',
					'chargeback',
				]);
				expect(
					(ruled.journal[0].json.journalLines as JournalLine[]).find((l) => l.type === 'chargeback')
						?.memo,
				).toBe('Amazon remittance P-7: chargeback ADJ 2024/7');

				// The same as a JSON rule (several conditions, all of which must hold).
				const json = await csvRun(csvOf(rows), {
					options: {
						rulesJson: JSON.stringify([
							{
								id: 'adj',
								match: {
									referencePattern: '^ADJ ',
									descriptionKeyword: 'adjustment',
									amountSign: 'negative',
								},
								type: 'chargeback',
							},
						]),
					},
				});
				expect(json.exceptions).toEqual([]);
				await expect(
					csvRun(csvOf(rows), { options: { rulesJson: '{"id": "x"}' } }),
				).rejects.toThrow('Additional Rules (JSON) must be a list of rules');
			},
		);

		it(
			'refuses a malformed row with NodeOperationError naming the line and column ' +
				'(or lists it on Exceptions with Continue On Fail)',
			async () => {
				const rows = [
					'P-1,2024-03-01,40001,2024-01-05,Invoice,USD,100.00,0.00,100.00,0.00',
					'P-1,2024-03-01,40002,2024-01-05,Invoice,USD,200.00,0.00,2O0.00,0.00',
				];
				const error = await csvRun(csvOf(rows)).catch((e: unknown) => e);
				expect(error).toBeInstanceOf(NodeOperationError);
				expect((error as Error).message).toBe(
					'The remittance CSV of item 0 cannot be read: CSV line 3, column "Amount Paid" ' +
						'(9): "2O0.00" is not an amount (expected e.g. "1,234.56", "-12.00" or ' +
						'"(12.00)")',
				);

				const quote = await csvRun(
					csvOf(['P-1,2024-03-01,40"001,2024-01-05,Invoice,USD,1.00,0.00,1.00,0.00']),
				).catch((e: unknown) => e);
				expect((quote as Error).message).toContain(
					'CSV line 2, column 3: a quote inside an unquoted field',
				);

				const lenient = await csvRun(csvOf(rows), {}, { continueOnFail: true });
				expect(lenient.journal).toEqual([]);
				expect(lenient.exceptions[0].json).toMatchObject({
					reason: 'invalidDocument',
					line: 3,
					column: 'Amount Paid',
				});
			},
		);

		it('reads configured column names, a semicolon delimiter and comma decimals', async () => {
			const csv = [
				'Remittance report',
				'Zahlung;Datum;Beleg;Betrag;Währung',
				'900001;15.03.2024;INV-1;1.234,50;EUR',
				'900001;15.03.2024;INV-1SC;-34,50;EUR',
			].join('\n');
			const { journal } = await csvRun(csv, {
				csvOptions: {
					columns: {
						paymentNumber: 'Zahlung',
						paymentDate: 'Datum',
						invoiceNumber: 'Beleg',
						amountPaid: 'Betrag',
						currency: 'Währung',
					},
					delimiter: ';',
					decimalSeparator: ',',
					dateOrder: 'DMY',
				},
			});
			expect(journal[0].json).toMatchObject({
				paymentNumber: '900001',
				paymentDate: '2024-03-15',
				currency: 'EUR',
				amount: '1200.00',
			});
		});
	});

	describe('X12 820', () => {
		it('posts each transaction set with ADX adjustments, the RMR06 terms discount and claims', async () => {
			const { journal, exceptions } = await runNode({
				source: 'x12820',
				text: interchange([X12_PAYMENT_1, X12_PAYMENT_2]),
			});
			expect(exceptions).toEqual([]);
			expect(
				journal.map((i) => [
					i.json.paymentNumber,
					i.json.paymentDate,
					i.json.amount,
					i.json.source,
				]),
			).toEqual([
				['40001234', '2024-01-15', '3361.90', 'x12-820'],
				['40001300', '2024-01-22', '950.00', 'x12-820'],
			]);
			expect(postings(journal[0].json)).toEqual([
				['1000 Bank', '3361.90', '0.00', 'bank'],
				['1200 Accounts Receivable', '0.00', '1000.00', 'invoicePayment'],
				['4910 Terms Discount', '20.00', '0.00', 'termsDiscount'],
				['1200 Accounts Receivable', '0.00', '2500.00', 'invoicePayment'],
				['1200 Accounts Receivable', '0.00', '1000.00', 'invoicePayment'],
				['4920 Shortage Claims', '50.00', '0.00', 'shortageClaim'],
				['4930 Price Claims', '12.50', '0.00', 'priceClaim'],
				['6150 Chargebacks', '45.60', '0.00', 'chargeback'],
				['6100 Co-op', '300.00', '0.00', 'coopAgreement'],
				['4940 Price Protection', '210.00', '0.00', 'priceProtection'],
				['1250 Amazon Provision', '500.00', '0.00', 'provisionForReceivables'],
			]);
			const adx = (journal[0].json.journalLines as JournalLine[]).find(
				(l) => l.type === 'shortageClaim',
			)!;
			expect(adx).toMatchObject({
				reference: '10003',
				invoiceNumber: '10003',
				purchaseOrderNumber: '3CD4E5F6',
				sourcePosition: 17,
			});
			expect(netByAccount(journal[1].json)['4920 Shortage Claims']).toBe('50.00');
		});

		it('refuses a malformed 820 with NodeOperationError naming the segment and element', async () => {
			const broken = transactionSet('0001', [
				'BPR*C*100*C*ACH',
				'TRN*1*40009999*1',
				'DTM*097*20240114',
				'ENT*1',
				'RMR*IV*10001**1O0*100',
			]);
			const error = await runNode({ source: 'x12820', text: interchange([broken]) }).catch(
				(e: unknown) => e,
			);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect((error as Error).message).toBe(
				'The X12 820 document of item 0 cannot be read: X12 820 segment 8 (RMR), ' +
					'element RMR04: "1O0" is not a number (the amount paid)',
			);
			const badCount = interchange([X12_PAYMENT_2]).replace('SE*10*0002', 'SE*11*0002');
			const counted = await runNode({ source: 'x12820', text: badCount }, { continueOnFail: true });
			expect(counted.exceptions[0].json).toMatchObject({
				reason: 'invalidDocument',
				segment: 12,
				element: 'SE01',
			});
			expect(counted.exceptions[0].json.message).toContain(
				'the number of segments in the transaction set (SE01) is 11 but there are 10',
			);
		});
	});

	describe('matching with the open invoices (second input)', () => {
		it(
			'links lines to invoice and PO, reports the short-paid invoice with its ' +
				'dispute window and the unmatched references',
			async () => {
				sandbox.control.seed({ amazon: { payments: 'default' } } as never);
				const csv = sandbox.control.remittanceCsv(['40001234']);
				const openInvoices = [
					{ invoiceNumber: 'INV-10001', purchaseOrderNumber: '1AB2C3D4', amount: '1250.00' },
					{ invoiceNumber: 'INV-10002', purchaseOrderNumber: '2BC3D4E5', amount: '2000.00' },
					{ invoiceNumber: 'INV-10003', purchaseOrderNumber: '3CD4E5F6', amount: '800.00' },
				];
				const { journal, exceptions } = await csvRun(csv, {}, { openInvoices });
				expect(exceptions).toEqual([]);
				const json = journal[0].json;
				// The export has no PO column: the journal lines get the PO from the ERP's invoices.
				const receivable = (json.journalLines as JournalLine[]).filter(
					(l) => l.type === 'invoicePayment',
				);
				expect(receivable.map((l) => [l.invoiceNumber, l.purchaseOrderNumber, l.credit])).toEqual([
					['INV-10001', '1AB2C3D4', '1250.00'],
					['INV-10002', '2BC3D4E5', '2000.00'],
					['INV-10003', '3CD4E5F6', '650.00'],
				]);
				const matching = json.matching as IDataObject;
				expect(matching.shortPaid).toEqual([
					{
						reference: 'INV-10003',
						invoiceNumber: 'INV-10003',
						purchaseOrderNumber: '3CD4E5F6',
						expected: '800.00',
						settled: '650.00',
						shortBy: '150.00',
						disputeBy: day(5),
					},
				]);
				expect(matching.disputes).toEqual([
					{
						reference: 'INV-10003',
						type: 'invoicePayment',
						invoiceNumber: 'INV-10003',
						purchaseOrderNumber: '3CD4E5F6',
						amount: '150.00',
						claimDate: day(35),
						deadline: day(5),
						open: false,
					},
					{
						reference: '83265481VCBSINV',
						type: 'chargeback',
						invoiceNumber: '',
						purchaseOrderNumber: '',
						amount: '-45.60',
						claimDate: day(38),
						deadline: day(8),
						open: false,
					},
				]);
				expect((matching.unmatched as IDataObject[]).map((u) => [u.reference, u.reason])).toEqual(
					[],
				);
				expect(
					(matching.lines as IDataObject[])
						.filter((l) => l.matchedBy !== 'none')
						.map((l) => l.reference),
				).toEqual(['INV-10001', 'INV-10002', 'INV-10003']);

				// An invoice the ERP does not know is reported.
				const partial = await csvRun(csv, {}, { openInvoices: openInvoices.slice(1) });
				expect((partial.journal[0].json.matching as IDataObject).unmatched).toEqual([
					{
						lineIndex: 0,
						reference: 'INV-10001',
						type: 'invoicePayment',
						invoiceNumber: 'INV-10001',
						purchaseOrderNumber: '',
						reason: 'notFound',
					},
				]);
			},
		);
	});

	describe('idempotence', () => {
		it('skips payments already posted: remembered in static data, or listed in a field of the input', async () => {
			sandbox.control.seed({ amazon: { payments: 'default' } } as never);
			const csv = sandbox.control.remittanceCsv();
			const staticData: IDataObject = {};
			const first = await csvRun(csv, { options: { runSummary: true } }, { staticData });
			expect(
				first.journal.filter((i) => !i.json.runSummary).map((i) => i.json.paymentNumber),
			).toEqual(['40001234', '40001399']);
			expect(staticData.postedPayments).toEqual(['40001234', '40001399']);

			const second = await csvRun(csv, { options: { runSummary: true } }, { staticData });
			expect(second.journal).toHaveLength(1);
			expect(second.journal[0].json).toMatchObject({
				runSummary: true,
				paymentsRead: 2,
				paymentsPosted: 0,
				skippedAlreadyPosted: ['40001234', '40001399'],
			});
			expect(second.journal[0].pairedItem).toEqual([{ item: 0 }]);

			// Without the option the payment is posted again.
			const again = await csvRun(csv, { skipPosted: false }, { staticData });
			expect(again.journal).toHaveLength(2);

			// Posted numbers given by the ledger (a field of the input item).
			const fromLedger = await csvRun(
				csv,
				{ options: { postedField: 'posted' } },
				{ items: [{ json: { posted: ['40001399'] } }] },
			);
			expect(fromLedger.journal.map((i) => i.json.paymentNumber)).toEqual(['40001234']);

			// The same payment twice in one run is posted once.
			const twice = await csvRun(
				csv,
				{ options: { runSummary: true } },
				{ items: [{ json: {} }, { json: {} }] },
			);
			expect(twice.journal.filter((i) => !i.json.runSummary).map((i) => i.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 0 },
			]);
			expect(twice.journal[2].json.skippedDuplicates).toEqual(['40001234', '40001399']);
		});
	});

	describe('output shapes and accounts', () => {
		it(
			'emits one item per journal line, or adds Xero / QuickBooks bodies; accounts ' +
				'can come from the third input',
			async () => {
				const rows = [
					'P-5,2024-03-05,50001,2024-01-05,Invoice,USD,"1,000.00",20.00,980.00,0.00',
					'P-5,2024-03-05,50001SC,2024-02-01,Shortage claim,USD,-30.00,0.00,-30.00,0.00',
				];
				const lines = await csvRun(csvOf(rows), { options: { outputMode: 'line' } });
				expect(
					lines.journal.map((i) => [
						i.json.account,
						i.json.debit,
						i.json.credit,
						i.json.reference,
						i.json.invoiceNumber,
					]),
				).toEqual([
					['1000 Bank', '950.00', '0.00', 'P-5', ''],
					['1200 Accounts Receivable', '0.00', '1000.00', '50001', '50001'],
					['4910 Terms Discount', '20.00', '0.00', '50001', '50001'],
					['4920 Shortage Claims', '30.00', '0.00', '50001SC', '50001'],
				]);

				const xero = await csvRun(csvOf(rows), { options: { accountingFormat: 'xero' } });
				expect(xero.journal[0].json.xeroManualJournal).toEqual({
					Narration: 'Amazon remittance P-5',
					Date: '2024-03-05',
					LineAmountTypes: 'NoTax',
					JournalLines: [
						{
							LineAmount: 950,
							AccountCode: '1000 Bank',
							Description: 'Amazon remittance P-5: payment',
						},
						{
							LineAmount: -1000,
							AccountCode: '1200 Accounts Receivable',
							Description: 'Amazon remittance P-5: invoice 50001',
						},
						{
							LineAmount: 20,
							AccountCode: '4910 Terms Discount',
							Description: 'Amazon remittance P-5: terms discount on 50001',
						},
						{
							LineAmount: 30,
							AccountCode: '4920 Shortage Claims',
							Description: 'Amazon remittance P-5: shortage claim 50001SC',
						},
					],
				});
				const qbo = await csvRun(csvOf(rows), { options: { accountingFormat: 'quickBooks' } });
				const entry = qbo.journal[0].json.quickBooksJournalEntry as IDataObject;
				expect(entry).toMatchObject({
					TxnDate: '2024-03-05',
					DocNumber: 'P-5',
					CurrencyRef: { value: 'USD' },
				});
				expect(
					(entry.Line as IDataObject[]).map((l) => [
						l.Amount,
						(l.JournalEntryLineDetail as IDataObject).PostingType,
					]),
				).toEqual([
					[950, 'Debit'],
					[1000, 'Credit'],
					[20, 'Debit'],
					[30, 'Debit'],
				]);

				const fromInput = await csvRun(
					csvOf(rows),
					{ accountsSource: 'input' },
					{
						accounts: [
							{ type: 'bank', account: '1010' },
							{ type: 'receivable', account: '1210' },
							{ type: 'termsDiscount', account: '4911' },
							{ type: 'shortageClaim', account: '4921' },
						],
					},
				);
				expect(postings(fromInput.journal[0].json).map((p) => p[0])).toEqual([
					'1010',
					'1210',
					'4911',
					'4921',
				]);
				await expect(
					csvRun(
						csvOf(rows),
						{ accountsSource: 'input' },
						{ accounts: [{ type: 'bank', account: '1010' }] },
					),
				).rejects.toThrow(
					'The accounts or journal options cannot be used: The receivable account is required',
				);
			},
		);

		it('holds a payment whose deduction type has no account, and refuses unusable rules', async () => {
			const rows = [
				'P-6,2024-03-05,60001,2024-01-05,Invoice,USD,100.00,0.00,100.00,0.00',
				'P-6,2024-03-05,60001PC,2024-02-01,Price claim,USD,-5.00,0.00,-5.00,0.00',
			];
			const unmapped = await csvRun(csvOf(rows), {
				deductionAccounts: { mappings: [{ type: 'priceClaim', account: '' }] },
			});
			expect(unmapped.journal).toEqual([]);
			expect(unmapped.exceptions[0].json).toMatchObject({
				reason: 'unmappedType',
				held: 'payment',
			});
			await expect(
				csvRun(csvOf(rows), {
					rules: {
						rule: [
							{
								id: 'bad',
								matchOn: 'referencePattern',
								value: '([',
								type: 'x',
								amountSign: 'any',
								invoiceReference: 'none',
							},
						],
					},
				}),
			).rejects.toThrow(
				'The classification rules cannot be used: Rule "bad": referencePattern "([" is not a valid regular expression',
			);
		});
	});

	describe('Finances Invoices API (sandbox)', () => {
		const paymentDate = day(10);
		const HAPPY = [
			{
				paymentNumber: '40005555',
				paymentDate,
				lines: [
					{
						invoiceNumber: 'INV-1',
						purchaseOrderNumber: 'PO-1',
						invoiceDate: day(60),
						invoiceAmount: '1250.00',
					},
					{
						invoiceNumber: 'INV-1SC',
						invoiceDate: day(30),
						invoiceAmount: '-125.00',
						defectTypes: ['SHORTAGES_IN_TRANSIT'],
					},
					{
						invoiceNumber: 'INV-2',
						invoiceDate: day(58),
						invoiceAmount: '2000.00',
						discountTaken: '40.00',
					},
					{
						invoiceNumber: 'INV-2PC',
						invoiceDate: day(29),
						invoiceAmount: '-72.00',
						defectTypes: ['DEALBUY'],
					},
					{
						invoiceNumber: '7110-23456789',
						invoiceDate: day(28),
						invoiceAmount: '-300.00',
						agreementId: '7110',
					},
					{ invoiceNumber: '83265481VCBSINV', invoiceDate: day(27), invoiceAmount: '-45.60' },
					{
						invoiceNumber: 'IPAPUS1234567',
						invoiceDate: day(26),
						invoiceAmount: '-210.00',
						agreementId: 'PPA-2001',
						serviceChargeType: 'PRICE_PROTECTION',
					},
					{
						invoiceNumber: 'STOR-2024-10',
						kind: 'chargeback',
						invoiceDate: day(25),
						invoiceAmount: '-19.99',
						description: 'Chargeback: FBA storage fee',
						serviceChargeType: 'FBA_INVENTORY_STORAGE_FEE',
					},
				],
			},
		];

		const apiParameters = (extra: Record<string, unknown> = {}) => ({
			source: 'financesApi',
			marketplaceId: 'ATVPDKIKX0DER',
			paymentsFrom: day(30),
			paymentsTo: '',
			...extra,
		});

		it(
			'posts a payment read through getInvoiceHeaders / getInvoice (paginated), with ' +
				'the same journal as its CSV export',
			async () => {
				sandbox.control.seed({ amazon: { payments: HAPPY } } as never);
				const { journal, exceptions } = await runNode(apiParameters(), { store: sandbox.store() });
				expect(exceptions).toEqual([]);
				expect(
					journal.map((i) => [
						i.json.paymentNumber,
						i.json.paymentDate,
						i.json.amount,
						i.json.source,
					]),
				).toEqual([['40005555', paymentDate, '2437.41', 'finances-api']]);
				const json = journal[0].json;
				expect((json.summary as IDataObject).deductedByType).toEqual({
					shortageClaim: '125.00',
					priceClaim: '72.00',
					coopAgreement: '300.00',
					chargeback: '45.60',
					priceProtection: '210.00',
					storageFee: '19.99',
				});
				const shortage = (json.journalLines as JournalLine[]).find(
					(l) => l.type === 'shortageClaim',
				)!;
				expect(shortage).toMatchObject({
					reference: 'INV-1SC',
					invoiceNumber: 'INV-1',
					purchaseOrderNumber: 'PO-1',
					debit: '125.00',
				});

				const fromCsv = await csvRun(sandbox.control.remittanceCsv());
				const csvSummary = fromCsv.journal[0].json.summary as IDataObject;
				for (const key of ['paid', 'invoicesSettled', 'discount', 'deductionsTotal', 'totalDebit'])
					expect((json.summary as IDataObject)[key]).toBe(csvSummary[key]);

				const calls = sandbox.control.requests().filter((r) => r.path.startsWith('/finances'));
				const listCalls = calls.filter((r) => r.path === '/finances/invoices/2026-06-25/invoices');
				expect(listCalls.length).toBeGreaterThanOrEqual(3); // 210 days in windows of at most 90
				expect(
					listCalls.every((r) => r.status === 200 && r.query.marketplaceId === 'ATVPDKIKX0DER'),
				).toBe(true);
				expect(
					calls.some((r) => r.path.startsWith('/finances/invoices/2026-06-25/invoices/')),
				).toBe(true);

				// A range that does not contain the payment date posts nothing.
				const outside = await runNode(
					apiParameters({ paymentsFrom: day(60), paymentsTo: day(40) }),
					{
						store: sandbox.store(),
					},
				);
				expect(outside.journal).toEqual([]);
				expect(outside.exceptions).toEqual([]);
			},
		);

		it(
			'holds the default payments: their invoice INV-10001 names both payments (its ' +
				'claims came later), so neither amount is known',
			async () => {
				sandbox.control.seed({ amazon: { payments: 'default' } } as never);
				const { journal, exceptions } = await runNode(apiParameters({ paymentsFrom: day(60) }), {
					store: sandbox.store(),
				});
				expect(journal).toEqual([]);
				expect(
					exceptions.map((e) => [
						e.json.paymentNumber,
						e.json.reason,
						e.json.held,
						e.json.invoices,
					]),
				).toEqual([
					['40001234', 'incomplete', 'payment', ['INV-10001']],
					['40001399', 'incomplete', 'payment', ['INV-10001']],
				]);
				expect(exceptions[0].json.message).toContain('Payment 40001234 is held');
				expect((exceptions[0].json.lines as IDataObject[]).length).toBeGreaterThan(0);
				expect(exceptions.map((e) => e.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
			},
		);

		it('reports an API failure as NodeApiError (or on Exceptions with Continue On Fail)', async () => {
			sandbox.control.seed({ amazon: { payments: HAPPY } } as never);
			sandbox.control.addFaults([
				{ service: 'amazon', operation: 'getInvoiceHeaders', status: 400, count: 2 },
			] as never);
			await expect(runNode(apiParameters(), { store: sandbox.store() })).rejects.toThrow(
				'Amazon SP-API getInvoices failed',
			);
			const lenient = await runNode(apiParameters(), {
				store: sandbox.store(),
				continueOnFail: true,
			});
			expect(lenient.exceptions[0].json).toMatchObject({
				reason: 'apiError',
				source: 'finances-api',
			});
		});
	});

	describe('through the n8n engine', () => {
		it(
			'runs Trigger -> remittance and open invoices -> Post Remittance Journal, and ' +
				'a second run posts nothing',
			async () => {
				sandbox.control.seed({ amazon: { payments: 'default' } } as never);
				const csv = sandbox.control.remittanceCsv();
				const wf = workflow()
					.trigger()
					.node('Remittance', TEST_ITEMS, { items: [{ csv }] })
					.node('Open Invoices', TEST_ITEMS, {
						items: [
							{ invoiceNumber: 'INV-10003', purchaseOrderNumber: '3CD4E5F6', amount: '800.00' },
						],
					})
					.node('Post Remittance Journal', NODE_TYPE, {
						source: 'csv',
						readFrom: 'text',
						text: '={{ $json.csv }}',
						...ACCOUNT_PARAMETERS,
						options: { runSummary: true },
					})
					.connect('Trigger', 'Remittance')
					.connect('Trigger', 'Open Invoices')
					.connect('Remittance', 'Post Remittance Journal')
					.connect('Open Invoices', 'Post Remittance Journal', { input: 1 })
					.build();
				const staticData: IDataObject = {};
				const nodeTypes = { [NODE_TYPE]: PostRemittanceJournal };
				const first = await runWorkflow(wf, { nodeTypes, staticData });
				expect(first.status).toBe('success');
				const journal = first.output('Post Remittance Journal', 0);
				checkAllBalanced(journal);
				expect(journal.map((i) => i.json.paymentNumber ?? 'summary')).toEqual([
					'40001234',
					'40001399',
					'summary',
				]);
				expect(journal[2].json).toMatchObject({
					paymentsPosted: 2,
					paymentsHeld: 0,
					openInvoices: 1,
					paidByCurrency: { USD: { payments: 2, paid: '6782.40' } },
				});
				expect(
					((journal[0].json.matching as IDataObject).shortPaid as IDataObject[])[0],
				).toMatchObject({ invoiceNumber: 'INV-10003', shortBy: '150.00' });
				expect(first.output('Post Remittance Journal', 1)).toEqual([]);
				expect(staticData['node:Post Remittance Journal']).toEqual({
					postedPayments: ['40001234', '40001399'],
				});

				const second = await runWorkflow(wf, { nodeTypes, staticData });
				expect(second.status).toBe('success');
				expect(
					second.output('Post Remittance Journal', 0).map((i) => i.json.skippedAlreadyPosted),
				).toEqual([['40001234', '40001399']]);
			},
		);

		it('takes the accounts from the third input while the second (open invoices) is not connected', async () => {
			const text = csvOf([
				'P-9,2024-03-09,90001,2024-01-05,Invoice,USD,100.00,0.00,100.00,0.00',
				'P-9,2024-03-09,90001SC,2024-02-01,Shortage claim,USD,-1.50,0.00,-1.50,0.00',
			]);
			const wf = workflow()
				.trigger()
				.node('Remittance', TEST_ITEMS, { items: [{ text }] })
				.node('Chart', TEST_ITEMS, {
					items: [
						{ type: 'bank', account: '1010' },
						{ type: 'receivable', account: '1210' },
						{ type: 'termsDiscount', account: '4911' },
						{ type: 'shortageClaim', account: '4921' },
					],
				})
				.node('Post Remittance Journal', NODE_TYPE, {
					source: 'csv',
					readFrom: 'text',
					text: '={{ $json.text }}',
					accountsSource: 'input',
				})
				.connect('Trigger', 'Remittance')
				.connect('Trigger', 'Chart')
				.connect('Remittance', 'Post Remittance Journal')
				.connect('Chart', 'Post Remittance Journal', { input: 2 })
				.build();
			const run = await runWorkflow(wf, { nodeTypes: { [NODE_TYPE]: PostRemittanceJournal } });
			expect(run.status).toBe('success');
			const journal = run.output('Post Remittance Journal', 0);
			checkAllBalanced(journal);
			expect(postings(journal[0].json)).toEqual([
				['1010', '98.50', '0.00', 'bank'],
				['1210', '0.00', '100.00', 'invoicePayment'],
				['4921', '1.50', '0.00', 'shortageClaim'],
			]);
		});

		it('reads the Finances API with the Amazon credential', async () => {
			sandbox.control.seed({
				amazon: {
					payments: [
						{
							paymentNumber: '40007777',
							paymentDate: day(3),
							lines: [
								{ invoiceNumber: 'INV-7', invoiceDate: day(40), invoiceAmount: '500.00' },
								{ invoiceNumber: 'INV-7SC', invoiceDate: day(10), invoiceAmount: '-20.00' },
							],
						},
					],
				},
			} as never);
			const credentials: Record<string, ICredentialDataDecryptedObject> = {
				amazonVendorCentralApi: sandbox.store().data,
			};
			const wf = workflow()
				.trigger()
				.node('Post Remittance Journal', NODE_TYPE, {
					source: 'financesApi',
					marketplaceId: 'ATVPDKIKX0DER',
					paymentsFrom: day(7),
					...ACCOUNT_PARAMETERS,
				})
				.chain('Trigger', 'Post Remittance Journal')
				.build();
			const run = await runWorkflow(wf, {
				nodeTypes: { [NODE_TYPE]: PostRemittanceJournal },
				credentials,
			});
			expect(run.status).toBe('success');
			const journal = run.output('Post Remittance Journal', 0);
			checkAllBalanced(journal);
			expect(journal.map((i) => [i.json.paymentNumber, i.json.amount])).toEqual([
				['40007777', '480.00'],
			]);
			expect(postings(journal[0].json)).toEqual([
				['1000 Bank', '480.00', '0.00', 'bank'],
				['1200 Accounts Receivable', '0.00', '500.00', 'invoicePayment'],
				['4920 Shortage Claims', '20.00', '0.00', 'shortageClaim'],
			]);
		});
	});
});
