/**
 * X12 820 Payment Order / Remittance Advice (Amazon -> vendor, GS01 `RA`, release 4010) read into
 * remittance payments, one per transaction set (ST/SE).
 *
 * The interchange is read by the one X12 reader of the package (x12/reader.ts, readInterchange):
 * separators from the fixed-width ISA header (element separator after `ISA` and at position 103,
 * component separator ISA16, segment terminator position 105, ISA11 the repetition separator from
 * 00501 on), segments, and the envelope checks. What the reader finds wrong is reported here as a
 * RemittanceFormatError in the words this module always used, in document order as far as the reader
 * allows (an interchange it cannot read at all, e.g. IEA02 not matching ISA13, is reported before the
 * content of its sets):
 * - ISA13 = IEA02 and IEA01 = number of groups; GS06 = GE02 and GE01 = number of transaction sets;
 *   ST02 = SE02 and SE01 = number of segments from ST to SE; GS01 must be `RA` and ST01 `820`.
 * - GS06 and ST02 must be present; as before, their length and uniqueness are not checked for an
 *   820 (Post Remittance Journal keys payments by payment number, not by control number).
 *
 * Mapping (X12 4010 meanings; Amazon's own 820 spec is only inside Vendor Central, behind
 * its login; Stedi publishes a public Amazon retail 820 guide):
 * - BPR02 amount, BPR03 `C` credit (paid to the vendor) / `D` debit (negative), BPR04 payment
 *   method (`ACH`, `CHK`...), BPR16 effective date (CCYYMMDD). BPR16 missing: the header DTM.
 * - TRN02 payment number (Vendor Central "Payment Number"). CUR02 currency (default option
 *   `defaultCurrency`, USD). N1 `PR` payer, N1 `PE` payee (N104 its id).
 * - Each RMR is a line: RMR01 qualifier (`IV`...), RMR02 reference, RMR04 paid, RMR05 invoice
 *   amount (gross; paid + discount when missing), RMR06 discount taken. `REF*PO` -> PO number,
 *   `REF*IV` -> invoice number, `DTM*003` -> invoice date, following the RMR.
 * - ADX after an RMR adjusts that invoice: ADX01 amount (negative = deducted), ADX02 reason code.
 *   It becomes an `adjustment` line (reference = the RMR's, invoice = RMR02, reason = ADX02) with
 *   `paid` = ADX01, and the RMR line's `paid` becomes RMR04 - sum(ADX01), so the lines still add up
 *   to RMR04 (X12: RMR04 is the net amount paid, after the adjustments). An ADX in the ENT loop
 *   before any RMR is a line of its own (reference ADX04, else `ADX <reason code>`).
 * - The payment amount is BPR02: journal.ts checks it against the lines.
 *
 * Errors are {@link RemittanceFormatError}s naming the segment number (1 = ISA), the segment id and
 * the element (`RMR04`). {@link remittanceOfSet} reads one transaction set that the caller has read
 * with readInterchange (the EDI inbound path).
 *
 * Pure: no n8n imports.
 */
import { Decimal, add, normalizeCurrencyCode, parseDecimal, subtract } from '../money';
import { parsePlainDecimal, ZERO_AMOUNT } from './amounts';
import { shown } from '../values';
import { readInterchange, readSeparators as readX12Separators, splitSegments } from '../x12/reader';
import {
	X12FormatError,
	type X12Group,
	type X12Interchange,
	type X12Segment,
	type X12Separators,
	type X12TransactionSet,
} from '../x12/types';
import {
	RemittanceFormatError,
	isRealDate,
	isoDate,
	type RemittanceLine,
	type RemittancePayment,
} from './types';

export type { X12Separators } from '../x12/types';

export interface Remittance820Options {
	/** Currency when the transaction set has no CUR segment (default `USD`). */
	defaultCurrency?: string;
}

export interface Remittance820Result {
	payments: RemittancePayment[];
	separators: X12Separators;
	interchange: {
		senderId: string;
		receiverId: string;
		controlNumber: string;
		/** `T` test or `P` production (ISA15). */
		usage: string;
	};
}

/** A segment: its 1-based position in the interchange (ISA = 1), its id, and its elements. */
type Segment = X12Segment;

function fail(segment: Segment | number, message: string, element?: string): never {
	const number = typeof segment === 'number' ? segment : segment.position;
	const id = typeof segment === 'number' ? '' : ` (${segment.id})`;
	throw new RemittanceFormatError(
		`X12 820 segment ${number}${id}${element ? `, element ${element}` : ''}: ${message}`,
		{ segment: number, element },
	);
}

