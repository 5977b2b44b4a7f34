/**
 * Vendor Central remittance export (Payments > Remittance > "Export to a Spreadsheet") read as CSV.
 *
 * {@link parseCsv} is a small RFC 4180 parser: quoted fields, `""` escapes, line breaks inside
 * quotes, CRLF / LF / CR line ends, a UTF-8 BOM, blank lines and a trailing line break. A quote in
 * the middle of an unquoted field, text after a closing quote and an unterminated quote are errors
 * naming the line and column.
 *
 * {@link parseRemittanceCsv} maps columns by header name (case-, space- and punctuation-insensitive:
 * `Payment Number`, `payment_number` and `PAYMENTNUMBER` are the same), groups the rows into
 * payments by payment number (in order of first appearance) and reads amounts and dates exactly.
 * Amazon does not publish the export layout, so every column name is configurable; the defaults
 * are the headers seen in exports ({@link DEFAULT_CSV_COLUMNS}). The header row is the first row
 * (among the first 20) that has all required columns, so title rows above it are skipped.
 *
 * Column meanings: Payment Number, Payment Date, Invoice Number (the line's document number,
 * e.g. `12345SC`), Invoice Date, Description, Invoice Currency, Invoice Amount (gross), Terms
 * Discount Taken, Amount Paid (this line's share of the payment), Remaining Amount. Optional
 * extras when present: Payment Amount (the payment total, so the lines can be checked against it),
 * Payment Currency, PO Number, Reason Code.
 *
 * Decisions:
 * - Amounts: `1,234.56`, `(12.00)` and `-12.00` (and `12.00-`, `$`, a currency code) are read
 *   exactly; a comma decimal separator is an option. An empty Invoice Amount is `paid + discount +
 *   remaining`; an empty discount or remaining is 0; an empty Amount Paid is an error.
 * - The terms discount is read as a magnitude and takes the sign of the line (see types.ts):
 *   exports show it either as `20.00` or `-20.00` next to an invoice of `1,000.00`.
 * - Dates: ISO (`2024-01-15`, a time part is dropped), US `01/15/2024` (or day first with
 *   `dateOrder: 'DMY'`), `2024/01/15`, `15-Jan-2024`, `Jan 15, 2024`, `June 5, 2026`, `5 June 2026`
 *   (month names in full or abbreviated, any case); output ISO.
 * - A header row that names one of the columns used twice is refused: which column is meant is
 *   not known.
 * - An amount cell naming a currency (`EUR 12.00`, `€12.00`) must name its row's currency.
 * - All rows of one payment must agree on its date, currency and payment amount (else an error
 *   naming the second row), and a payment has one currency.
 *
 * Pure: no n8n imports.
 */
import { Decimal, MoneyFormatError, add, equals, normalizeCurrencyCode } from '../money';
import { isObject, shown, type Json } from '../values';
import {
	foreignCurrencyMark,
	readAmountText,
	ZERO_AMOUNT,
	type AmountText,
	type DecimalSeparator,
} from './amounts';
import {
	RemittanceFormatError,
	isRealDate,
	isoDate,
	type RemittanceLine,
	type RemittancePayment,
} from './types';

// ---------------------------------------------------------------------------------------------
// RFC 4180

