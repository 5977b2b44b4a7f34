/**
 * X12 820 Payment Order / Remittance Advice (Amazon -> vendor, GS01 `RA`, release 4010) read into
 * remittance payments, one per transaction set (ST/SE).
 *
 * Separators come from the fixed-width ISA header (106 characters): the element separator is the
 * character after `ISA` (and must be the same at position 103), the component separator is ISA16
 * (position 104) and the segment terminator is position 105. Line breaks after terminators (and a
 * BOM or blank space before ISA) are tolerated.
 *
 * Envelope checks: ISA13 = IEA02 and IEA01 = number of groups; GS06 = GE02 and GE01 = number of
 * transaction sets; ST02 = SE02 and SE01 = number of segments from ST to SE; GS01 must be `RA`
 * and ST01 `820`.
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
 * the element (`RMR04`).
 *
 * Pure: no n8n imports.
 */
import { Decimal, add, normalizeCurrencyCode, parseDecimal, subtract } from '../money';
import { parsePlainDecimal, ZERO_AMOUNT } from './amounts';
import { shown } from '../values';
import {
	RemittanceFormatError,
	isRealDate,
	isoDate,
	type RemittanceLine,
	type RemittancePayment,
} from './types';

export interface Remittance820Options {
	/** Currency when the transaction set has no CUR segment (default `USD`). */
	defaultCurrency?: string;
}

export interface X12Separators {
	element: string;
	component: string;
	segment: string;
	/** The repetition separator (ISA11 from version 00501 on, when it is not `U`). */
	repetition?: string;
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

interface Segment {
	/** 1-based position in the interchange (ISA = 1). */
	number: number;
	id: string;
	elements: string[];
}

const ISA_LENGTH = 106;
const ISA_WIDTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1];

function fail(segment: Segment | number, message: string, element?: string): never {
	const number = typeof segment === 'number' ? segment : segment.number;
	const id = typeof segment === 'number' ? '' : ` (${segment.id})`;
	throw new RemittanceFormatError(
		`X12 820 segment ${number}${id}${element ? `, element ${element}` : ''}: ${message}`,
		{ segment: number, element },
	);
}

/** Reads the separators from the ISA header; throws naming segment 1 when the header is malformed. */
export function readSeparators(text: string): { separators: X12Separators; start: number } {
	let start = 0;
	while (start < text.length && (text.charCodeAt(start) === 0xfeff || /\s/.test(text[start])))
		start++;
	if (text.slice(start, start + 3) !== 'ISA') {
		fail(1, `the interchange must start with ISA (found "${text.slice(start, start + 10)}")`);
	}
	if (text.length - start < ISA_LENGTH) {
		fail(1, `the ISA header is ${text.length - start} characters; it must be ${ISA_LENGTH}`);
	}
	const element = text[start + 3];
	const component = text[start + 104];
	const segment = text[start + 105];
	if (/[A-Za-z0-9]/.test(element)) fail(1, `"${element}" cannot be the element separator`, 'ISA01');
	if (text[start + 103] !== element) {
		fail(
			1,
			`the ISA header is not 106 fixed-width characters: expected the element ` +
				`separator "${element}" at position 103, found "${text[start + 103]}"`,
			'ISA16',
		);
	}
	if (segment === element || component === element || component === segment) {
		fail(1, 'the element, component and segment separators must differ', 'ISA16');
	}
	return { separators: { element, component, segment }, start };
}

function splitSegments(text: string, start: number, separators: X12Separators): Segment[] {
	const pieces = text.slice(start).split(separators.segment);
	const segments: Segment[] = [];
	for (const raw of pieces) {
		const piece = raw.replace(/^[\r\n\s]+/, '').replace(/[\r\n]+$/, '');
		if (piece === '') continue;
		const elements = piece.split(separators.element);
		segments.push({ number: segments.length + 1, id: elements[0].trim(), elements });
	}
	return segments;
}

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

/** The ISA header's elements: fixed widths, and the repetition separator of version 00501 on. */
function readIsa(isa: Segment, separators: X12Separators): Remittance820Result['interchange'] {
	if (isa.elements.length !== 17) {
		fail(isa, `ISA must have 16 elements, found ${isa.elements.length - 1}`);
	}
	ISA_WIDTHS.forEach((width, i) => {
		const name = `ISA${String(i + 1).padStart(2, '0')}`;
		const found = isa.elements[i + 1].length;
		if (found !== width)
			fail(
				isa,
				`${name} must be ${width} characters wide (fixed-width header), found ${found}`,
				name,
			);
	});
	const isa11 = isa.elements[11];
	if (element(isa, 12) >= '00501' && isa11 !== 'U') {
		const { element: el, component, segment } = separators;
		if (/[A-Za-z0-9\s]/.test(isa11) || [el, component, segment].includes(isa11))
			fail(isa, `"${isa11}" cannot be the repetition separator`, 'ISA11');
		separators.repetition = isa11;
	}
	return {
		senderId: element(isa, 6),
		receiverId: element(isa, 8),
		controlNumber: element(isa, 13),
		usage: element(isa, 15),
	};
}