/** Reads the separators from the ISA header; throws naming segment 1 when the header is malformed. */
export function readSeparators(text: string): { separators: X12Separators; start: number } {
	try {
		return readX12Separators(text);
	} catch (error) {
		throw fromReaderError(error, () => []);
	}
}

// ---------------------------------------------------------------------------------------------
// The reader's findings in this module's words

/** The reader's message without its `X12 segment N, element E: ` prefix. */
function bareMessage(error: X12FormatError): string {
	return error.message.replace(/^X12 segment \d+(?:, element [A-Z0-9]+)?: /, '');
}

/** Messages of the reader that this module always wrote otherwise. */
const RENAMED: ReadonlyArray<[RegExp, string]> = [
	[/^segment \S+ after IEA.*$/, 'nothing may follow IEA'],
	[/^a second ISA.*$/, 'a second ISA inside the interchange'],
	[/^segment (\S+) outside a transaction set$/, '$1 outside a transaction set (ST/SE)'],
	[/^ST outside a functional group.*$/, 'ST outside a functional group (missing GS)'],
];

/** An X12FormatError of the reader as the RemittanceFormatError this module throws. */
function fromReaderError(error: unknown, segments: () => Segment[]): unknown {
	if (!(error instanceof X12FormatError)) return error;
	const message = bareMessage(error);
	const at = error.segment;
	const element = error.element;
	try {
		if (at === 1) isaError(message, element);
		if (message.startsWith('the interchange has no IEA')) unclosed(segments());
		if (element === 'IEA01' || element === 'IEA02') ieaError(segments(), at);
		const seg = segments()[at - 1];
		for (const [pattern, words] of RENAMED)
			if (pattern.test(message)) fail(seg ?? at, message.replace(pattern, words), element);
		fail(seg ?? at, message, element);
	} catch (translated) {
		return translated;
	}
}

/** The ISA findings: the header fields name the segment (ISA); the separators do not. */
function isaError(message: string, element: string | undefined): never {
	const isa: Segment = { position: 1, id: 'ISA', elements: [] };
	if (message.includes('cannot be the element separator')) fail(1, message, 'ISA01');
	if (message.startsWith('must be ')) fail(isa, `${element} ${message}`, element);
	if (message.startsWith('ISA must have') || /^ISA(0\d|1[0-5])$/.test(element ?? ''))
		fail(isa, message, element);
	return fail(1, message, element);
}

/** No IEA: the innermost envelope that is still open. */
function unclosed(segments: Segment[]): never {
	const last = (id: string) => segments.map((s) => s.id).lastIndexOf(id);
	if (last('ST') > last('SE'))
		fail(segments[last('ST')], 'the transaction set is never closed (missing SE)');
	if (last('GS') > last('GE'))
		fail(segments[last('GS')], 'the functional group is never closed (missing GE)');
	return fail(segments.length, 'the interchange is never closed (missing IEA)');
}

function ieaError(segments: Segment[], position: number): never {
	const iea = segments[position - 1];
	const groups = segments.filter((s) => s.id === 'GS').length;
	expectCount(iea, 1, groups, 'the number of functional groups (IEA01)');
	expectSame(iea, 2, element(segments[0], 13), 'the interchange control number (IEA02, ISA13)');
	return fail(iea, 'the interchange trailer does not match its header');
}

/** A set or group left open: where the reader noticed it (GS, GE, ST or IEA). */
function openEnvelope(seg: Segment, what: 'transaction set' | 'group'): never {
	if (seg.id === 'IEA') fail(seg, 'IEA inside an open group (missing GE)');
	if (what === 'group') fail(seg, `${seg.id} inside an open group (missing GE)`);
	return fail(seg, `${seg.id} inside an open transaction set (missing SE)`);
}

// ---------------------------------------------------------------------------------------------
// Segments and elements

function element(segment: Segment, index: number): string {
	return (segment.elements[index] ?? '').trim();
}

function required(segment: Segment, index: number, what: string): string {
	const value = element(segment, index);
	if (value === '')
		fail(segment, `${what} is missing`, `${segment.id}${String(index).padStart(2, '0')}`);
	return value;
}

const X12_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