export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvRecord {
	/** 1-based physical line where the record starts. */
	line: number;
	fields: string[];
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

function countLineBreaks(text: string, from: number, to: number): number {
	let count = 0;
	for (let i = from; i < to; i++) {
		const c = text.charCodeAt(i);
		if (c === LF) count++;
		else if (c === CR && text.charCodeAt(i + 1) !== LF) count++;
	}
	return count;
}

/**
 * Picks `,`, `;` or tab: the one that occurs most often (outside quotes) on a single line among the
 * first 20 lines (title rows above the header have none).
 */
export function detectDelimiter(text: string): CsvDelimiter {
	const best = { ',': 0, ';': 0, '\t': 0 };
	let counts = { ',': 0, ';': 0, '\t': 0 };
	let inQuotes = false;
	let lines = 0;
	const flush = () => {
		for (const key of [',', ';', '\t'] as const) best[key] = Math.max(best[key], counts[key]);
		counts = { ',': 0, ';': 0, '\t': 0 };
		lines++;
	};
	for (let i = 0; i < text.length && i < 20_000 && lines < 20; i++) {
		const c = text[i];
		if (c === '"') inQuotes = !inQuotes;
		else if (!inQuotes && (c === '\n' || c === '\r')) flush();
		else if (!inQuotes && (c === ',' || c === ';' || c === '\t')) counts[c]++;
	}
	flush();
	if (best[';'] > best[','] && best[';'] >= best['\t']) return ';';
	if (best['\t'] > best[','] && best['\t'] > best[';']) return '\t';
	return ',';
}

/**
 * Scans CSV text record by record, calling `onRecord(fields, line)` for each non-blank record (line =
 * 1-based physical line where it starts); returning `false` stops the scan. Throws
 * {@link RemittanceFormatError} with `line` and `column` (1-based column number) when malformed.
 */
export function scanCsv(
	text: string,
	delimiter: CsvDelimiter | 'auto',
	onRecord: (fields: string[], line: number) => boolean | void,
): void {
	const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	const delim = (delimiter === 'auto' ? detectDelimiter(text.slice(start)) : delimiter).charCodeAt(
		0,
	);
	const n = text.length;
	let i = start;
	let line = 1;
	while (i < n) {
		const recordLine = line;
		const fields: string[] = [];
		for (;;) {
			let field: string;
			if (text.charCodeAt(i) === QUOTE) {
				const fieldLine = line;
				i++;
				const open = i;
				let value = '';
				let chunk = i;
				for (;;) {
					const q = text.indexOf('"', i);
					if (q === -1) {
						throw new RemittanceFormatError(
							`CSV line ${fieldLine}, column ${fields.length + 1}: the quoted field is never closed (missing ")`,
							{ line: fieldLine, column: String(fields.length + 1) },
						);
					}
					if (text.charCodeAt(q + 1) === QUOTE) {
						value += text.slice(chunk, q + 1);
						i = q + 2;
						chunk = i;
						continue;
					}
					value = chunk === open ? text.slice(open, q) : value + text.slice(chunk, q);
					line += countLineBreaks(text, open, q);
					i = q + 1;
					break;
				}
				const c = text.charCodeAt(i);
				if (i < n && c !== delim && c !== CR && c !== LF) {
					throw new RemittanceFormatError(
						`CSV line ${line}, column ${fields.length + 1}: unexpected text after a ` +
							`closing quote (a quote inside a quoted field must be doubled: "")`,
						{ line, column: String(fields.length + 1) },
					);
				}
				field = value;
			} else {
				let j = i;
				while (j < n) {
					const c = text.charCodeAt(j);
					if (c === delim || c === CR || c === LF) break;
					if (c === QUOTE) {
						throw new RemittanceFormatError(
							`CSV line ${line}, column ${fields.length + 1}: a quote inside an unquoted ` +
								`field (quote the whole field and double the quote)`,
							{ line, column: String(fields.length + 1) },
						);
					}
					j++;
				}
				field = text.slice(i, j);
				i = j;
			}
			fields.push(field);
			if (i >= n) break;
			const c = text.charCodeAt(i);
			if (c === delim) {
				i++;
				continue;
			}
			i++;
			if (c === CR && text.charCodeAt(i) === LF) i++;
			line++;
			break;
		}
		if (!(fields.length === 1 && fields[0] === '')) {
			if (onRecord(fields, recordLine) === false) return;
		}
	}
}

/**
 * Parses CSV text into records with their line numbers. Blank lines are skipped. Throws
 * {@link RemittanceFormatError} with `line` and `column` (1-based column number) when malformed.
 */
export function parseCsv(text: string, delimiter: CsvDelimiter | 'auto' = ','): CsvRecord[] {
	const records: CsvRecord[] = [];
	scanCsv(text, delimiter, (fields, line) => {
		records.push({ line, fields });
	});
	return records;
}

/**
 * Text of a CSV file given as bytes (an n8n binary property): UTF-8 (with or without BOM), or
 * UTF-16 LE/BE with a BOM (Excel's "Unicode Text" export). Invalid UTF-8 sequences become U+FFFD.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
	if (
		bytes.length >= 2 &&
		((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
	) {
		const littleEndian = bytes[0] === 0xff;
		const chunks: string[] = [];
		const codes: number[] = [];
		for (let i = 2; i + 1 < bytes.length; i += 2) {
			codes.push(littleEndian ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1]);
			if (codes.length === 8192) {
				chunks.push(String.fromCharCode(...codes));
				codes.length = 0;
			}
		}
		chunks.push(String.fromCharCode(...codes));
		return chunks.join('');
	}
	const start =
		bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
	return new TextDecoder('utf-8').decode(bytes.subarray(start));
}

// ---------------------------------------------------------------------------------------------
// Remittance columns

export type CsvField =
	| 'paymentNumber'
	| 'paymentDate'
	| 'invoiceNumber'
	| 'invoiceDate'
	| 'description'
	| 'currency'
	| 'invoiceAmount'
	| 'discount'
	| 'amountPaid'
	| 'remaining'
	| 'paymentAmount'
	| 'paymentCurrency'
	| 'purchaseOrderNumber'
	| 'reasonCode';

/** Header name(s) per field; the first header present in the file wins. */
export type RemittanceCsvColumns = Partial<Record<CsvField, string | readonly string[]>>;

/**
 * Default headers: the Vendor Central Payments > Remittance export ("Export to a Spreadsheet") as
 * third-party guides show it (wiki.amazowl.com); check them against a real export.
 */
export const DEFAULT_CSV_COLUMNS: Readonly<Record<CsvField, readonly string[]>> = Object.freeze({
	paymentNumber: ['Payment Number'],
	paymentDate: ['Payment Date'],
	invoiceNumber: ['Invoice Number'],
	invoiceDate: ['Invoice Date'],
	description: ['Description'],
	currency: ['Invoice Currency', 'Currency'],
	invoiceAmount: ['Invoice Amount'],
	discount: ['Terms Discount Taken', 'Discount Taken', 'Terms Discount'],
	amountPaid: ['Amount Paid'],
	remaining: ['Remaining Amount'],
	paymentAmount: ['Payment Amount'],
	paymentCurrency: ['Payment Currency'],
	purchaseOrderNumber: ['PO Number', 'Purchase Order Number', 'Purchase Order'],
	reasonCode: ['Reason Code'],
});

const REQUIRED_FIELDS: readonly CsvField[] = [
	'paymentNumber',
	'paymentDate',
	'invoiceNumber',
	'amountPaid',
];
const ALL_FIELDS = Object.keys(DEFAULT_CSV_COLUMNS) as CsvField[];

export interface RemittanceCsvOptions {
	/** Header names per field; a configured field replaces that field's defaults. */
	columns?: RemittanceCsvColumns;
	/** Default `auto` (the most frequent of `,` `;` tab in the first line). */
	delimiter?: CsvDelimiter | 'auto';
	/** Default `.`. With `,`, `1.234,56` is read as 1234.56. */
	decimalSeparator?: DecimalSeparator;
	/** How `01/02/2024` is read: `MDY` (default, US) or `DMY`. */
	dateOrder?: 'MDY' | 'DMY';
	/** Currency when the file has no currency column. Without either, parsing fails. */
	defaultCurrency?: string;
}

export interface RemittanceCsvResult {
	payments: RemittancePayment[];
	/** Line number of the header row. */
	headerLine: number;
	/** The header used for each field found. */
	columns: Partial<Record<CsvField, string>>;
	rowCount: number;
}

/** `Payment Number` -> `paymentnumber`. */
export function normaliseHeader(header: string): string {
	return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function headerCandidates(options: RemittanceCsvOptions): Record<CsvField, string[]> {
	const result = {} as Record<CsvField, string[]>;
	for (const field of ALL_FIELDS) {
		const configured = options.columns?.[field];
		const names =
			configured === undefined || (typeof configured === 'string' && configured.trim() === '')
				? DEFAULT_CSV_COLUMNS[field]
				: typeof configured === 'string'
					? [configured]
					: configured;
		result[field] = names.map(normaliseHeader).filter((name) => name !== '');
	}
	return result;
}

function locateColumns(
	fields: string[],
	candidates: Record<CsvField, string[]>,
): Partial<Record<CsvField, number>> {
	const positions = new Map<string, number>();
	fields.forEach((name, index) => {
		const key = normaliseHeader(name);
		if (key !== '' && !positions.has(key)) positions.set(key, index);
	});
	const located: Partial<Record<CsvField, number>> = {};
	for (const field of ALL_FIELDS) {
		for (const name of candidates[field]) {
			const index = positions.get(name);
			if (index !== undefined) {
				located[field] = index;
				break;
			}
		}
	}
	return located;
}

// ---------------------------------------------------------------------------------------------
// Dates

const MONTH_NAMES = [
	'january',
	'february',
	'march',
	'april',
	'may',
	'june',
	'july',
	'august',
	'september',
	'october',
	'november',
	'december',
];

/** 1-12 for a month's full name or its abbreviation (`Jun`, `Sept`), any case; 0 for anything else. */
export function monthNumber(name: string): number {
	const word = name.toLowerCase();
	const index = MONTH_NAMES.findIndex(
		(month) =>
			month === word || month.slice(0, 3) === word || (word === 'sept' && month === 'september'),
	);
	return index + 1;
}

const ISO_DATE_PREFIX = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ])/;
const SLASH_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:$|[T ])/;
const YEAR_FIRST_SLASH = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:$|[T ])/;
const DAY_MONTH_NAME = /^(\d{1,2})[- ]([A-Za-z]{3,9})\.?[- ,]+(\d{4})$/;
const MONTH_NAME_DAY = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/;