/** Where the reader is in the envelope (ISA / GS / ST) and what it has read. */
interface Envelope {
	interchange: Remittance820Result['interchange'];
	separators: X12Separators;
	defaultCurrency: string;
	payments: RemittancePayment[];
	groups: number;
	gs?: Segment;
	setsInGroup: number;
	tx?: TransactionState;
	iea?: Segment;
}

function openGroup(env: Envelope, seg: Segment): void {
	if (env.gs) fail(seg, 'GS inside an open group (missing GE)');
	if (env.tx) fail(seg, 'GS inside an open transaction set (missing SE)');
	const code = required(seg, 1, 'functional identifier code');
	if (code !== 'RA')
		fail(seg, `GS01 is "${code}": not a remittance advice group (expected RA)`, 'GS01');
	required(seg, 6, 'group control number');
	env.gs = seg;
	env.groups++;
	env.setsInGroup = 0;
}

function closeGroup(env: Envelope, seg: Segment): void {
	const gs = env.gs;
	if (!gs) return fail(seg, 'GE without GS');
	if (env.tx) fail(seg, 'GE inside an open transaction set (missing SE)');
	expectCount(seg, 1, env.setsInGroup, 'the number of transaction sets (GE01)');
	expectSame(seg, 2, element(gs, 6), 'the group control number (GE02, GS06)');
	env.gs = undefined;
}

function closeInterchange(env: Envelope, seg: Segment): void {
	if (env.gs) fail(seg, 'IEA inside an open group (missing GE)');
	expectCount(seg, 1, env.groups, 'the number of functional groups (IEA01)');
	const controlNumber = env.interchange.controlNumber;
	expectSame(seg, 2, controlNumber, 'the interchange control number (IEA02, ISA13)');
	env.iea = seg;
}

function openTransaction(env: Envelope, seg: Segment): void {
	if (!env.gs) fail(seg, 'ST outside a functional group (missing GS)');
	if (env.tx) fail(seg, 'ST inside an open transaction set (missing SE)');
	const code = required(seg, 1, 'transaction set identifier');
	if (code !== '820') fail(seg, `ST01 is "${code}": not an 820`, 'ST01');
	required(seg, 2, 'transaction set control number');
	env.setsInGroup++;
	env.tx = { st: seg, payment: { lines: [], source: 'x12-820' }, inEnt: false };
}

function closeTransaction(env: Envelope, seg: Segment): void {
	const tx = env.tx;
	if (!tx) return fail(seg, 'SE without ST');
	finishLineOf(tx);
	const count = seg.number - tx.st.number + 1;
	expectCount(seg, 1, count, 'the number of segments in the transaction set (SE01)');
	expectSame(seg, 2, element(tx.st, 2), 'the transaction set control number (SE02, ST02)');
	env.payments.push(completePayment(tx, env.defaultCurrency));
	env.tx = undefined;
}

const ENVELOPE_SEGMENTS: Readonly<Record<string, (env: Envelope, seg: Segment) => void>> =
	Object.freeze({
		GS: openGroup,
		GE: closeGroup,
		IEA: closeInterchange,
		ISA: (_env: Envelope, seg: Segment) => fail(seg, 'a second ISA inside the interchange'),
		ST: openTransaction,
		SE: closeTransaction,
	});

function readSegment(env: Envelope, seg: Segment): void {
	if (env.iea) fail(seg, 'nothing may follow IEA');
	const envelope = Object.prototype.hasOwnProperty.call(ENVELOPE_SEGMENTS, seg.id)
		? ENVELOPE_SEGMENTS[seg.id]
		: undefined;
	if (envelope) return envelope(env, seg);
	if (!env.tx) fail(seg, `${seg.id} outside a transaction set (ST/SE)`);
	readTransactionSegment(env.tx, seg, env.separators);
}

/** Parses an X12 820 interchange into payments (one per ST). */
export function parseRemittance820(
	text: string,
	options: Remittance820Options = {},
): Remittance820Result {
	if (typeof text !== 'string') throw new RemittanceFormatError('The 820 document must be text');
	if (options === null || typeof options !== 'object')
		throw new RemittanceFormatError('The 820 options must be an object', { path: 'options' });
	const currency = options.defaultCurrency ?? 'USD';
	if (typeof currency !== 'string' || !/^[A-Za-z]{3}$/.test(currency.trim())) {
		const problem = `The default currency must be a currency code such as USD (got ${shown(currency)})`;
		throw new RemittanceFormatError(problem, { path: 'options.defaultCurrency' });
	}
	const defaultCurrency = normalizeCurrencyCode(currency);
	const { separators, start } = readSeparators(text);
	const segments = splitSegments(text, start, separators);
	const env: Envelope = {
		interchange: readIsa(segments[0], separators),
		separators,
		defaultCurrency,
		payments: [],
		groups: 0,
		setsInGroup: 0,
	};
	for (let s = 1; s < segments.length; s++) readSegment(env, segments[s]);
	if (env.tx) fail(env.tx.st, 'the transaction set is never closed (missing SE)');
	if (env.gs) fail(env.gs, 'the functional group is never closed (missing GE)');
	if (!env.iea) fail(segments.length, 'the interchange is never closed (missing IEA)');
	return { payments: env.payments, separators, interchange: env.interchange };
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
		sourcePosition: seg.number,
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
		sourcePosition: seg.number,
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