function amount(
	segment: Segment,
	index: number,
	what: string,
	optional = false,
): Decimal | undefined {
	const value = element(segment, index);
	const name = `${segment.id}${String(index).padStart(2, '0')}`;
	if (value === '') {
		if (optional) return undefined;
		fail(segment, `${what} is missing`, name);
	}
	const fast = parsePlainDecimal(value);
	if (fast !== undefined) return fast;
	if (!X12_NUMBER.test(value)) fail(segment, `"${value}" is not a number (${what})`, name);
	let text = value.startsWith('+') ? value.slice(1) : value;
	const negative = text.startsWith('-');
	if (negative) text = text.slice(1);
	if (text.startsWith('.')) text = `0${text}`;
	if (text.endsWith('.')) text = text.slice(0, -1);
	const parsed = parseDecimal(text);
	return negative ? new Decimal(-parsed.units, parsed.scale) : parsed;
}

function date(segment: Segment, index: number, what: string): string {
	const value = element(segment, index);
	const name = `${segment.id}${String(index).padStart(2, '0')}`;
	let year: number;
	if (/^\d{8}$/.test(value)) year = Number(value.slice(0, 4));
	else if (/^\d{6}$/.test(value)) year = 2000 + Number(value.slice(0, 2));
	else return fail(segment, `"${value}" is not a date CCYYMMDD (${what})`, name);
	const rest = value.length === 8 ? value.slice(4) : value.slice(2);
	const month = Number(rest.slice(0, 2));
	const day = Number(rest.slice(2, 4));
	if (!isRealDate(year, month, day)) fail(segment, `"${value}" is not a real date (${what})`, name);
	return isoDate(year, month, day);
}

function expectCount(segment: Segment, index: number, actual: number, what: string): void {
	const value = required(segment, index, what);
	const name = `${segment.id}${String(index).padStart(2, '0')}`;
	if (!/^\d+$/.test(value)) fail(segment, `"${value}" is not a count (${what})`, name);
	if (Number(value) !== actual) fail(segment, `${what} is ${value} but there are ${actual}`, name);
}

function expectSame(segment: Segment, index: number, expected: string, what: string): void {
	const value = required(segment, index, what);
	const name = `${segment.id}${String(index).padStart(2, '0')}`;
	if (value !== expected) fail(segment, `${what} "${value}" does not match "${expected}"`, name);
}

interface TransactionState {
	st: Segment;
	payment?: Partial<RemittancePayment> & { lines: RemittanceLine[] };
	bpr?: Segment;
	headerDate?: string;
	currency?: string;
	/** The RMR line REF/DTM/ADX attach to, and the line that received the last segment. */
	rmr?: { line: RemittanceLine; adjustments: Decimal };
	current?: RemittanceLine;
	inEnt: boolean;
}

/** The GS segment of each group and every segment by position, split again only when needed. */
class Located {
	private all?: Segment[];

	constructor(
		private readonly text: string,
		private readonly separators: X12Separators,
	) {}

	segments = (): Segment[] => {
		if (!this.all) {
			const { start } = readX12Separators(this.text);
			this.all = splitSegments(this.text, start, this.separators);
		}
		return this.all;
	};

	at(position: number): Segment {
		return this.segments()[position - 1];
	}

	gs(groupIndex: number): Segment {
		return this.segments().filter((s) => s.id === 'GS')[groupIndex];
	}
}

function checkGroupHeader(group: X12Group, index: number, located: Located): void {
	if (group.functionalId !== 'RA') {
		const gs = located.gs(index);
		const code = required(gs, 1, 'functional identifier code');
		fail(gs, `GS01 is "${code}": not a remittance advice group (expected RA)`, 'GS01');
	}
	if (group.controlNumber === '') required(located.gs(index), 6, 'group control number');
}

function checkGroupTrailer(group: X12Group, located: Located): void {
	for (const problem of group.problems) {
		if (problem.segment === undefined) continue;
		const seg = located.at(problem.segment);
		if (problem.element === 'GE01')
			expectCount(seg, 1, group.transactionSets.length, 'the number of transaction sets (GE01)');
		else if (problem.element === 'GE02')
			expectSame(seg, 2, group.controlNumber, 'the group control number (GE02, GS06)');
		else if (problem.element === undefined) openEnvelope(seg, 'group');
	}
}

function checkSetHeader(set: X12TransactionSet): void {
	const st = set.segments[0];
	const code = required(st, 1, 'transaction set identifier');
	if (code !== '820') fail(st, `ST01 is "${code}": not an 820`, 'ST01');
	required(st, 2, 'transaction set control number');
}