/** Reads a spreadsheet date to `YYYY-MM-DD`; `undefined` when it is not a real date in a known form. */
export function parseSheetDate(raw: string, dateOrder: 'MDY' | 'DMY' = 'MDY'): string | undefined {
	const text = raw.trim();
	let year: number;
	let month: number;
	let day: number;
	let match = ISO_DATE_PREFIX.exec(text) ?? YEAR_FIRST_SLASH.exec(text);
	if (match) {
		year = Number(match[1]);
		month = Number(match[2]);
		day = Number(match[3]);
	} else if ((match = SLASH_DATE.exec(text))) {
		const first = Number(match[1]);
		const second = Number(match[2]);
		year = Number(match[3]);
		[month, day] = dateOrder === 'MDY' ? [first, second] : [second, first];
	} else if ((match = DAY_MONTH_NAME.exec(text))) {
		day = Number(match[1]);
		month = monthNumber(match[2]);
		year = Number(match[3]);
	} else if ((match = MONTH_NAME_DAY.exec(text))) {
		month = monthNumber(match[1]);
		day = Number(match[2]);
		year = Number(match[3]);
	} else {
		return undefined;
	}
	return isRealDate(year, month, day) ? isoDate(year, month, day) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Rows to payments

function optionError(name: string, expected: string, value: unknown): never {
	throw new RemittanceFormatError(
		`The CSV option ${name} must be ${expected} (got ${shown(value)})`,
		{
			path: `options.${name}`,
		},
	);
}

function checkChoice(options: Json, name: string, choices: readonly string[]): void {
	const value = options[name];
	if (value !== undefined && !choices.includes(value as string))
		optionError(name, choices.map((c) => JSON.stringify(c)).join(' or '), value);
}

/** Refuses options of the wrong shape with a named error rather than failing later. */
function checkCsvOptions(options: unknown): asserts options is RemittanceCsvOptions {
	if (!isObject(options)) {
		const problem = `The CSV options must be an object (got ${shown(options)})`;
		throw new RemittanceFormatError(problem, { path: 'options' });
	}
	checkChoice(options, 'delimiter', [',', ';', '\t', 'auto']);
	checkChoice(options, 'decimalSeparator', ['.', ',']);
	checkChoice(options, 'dateOrder', ['MDY', 'DMY']);
	const currency = options.defaultCurrency;
	if (
		currency !== undefined &&
		(typeof currency !== 'string' ||
			(currency.trim() !== '' && !/^[A-Za-z]{3}$/.test(currency.trim())))
	)
		optionError('defaultCurrency', 'a currency code such as USD', currency);
	const columns = options.columns;
	if (columns === undefined) return;
	if (!isObject(columns)) optionError('columns', 'an object', columns);
	for (const [field, names] of Object.entries(columns)) {
		const ok =
			names === undefined ||
			typeof names === 'string' ||
			(Array.isArray(names) && names.every((name) => typeof name === 'string'));
		if (!ok) optionError(`columns.${field}`, 'a header name or a list of them', names);
	}
}

interface PaymentBuilder {
	payment: RemittancePayment;
	firstLine: number;
	explicitAmount?: Decimal;
}

const ZERO = BigInt(0);

/**
 * Parses a Vendor Central remittance export into payments. Throws {@link RemittanceFormatError}
 * naming the line and column for a malformed row, a missing required column (listing the headers
 * found) or inconsistent payment data.
 */
export function parseRemittanceCsv(
	text: string,
	options: RemittanceCsvOptions = {},
): RemittanceCsvResult {
	if (typeof text !== 'string') {
		throw new RemittanceFormatError('The remittance CSV must be text');
	}
	checkCsvOptions(options);
	const candidates = headerCandidates(options);
	const head: CsvRecord[] = [];
	let reader: RowReader | undefined;
	scanCsv(text, options.delimiter ?? 'auto', (fields, line) => {
		if (reader !== undefined) {
			reader.row(fields, line);
			return true;
		}
		head.push({ line, fields });
		const attempt = locateColumns(fields, candidates);
		if (REQUIRED_FIELDS.every((field) => attempt[field] !== undefined)) {
			reader = createRowReader(fields, line, attempt, options);
			return true;
		}
		return head.length < 20;
	});
	if (reader !== undefined) return (reader as RowReader).finish();
	if (head.length === 0) throw new RemittanceFormatError('The remittance CSV is empty');
	let closest = 0;
	let closestFound = -1;
	head.forEach((record, r) => {
		const attempt = locateColumns(record.fields, candidates);
		const found = REQUIRED_FIELDS.filter((field) => attempt[field] !== undefined).length;
		if (found > closestFound) {
			closest = r;
			closestFound = found;
		}
	});
	const best = locateColumns(head[closest].fields, candidates);
	const missing = REQUIRED_FIELDS.filter((field) => best[field] === undefined).map((field) => {
		const configured = options.columns?.[field];
		const names =
			typeof configured === 'string' ? [configured] : (configured ?? DEFAULT_CSV_COLUMNS[field]);
		return `${field} (${names.map((h) => `"${h}"`).join(' or ')})`;
	});
	throw new RemittanceFormatError(
		`CSV line ${head[closest].line}: required columns not found: ` +
			`${missing.join(', ')}. Headers found: ` +
			`${head[closest].fields.map((h) => `"${h}"`).join(', ')}`,
		{ line: head[closest].line },
	);
}

/** 1-based positions of the columns used whose header is also the header of another column. */
function duplicateHeader(
	header: string[],
	located: Partial<Record<CsvField, number>>,
): { name: string; columns: number[] } | undefined {
	for (const index of Object.values(located)) {
		if (index === undefined) continue;
		const key = normaliseHeader(header[index]);
		const columns = header.flatMap((name, i) => (normaliseHeader(name) === key ? [i + 1] : []));
		if (columns.length > 1) return { name: header[index], columns };
	}
	return undefined;
}

interface RowReader {
	row(fields: string[], line: number): void;
	finish(): RemittanceCsvResult;
}

/** Reads the rows under a found header into payments. */
function createRowReader(
	header: string[],
	headerLine: number,
	located: Partial<Record<CsvField, number>>,
	options: RemittanceCsvOptions,
): RowReader {
	const duplicate = duplicateHeader(header, located);
	if (duplicate !== undefined) {
		throw new RemittanceFormatError(
			`CSV line ${headerLine}: the header "${duplicate.name}" is given to columns ` +
				`${duplicate.columns.join(' and ')}; rename one of them (or name the column to read ` +
				'under CSV Options)',
			{ line: headerLine, column: duplicate.name },
		);
	}
	const defaultCurrency =
		options.defaultCurrency !== undefined && options.defaultCurrency.trim() !== ''
			? normalizeCurrencyCode(options.defaultCurrency)
			: undefined;
	if (
		located.currency === undefined &&
		located.paymentCurrency === undefined &&
		defaultCurrency === undefined
	) {
		throw new RemittanceFormatError(
			`CSV line ${headerLine}: no currency column ("Invoice Currency" or "Payment Currency") ` +
				'and no default currency set',
			{ line: headerLine },
		);
	}
	return new CsvRowReader(header, headerLine, located, options, defaultCurrency);
}

/** The cells of one row as the reader reads them. */
interface RowCells {
	fields: string[];
	line: number;
}

class CsvRowReader implements RowReader {
	private readonly columns: Partial<Record<CsvField, string>> = {};
	private readonly decimalSeparator: DecimalSeparator;
	private readonly dateOrder: 'MDY' | 'DMY';
	private readonly dateCache = new Map<string, string | undefined>();
	private readonly currencyCache = new Map<string, string>();
	private readonly payments = new Map<string, PaymentBuilder>();
	private rowCount = 0;

	constructor(
		private readonly header: string[],
		private readonly headerLine: number,
		private readonly located: Partial<Record<CsvField, number>>,
		options: RemittanceCsvOptions,
		private readonly defaultCurrency: string | undefined,
	) {
		for (const field of ALL_FIELDS) {
			const index = located[field];
			if (index !== undefined) this.columns[field] = header[index];
		}
		this.decimalSeparator = options.decimalSeparator ?? '.';
		this.dateOrder = options.dateOrder ?? 'MDY';
	}

	private index(field: CsvField): number {
		return this.located[field] ?? -1;
	}

	private fail(line: number, index: number, message: string): never {
		const name = this.header[index] ?? `column ${index + 1}`;
		throw new RemittanceFormatError(
			`CSV line ${line}, column "${name}" (${index + 1}): ${message}`,
			{
				line,
				column: name,
			},
		);
	}

	/** An amount cell; a currency written in it must be `currency`. */
	private amount(
		row: RowCells,
		field: CsvField,
		currency: string | undefined,
	): Decimal | undefined {
		const index = this.index(field);
		if (index < 0) return undefined;
		const cell = row.fields[index];
		let read: AmountText | undefined;
		try {
			read = readAmountText(cell, this.decimalSeparator);
		} catch (error) {
			const problem =
				error instanceof MoneyFormatError ? error.message : `"${cell}" is not an amount`;
			return this.fail(row.line, index, problem);
		}
		const foreign = read && currency ? foreignCurrencyMark(read.currencies, currency) : undefined;
		if (foreign !== undefined)
			this.fail(row.line, index, `"${cell}" names ${foreign}, but the row is in ${currency}`);
		return read?.amount;
	}

	private date(row: RowCells, field: CsvField, required: boolean): string | undefined {
		const index = this.index(field);
		if (index < 0) return undefined;
		const cell = row.fields[index];
		if (cell.trim() === '')
			return required ? this.fail(row.line, index, 'the date is empty') : undefined;
		let date = this.dateCache.get(cell);
		if (date === undefined && !this.dateCache.has(cell)) {
			date = parseSheetDate(cell, this.dateOrder);
			this.dateCache.set(cell, date);
		}
		if (date !== undefined) return date;
		const example = this.dateOrder === 'MDY' ? '01/15/2024' : '15/01/2024';
		return this.fail(
			row.line,
			index,
			`"${cell}" is not a date (expected e.g. 2024-01-15 or ${example})`,
		);
	}

	private currency(row: RowCells, field: CsvField): string | undefined {
		const index = this.index(field);
		if (index < 0) return undefined;
		const cell = row.fields[index].trim();
		if (cell === '') return undefined;
		let code = this.currencyCache.get(cell);
		if (code !== undefined) return code;
		try {
			code = normalizeCurrencyCode(cell);
		} catch {
			const problem = `"${cell}" is not a currency code (expected three letters such as USD)`;
			return this.fail(row.line, index, problem);
		}
		this.currencyCache.set(cell, code);
		return code;
	}

	private text(row: RowCells, field: CsvField): string | undefined {
		const index = this.index(field);
		if (index < 0) return undefined;
		const value = row.fields[index].trim();
		return value === '' ? undefined : value;
	}

	private checkWidth({ fields, line }: RowCells): void {
		const width = this.header.length;
		const problem = `the row has ${fields.length} columns but the header on line ${this.headerLine} has ${width}`;
		if (fields.length < width) this.fail(line, fields.length, problem);
		for (let extra = width; extra < fields.length; extra++) {
			if (fields[extra].trim() !== '') {
				throw new RemittanceFormatError(`CSV line ${line}, column ${extra + 1}: ${problem}`, {
					line,
					column: String(extra + 1),
				});
			}
		}
	}

	private requiredText(row: RowCells, field: CsvField, what: string): string {
		const value = row.fields[this.index(field)].trim();
		if (value === '') this.fail(row.line, this.index(field), `the ${what} is empty`);
		return value;
	}

	/** The row's currencies: its line's (Invoice Currency) and its payment's. */
	private currencies(row: RowCells): { line?: string; payment: string } {
		const line = this.currency(row, 'currency');
		const payment = this.currency(row, 'paymentCurrency') ?? line ?? this.defaultCurrency;
		if (payment === undefined) {
			const index =
				this.index('currency') >= 0 ? this.index('currency') : this.index('paymentCurrency');
			this.fail(row.line, index, 'the currency is empty and no default currency is set');
		}
		return { line, payment };
	}

	/** The remittance line of one row (amounts, dates and texts). */
	private remittanceLine(
		row: RowCells,
		reference: string,
		lineCurrency: string | undefined,
		currency: string,
	) {
		const paid = this.amount(row, 'amountPaid', currency);
		if (paid === undefined)
			return this.fail(row.line, this.index('amountPaid'), 'the amount paid is empty');
		const rawDiscount = this.amount(row, 'discount', currency) ?? ZERO_AMOUNT;
		const remaining = this.amount(row, 'remaining', currency) ?? ZERO_AMOUNT;
		const grossCell = this.amount(row, 'invoiceAmount', currency);
		// The discount is a magnitude carrying the line's sign (gross, else paid).
		const signSource = grossCell !== undefined && grossCell.units !== ZERO ? grossCell : paid;
		const discount =
			rawDiscount.units === ZERO || rawDiscount.units < ZERO === signSource.units < ZERO
				? rawDiscount
				: new Decimal(-rawDiscount.units, rawDiscount.scale);
		const gross = grossCell ?? add(add(paid, discount), remaining);
		const line: RemittanceLine = {
			reference,
			gross,
			discount,
			paid,
			remaining,
			sourcePosition: row.line,
		};
		const invoiceDate = this.date(row, 'invoiceDate', false);
		if (invoiceDate !== undefined) line.invoiceDate = invoiceDate;
		const description = this.text(row, 'description');
		if (description !== undefined) line.description = description;
		if (lineCurrency !== undefined) line.currency = lineCurrency;
		const purchaseOrderNumber = this.text(row, 'purchaseOrderNumber');
		if (purchaseOrderNumber !== undefined) line.purchaseOrderNumber = purchaseOrderNumber;
		const reasonCode = this.text(row, 'reasonCode');
		if (reasonCode !== undefined) line.reasonCode = reasonCode;
		return line;
	}

	row(fields: string[], line: number): void {
		const row: RowCells = { fields, line };
		if (fields.length !== this.header.length) this.checkWidth(row);
		this.rowCount++;
		const paymentNumber = this.requiredText(row, 'paymentNumber', 'payment number');
		const reference = this.requiredText(row, 'invoiceNumber', 'invoice number');
		const paymentDate = this.date(row, 'paymentDate', true) as string;
		const currencies = this.currencies(row);
		const remittanceLine = this.remittanceLine(
			row,
			reference,
			currencies.line,
			currencies.line ?? currencies.payment,
		);
		const paymentAmount = this.amount(row, 'paymentAmount', currencies.payment);
		const builder = this.payments.get(paymentNumber);
		if (builder === undefined) {
			this.payments.set(paymentNumber, {
				payment: {
					paymentNumber,
					paymentDate,
					currency: currencies.payment,
					amount: ZERO_AMOUNT,
					amountFrom: paymentAmount === undefined ? 'sumOfLines' : 'source',
					lines: [remittanceLine],
					source: 'csv',
				},
				firstLine: line,
				explicitAmount: paymentAmount,
			});
			return;
		}
		this.checkSamePayment(row, builder, {
			paymentDate,
			currency: currencies.payment,
			paymentAmount,
		});
		builder.payment.lines.push(remittanceLine);
	}

	/** All rows of one payment agree on its date, currency and payment amount. */
	private checkSamePayment(
		row: RowCells,
		builder: PaymentBuilder,
		seen: { paymentDate: string; currency: string; paymentAmount: Decimal | undefined },
	): void {
		const { payment, firstLine, explicitAmount } = builder;
		const number = payment.paymentNumber;
		if (payment.paymentDate !== seen.paymentDate) {
			this.fail(
				row.line,
				this.index('paymentDate'),
				`payment ${number} is dated ${seen.paymentDate} here but ${payment.paymentDate} on line ${firstLine}`,
			);
		}
		const currencyIndex =
			this.index('paymentCurrency') >= 0 ? this.index('paymentCurrency') : this.index('currency');
		if (currencyIndex >= 0 && payment.currency !== seen.currency) {
			this.fail(
				row.line,
				currencyIndex,
				`payment ${number} is in ${seen.currency} here but in ${payment.currency} on line ${firstLine} ` +
					'(one payment has one currency)',
			);
		}
		const amount = seen.paymentAmount;
		if (amount === undefined && explicitAmount === undefined) return;
		if (amount === undefined || explicitAmount === undefined || !equals(amount, explicitAmount)) {
			this.fail(
				row.line,
				this.index('paymentAmount'),
				`payment ${number} has a different payment amount than on line ${firstLine}`,
			);
		}
	}

	finish(): RemittanceCsvResult {
		const result: RemittancePayment[] = [];
		for (const builder of this.payments.values()) {
			let total = ZERO_AMOUNT;
			for (const line of builder.payment.lines) total = add(total, line.paid);
			builder.payment.amount = builder.explicitAmount ?? total;
			result.push(builder.payment);
		}
		const { headerLine, columns, rowCount } = this;
		return { payments: result, headerLine, columns, rowCount };
	}
}