/** The trailer checks of a set, in this module's words; after its content, before its payment. */
function checkSetTrailer(set: X12TransactionSet, located: Located): void {
	const open = set.problems.find((p) => p.code === '2');
	if (open?.segment !== undefined) openEnvelope(located.at(open.segment), 'transaction set');
	const se = set.segments[set.segments.length - 1];
	if (se.id !== 'SE') return;
	const count = set.segments.length;
	expectCount(se, 1, count, 'the number of segments in the transaction set (SE01)');
	expectSame(se, 2, element(set.segments[0], 2), 'the transaction set control number (SE02, ST02)');
}

/** The transaction set's payment: its segments read, then the payment completed. */
function readSet(
	set: X12TransactionSet,
	separators: X12Separators,
	defaultCurrency: string,
	checkTrailer: () => void,
): RemittancePayment {
	const st = set.segments[0];
	const tx: TransactionState = { st, payment: { lines: [], source: 'x12-820' }, inEnt: false };
	const last = set.segments[set.segments.length - 1];
	const body = set.segments.slice(1, last.id === 'SE' ? -1 : undefined);
	for (const seg of body) readTransactionSegment(tx, seg, separators);
	finishLineOf(tx);
	checkTrailer();
	return completePayment(tx, defaultCurrency);
}

function checkedCurrency(options: Remittance820Options): string {
	if (options === null || typeof options !== 'object')
		throw new RemittanceFormatError('The 820 options must be an object', { path: 'options' });
	const currency = options.defaultCurrency ?? 'USD';
	if (typeof currency !== 'string' || !/^[A-Za-z]{3}$/.test(currency.trim())) {
		const problem = `The default currency must be a currency code such as USD (got ${shown(currency)})`;
		throw new RemittanceFormatError(problem, { path: 'options.defaultCurrency' });
	}
	return normalizeCurrencyCode(currency);
}

/**
 * The payment of one 820 transaction set that the caller read with readInterchange (its envelope
 * problems are the caller's: the 997 reports them). Throws a RemittanceFormatError naming the
 * segment (position in the interchange) and element for content it cannot read.
 */
export function remittanceOfSet(
	set: X12TransactionSet,
	separators: X12Separators,
	options: Remittance820Options = {},
): RemittancePayment {
	const defaultCurrency = checkedCurrency(options);
	checkSetHeader(set);
	return readSet(set, separators, defaultCurrency, () => undefined);
}

/** Parses an X12 820 interchange into payments (one per ST). */
export function parseRemittance820(
	text: string,
	options: Remittance820Options = {},
): Remittance820Result {
	if (typeof text !== 'string') throw new RemittanceFormatError('The 820 document must be text');
	const defaultCurrency = checkedCurrency(options);
	let interchange: X12Interchange;
	try {
		interchange = readInterchange(text);
	} catch (error) {
		throw fromReaderError(error, () => {
			const { separators, start } = readX12Separators(text);
			return splitSegments(text, start, separators);
		});
	}
	const { separators, header } = interchange;
	const located = new Located(text, separators);
	const payments: RemittancePayment[] = [];
	interchange.groups.forEach((group, index) => {
		checkGroupHeader(group, index, located);
		for (const set of group.transactionSets) {
			checkSetHeader(set);
			payments.push(readSet(set, separators, defaultCurrency, () => checkSetTrailer(set, located)));
		}
		checkGroupTrailer(group, located);
	});
	return {
		payments,
		separators,
		interchange: {
			senderId: header.sender.id,
			receiverId: header.receiver.id,
			controlNumber: header.controlNumber,
			usage: header.usage,
		},
	};
}

type SegmentReader = (tx: TransactionState, seg: Segment, separators: X12Separators) => void;

type TxPayment = NonNullable<TransactionState['payment']>;

const paymentOf = (tx: TransactionState): TxPayment => tx.payment as TxPayment;

function readBpr(tx: TransactionState, seg: Segment): void {
	const payment = paymentOf(tx);
	if (tx.bpr) fail(seg, 'a second BPR in the transaction set');
	tx.bpr = seg;
	const value = amount(seg, 2, 'payment amount') as Decimal;
	const flag = required(seg, 3, 'credit/debit flag');
	if (flag !== 'C' && flag !== 'D') fail(seg, `"${flag}" is not C (credit) or D (debit)`, 'BPR03');
	payment.amount = flag === 'D' ? new Decimal(-value.units, value.scale) : value;
	const method = element(seg, 4);
	if (method !== '') payment.paymentMethod = method;
	if (element(seg, 16) !== '') payment.paymentDate = date(seg, 16, 'effective payment date');
}

function readTrn(tx: TransactionState, seg: Segment): void {
	const payment = paymentOf(tx);
	if (payment.paymentNumber !== undefined) fail(seg, 'a second TRN in the transaction set');
	payment.paymentNumber = required(seg, 2, 'the payment (trace) number');
}

function readCur(tx: TransactionState, seg: Segment): void {
	const code = required(seg, 2, 'currency code');
	try {
		tx.currency = normalizeCurrencyCode(code);
	} catch {
		fail(seg, `"${code}" is not a currency code`, 'CUR02');
	}
}

function readN1(tx: TransactionState, seg: Segment): void {
	if (tx.inEnt) return;
	const payment = paymentOf(tx);
	const role = element(seg, 1);
	if (role === 'PR') {
		if (element(seg, 2) !== '') payment.payerName = element(seg, 2);
	} else if (role === 'PE') {
		if (element(seg, 2) !== '') payment.payeeName = element(seg, 2);
		if (element(seg, 4) !== '') payment.payeeId = element(seg, 4);
	}
}

function readEnt(tx: TransactionState): void {
	finishLineOf(tx);
	tx.inEnt = true;
	tx.current = undefined;
}

function readRmr(tx: TransactionState, seg: Segment): void {
	if (!tx.inEnt) fail(seg, 'RMR outside an ENT loop');
	finishLineOf(tx);
	const reference = required(seg, 2, 'the reference number');
	const paid = amount(seg, 4, 'the amount paid') as Decimal;
	const discount = amount(seg, 6, 'the discount', true) ?? ZERO_AMOUNT;
	const gross = amount(seg, 5, 'the invoice amount', true) ?? add(paid, discount);
	const line: RemittanceLine = {
		reference,
		gross,
		discount,
		paid,
		remaining: ZERO_AMOUNT,
		kind: 'document',
		sourcePosition: seg.position,
	};
	const qualifier = element(seg, 1);
	if (qualifier !== '') line.referenceQualifier = qualifier;
	paymentOf(tx).lines.push(line);
	tx.rmr = { line, adjustments: ZERO_AMOUNT };
	tx.current = line;
}

function readAdx(tx: TransactionState, seg: Segment): void {
	if (!tx.inEnt) fail(seg, 'ADX outside an ENT loop');
	const value = amount(seg, 1, 'the adjustment amount') as Decimal;
	const reasonCode = required(seg, 2, 'the adjustment reason code');
	const ownReference = element(seg, 4);
	const rmr = tx.rmr;
	const line: RemittanceLine = {
		reference: rmr ? rmr.line.reference : ownReference !== '' ? ownReference : `ADX ${reasonCode}`,
		gross: value,
		discount: ZERO_AMOUNT,
		paid: value,
		remaining: ZERO_AMOUNT,
		reasonCode,
		kind: 'adjustment',
		sourcePosition: seg.position,
	};
	if (rmr) {
		line.invoiceNumber = rmr.line.invoiceNumber ?? rmr.line.reference;
		if (rmr.line.purchaseOrderNumber !== undefined)
			line.purchaseOrderNumber = rmr.line.purchaseOrderNumber;
		if (rmr.line.invoiceDate !== undefined) line.invoiceDate = rmr.line.invoiceDate;
		rmr.adjustments = add(rmr.adjustments, value);
	}
	paymentOf(tx).lines.push(line);
	tx.current = line;
}

function readRef(tx: TransactionState, seg: Segment): void {
	const target = tx.current;
	if (!target) return;
	const qualifier = element(seg, 1);
	const value = element(seg, 2);
	if (value === '') return;
	if (qualifier === 'PO') {
		target.purchaseOrderNumber = value;
		for (const line of adjustmentsOf(tx, target)) line.purchaseOrderNumber ??= value;
	} else if (qualifier === 'IV' && value !== target.reference) {
		target.invoiceNumber = value;
	}
}

function readDtm(tx: TransactionState, seg: Segment): void {
	const qualifier = element(seg, 1);
	if (tx.current) {
		if (qualifier === '003') tx.current.invoiceDate = date(seg, 2, 'the invoice date');
	} else if (!tx.inEnt && element(seg, 2) !== '') {
		tx.headerDate ??= date(seg, 2, `the date (qualifier ${qualifier})`);
	}
}

/** NTE02 is free text: its components and (in 5010) its repetitions are joined with spaces. */
function readNte(tx: TransactionState, seg: Segment, separators: X12Separators): void {
	const target = tx.current;
	const note = element(seg, 2);
	if (!target || note === '' || target.description !== undefined) return;
	const pieces = separators.repetition ? note.split(separators.repetition) : [note];
	target.description = pieces
		.flatMap((piece) => piece.split(separators.component))
		.map((piece) => piece.trim())
		.filter((piece) => piece !== '')
		.join(' ');
}

/** The segments of a transaction set that the journal needs; NM1, N2-N4, PER, IT1... are skipped. */
const SEGMENT_READERS: Readonly<Record<string, SegmentReader>> = Object.freeze({
	BPR: readBpr,
	TRN: readTrn,
	CUR: readCur,
	N1: readN1,
	ENT: readEnt,
	RMR: readRmr,
	ADX: readAdx,
	REF: readRef,
	DTM: readDtm,
	NTE: readNte,
});

/**
 * Elements that may repeat (5010 repetition separator): NTE02, the free-form note. Any other
 * element holding the repetition separator is refused, so the separator is never read as data.
 */
const REPEATING_ELEMENTS: Readonly<Record<string, readonly number[]>> = Object.freeze({ NTE: [2] });

function checkRepetitions(seg: Segment, separators: X12Separators): void {
	const repetition = separators.repetition;
	if (repetition === undefined || seg.id === 'ISA') return;
	const repeating = REPEATING_ELEMENTS[seg.id] ?? [];
	seg.elements.forEach((value, index) => {
		if (index === 0 || !value.includes(repetition) || repeating.includes(index)) return;
		const name = `${seg.id}${String(index).padStart(2, '0')}`;
		fail(
			seg,
			`"${value}" holds the repetition separator "${repetition}", but ${name} does not repeat`,
			name,
		);
	});
}

function readTransactionSegment(
	tx: TransactionState,
	seg: Segment,
	separators: X12Separators,
): void {
	checkRepetitions(seg, separators);
	const reader = Object.prototype.hasOwnProperty.call(SEGMENT_READERS, seg.id)
		? SEGMENT_READERS[seg.id]
		: undefined;
	reader?.(tx, seg, separators);
}

function finishLineOf(tx: TransactionState): void {
	if (tx.rmr) {
		tx.rmr.line.paid = subtract(tx.rmr.line.paid, tx.rmr.adjustments);
		tx.rmr = undefined;
	}
}

function adjustmentsOf(tx: TransactionState, target: RemittanceLine): RemittanceLine[] {
	if (!tx.rmr || tx.rmr.line !== target) return [];
	const lines = (tx.payment as NonNullable<TransactionState['payment']>).lines;
	const result: RemittanceLine[] = [];
	for (let i = lines.length - 1; i >= 0 && lines[i] !== target; i--) {
		if (lines[i].kind === 'adjustment') result.push(lines[i]);
	}
	return result;
}

function completePayment(tx: TransactionState, defaultCurrency: string): RemittancePayment {
	const payment = tx.payment as NonNullable<TransactionState['payment']>;
	if (!tx.bpr) fail(tx.st, 'the transaction set has no BPR (payment amount)');
	if (payment.paymentNumber === undefined)
		fail(tx.st, 'the transaction set has no TRN (payment number)');
	const paymentDate = payment.paymentDate ?? tx.headerDate;
	if (paymentDate === undefined)
		fail(tx.bpr, 'no payment date: BPR16 is empty and there is no DTM', 'BPR16');
	const result: RemittancePayment = {
		paymentNumber: payment.paymentNumber,
		paymentDate,
		currency: tx.currency ?? defaultCurrency,
		amount: payment.amount as Decimal,
		amountFrom: 'source',
		lines: payment.lines,
		source: 'x12-820',
	};
	if (payment.paymentMethod !== undefined) result.paymentMethod = payment.paymentMethod;
	if (payment.payerName !== undefined) result.payerName = payment.payerName;
	if (payment.payeeName !== undefined) result.payeeName = payment.payeeName;
	if (payment.payeeId !== undefined) result.payeeId = payment.payeeId;
	return result;
}
