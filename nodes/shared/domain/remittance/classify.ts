/**
 * Classifies remittance lines into deduction types with ordered rules. The first rule whose
 * conditions all hold gives the type; a line no rule recognises gets `type: undefined` and is never
 * guessed (journal.ts sends it to Exceptions with its payment).
 *
 * Operator rules come first, then {@link DEFAULT_RULES} (or operator rules only, with
 * `replaceDefaults`). Conditions of one rule are ANDed; text comparisons ignore case.
 *
 * Conditions (`match`):
 * | key | holds when |
 * | --- | --- |
 * | `referenceSuffix` | the reference ends with it and has something before it (`12345SC` for `SC`) |
 * | `referencePattern` | the regular expression (case-insensitive) finds a match in the reference |
 * | `reasonCode` | the line's 820 ADX / CSV reason code is one of these (comma-separated or a list) |
 * | `varianceType` | the Finances API variance type is one of these (`PQV`, `PPV`, `OTHER`) |
 * | `defectType` | one of the line's Finances API defect types is one of these |
 * | `serviceChargeType` | the Finances API service charge type is one of these |
 * | `hasAgreementNumber` | the line carries (true) / does not carry (false) an agreement number |
 * | `descriptionKeyword` | the description contains the words (case and spacing ignored) |
 * | `amountSign` | the line is `positive` / `negative` (its `paid`, or `gross` when nothing was paid) |
 * | `lineKind` | the line is a `document` or an `adjustment` (820 ADX, API variance) |
 *
 * DEFAULT_RULES, in order (sources: the invoice-number suffixes and patterns that third-party
 * guides document (wiki.amazowl.com, the amalytix glossary), the Finances API 2026-06-25 enums,
 * generic X12 4010 element 426 meanings):
 *
 * | # | id | condition | type |
 * | --- | --- | --- | --- |
 * | 1 | revised-shortage-claim | suffix `SCRSC` | revisedShortageClaim (invoice = reference minus suffix) |
 * | 2 | shortage-claim-reversal | suffix `SCR` | shortageClaimReversal (idem) |
 * | 3 | shortage-claim | suffix `SC` | shortageClaim (idem) |
 * | 4 | price-claim | suffix `PC` | priceClaim (idem) |
 * | 5 | chargeback | suffix `VCBSINV` | chargeback |
 * | 6 | provision-release | pattern `PROVISION FOR RECEIVABLES\s*R$` (the `…R` release) | provisionRelease |
 * | 7 | provision-release-positive | pattern `PROVISION FOR RECEIVABLES$`, positive | provisionRelease |
 * | 8 | provision-for-receivables | pattern `PROVISION FOR RECEIVABLES$` | provisionForReceivables |
 * | 9 | price-protection-debit-note | pattern `^IPAPUS\d{7}$` | priceProtection |
 * | 10 | agreement-invoice | pattern `^[A-Z0-9]{4}-[A-Z0-9]{8}$` (XXXX-XXXXXXXX) | coopAgreement |
 * | 11 | api-damage-allowance | serviceChargeType `DAMAGE_ALLOWANCE` | damageAllowance |
 * | 12 | api-price-protection | serviceChargeType `PRICE_PROTECTION` | priceProtection |
 * | 13 | api-storage-fee | serviceChargeType `FBA_INVENTORY_STORAGE_FEE` | storageFee |
 * | 14 | api-agreement | hasAgreementNumber | coopAgreement |
 * | 15 | api-price-protection-defect | defectType `CCOGS_PRICE_PROTECTION_AGREEMENT_PPA` | priceProtection |
 * | 16 | api-quantity-variance | varianceType `PQV` | shortageClaim |
 * | 17 | api-price-variance | varianceType `PPV` | priceClaim |
 * | 18 | x12-pricing-error | reasonCode `01` (pricing error) | priceClaim |
 * | 19 | x12-quantity | reasonCode `06`, `19`, `59` (quantity contested, duplicate, not received) | shortageClaim |
 * | 20 | x12-returns | reasonCode `11`-`15` (returns) | returns |
 * | 21 | x12-freight | reasonCode `54` (freight deducted) | freightAllowance |
 * | 22 | x12-allowances | reasonCode `56`, `57`, `71` (advertising allowance, volume discount) | coopAgreement |
 * | 23 | keyword-quick-pay | description `quick pay` / `quickpay` / `terms discount`, negative | quickPayDiscount |
 * | 24 | keyword-shortage-reversal | description `shortage claim reversal`, positive | shortageClaimReversal |
 * | 25 | keyword-shortage | description `shortage`, negative | shortageClaim |
 * | 26 | keyword-price-claim | description `price claim`, negative | priceClaim |
 * | 27 | keyword-chargeback | description `chargeback` / `charge back`, negative | chargeback |
 * | 28 | keyword-price-protection | description `price protection`, negative | priceProtection |
 * | 29 | keyword-damage-allowance | description `damage allowance`, negative | damageAllowance |
 * | 30 | keyword-coop | description `co-op` / `coop`, negative | coopAgreement |
 * | 31 | vendor-invoice | pattern `^[A-Z0-9][A-Z0-9._/-]*$`, positive, lineKind document | invoicePayment |
 *
 * Caveats: Amazon's ADX reason code list is not public (rules 18-22 use the generic X12 meanings;
 * check the vendor's own 820 spec). A vendor whose own invoice numbers end in `SC`/`PC` or look
 * like `XXXX-XXXXXXXX` must add an operator rule for its invoice numbers (operator rules come
 * first). Rule 31 takes any positive single-token reference that no earlier rule claimed as a
 * vendor invoice; narrow it with an operator rule (e.g. `^INV\d+$` -> invoicePayment) and
 * `replaceDefaults` if the vendor's numbering is known.
 *
 * Pure: no n8n imports.
 */
import type { RemittanceLine, RemittancePayment } from './types';

/** Types the default rules produce (operator rules may produce any other name). */
export const LINE_TYPES = [
	'invoicePayment',
	'shortageClaim',
	'shortageClaimReversal',
	'revisedShortageClaim',
	'priceClaim',
	'chargeback',
	'coopAgreement',
	'damageAllowance',
	'priceProtection',
	'provisionForReceivables',
	'provisionRelease',
	'quickPayDiscount',
	'returns',
	'freightAllowance',
	'storageFee',
	'rounding',
] as const;

export type KnownLineType = (typeof LINE_TYPES)[number];

export interface RuleMatch {
	referenceSuffix?: string;
	referencePattern?: string;
	reasonCode?: string | readonly string[];
	varianceType?: string | readonly string[];
	defectType?: string | readonly string[];
	serviceChargeType?: string | readonly string[];
	hasAgreementNumber?: boolean;
	descriptionKeyword?: string | readonly string[];
	amountSign?: 'positive' | 'negative';
	lineKind?: 'document' | 'adjustment';
}

export interface ClassificationRule {
	id: string;
	match: RuleMatch;
	/** The line type (deduction type) the rule gives. */
	type: string;
	/**
	 * How the rule finds the vendor invoice the line is about, when the source did not say:
	 * `stripSuffix` (the reference minus the matched suffix: `12345SC` -> `12345`), `self` (the
	 * reference is the invoice) or `none` (default).
	 */
	invoiceReference?: 'self' | 'stripSuffix' | 'none';
}

const rule = (
	id: string,
	match: RuleMatch,
	type: KnownLineType,
	invoiceReference?: ClassificationRule['invoiceReference'],
): ClassificationRule =>
	invoiceReference ? { id, match, type, invoiceReference } : { id, match, type };

/** The documented default rules (see the table at the top of this file). */
export const DEFAULT_RULES: readonly ClassificationRule[] = Object.freeze(
	[
		rule(
			'revised-shortage-claim',
			{ referenceSuffix: 'SCRSC' },
			'revisedShortageClaim',
			'stripSuffix',
		),
		rule(
			'shortage-claim-reversal',
			{ referenceSuffix: 'SCR' },
			'shortageClaimReversal',
			'stripSuffix',
		),
		rule('shortage-claim', { referenceSuffix: 'SC' }, 'shortageClaim', 'stripSuffix'),
		rule('price-claim', { referenceSuffix: 'PC' }, 'priceClaim', 'stripSuffix'),
		rule('chargeback', { referenceSuffix: 'VCBSINV' }, 'chargeback'),
		rule(
			'provision-release',
			{ referencePattern: 'PROVISION FOR RECEIVABLES\\s*R$' },
			'provisionRelease',
		),
		rule(
			'provision-release-positive',
			{ referencePattern: 'PROVISION FOR RECEIVABLES$', amountSign: 'positive' },
			'provisionRelease',
		),
		rule(
			'provision-for-receivables',
			{ referencePattern: 'PROVISION FOR RECEIVABLES$' },
			'provisionForReceivables',
		),
		rule('price-protection-debit-note', { referencePattern: '^IPAPUS\\d{7}$' }, 'priceProtection'),
		rule('agreement-invoice', { referencePattern: '^[A-Z0-9]{4}-[A-Z0-9]{8}$' }, 'coopAgreement'),
		rule('api-damage-allowance', { serviceChargeType: 'DAMAGE_ALLOWANCE' }, 'damageAllowance'),
		rule('api-price-protection', { serviceChargeType: 'PRICE_PROTECTION' }, 'priceProtection'),
		rule('api-storage-fee', { serviceChargeType: 'FBA_INVENTORY_STORAGE_FEE' }, 'storageFee'),
		rule('api-agreement', { hasAgreementNumber: true }, 'coopAgreement'),
		rule(
			'api-price-protection-defect',
			{ defectType: 'CCOGS_PRICE_PROTECTION_AGREEMENT_PPA' },
			'priceProtection',
		),
		rule('api-quantity-variance', { varianceType: 'PQV' }, 'shortageClaim'),
		rule('api-price-variance', { varianceType: 'PPV' }, 'priceClaim'),
		rule('x12-pricing-error', { reasonCode: '01' }, 'priceClaim'),
		rule('x12-quantity', { reasonCode: ['06', '19', '59'] }, 'shortageClaim'),
		rule('x12-returns', { reasonCode: ['11', '12', '13', '14', '15'] }, 'returns'),
		rule('x12-freight', { reasonCode: '54' }, 'freightAllowance'),
		rule('x12-allowances', { reasonCode: ['56', '57', '71'] }, 'coopAgreement'),
		rule(
			'keyword-quick-pay',
			{ descriptionKeyword: ['quick pay', 'quickpay', 'terms discount'], amountSign: 'negative' },
			'quickPayDiscount',
		),
		rule(
			'keyword-shortage-reversal',
			{ descriptionKeyword: 'shortage claim reversal', amountSign: 'positive' },
			'shortageClaimReversal',
		),
		rule(
			'keyword-shortage',
			{ descriptionKeyword: 'shortage', amountSign: 'negative' },
			'shortageClaim',
		),
		rule(
			'keyword-price-claim',
			{ descriptionKeyword: 'price claim', amountSign: 'negative' },
			'priceClaim',
		),
		rule(
			'keyword-chargeback',
			{ descriptionKeyword: ['chargeback', 'charge back'], amountSign: 'negative' },
			'chargeback',
		),
		rule(
			'keyword-price-protection',
			{ descriptionKeyword: 'price protection', amountSign: 'negative' },
			'priceProtection',
		),
		rule(
			'keyword-damage-allowance',
			{ descriptionKeyword: 'damage allowance', amountSign: 'negative' },
			'damageAllowance',
		),
		rule(
			'keyword-coop',
			{ descriptionKeyword: ['co-op', 'coop'], amountSign: 'negative' },
			'coopAgreement',
		),
		rule(
			'vendor-invoice',
			{ referencePattern: '^[A-Z0-9][A-Z0-9._/-]*$', amountSign: 'positive', lineKind: 'document' },
			'invoicePayment',
			'self',
		),
	].map((r) => Object.freeze({ ...r, match: Object.freeze({ ...r.match }) })),
);

/** An operator rule that cannot be used; the message names the rule. */
export class ClassificationRuleError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ClassificationRuleError';
	}
}

interface CompiledRule {
	id: string;
	type: string;
	invoiceReference: 'self' | 'stripSuffix' | 'none';
	suffix?: string;
	pattern?: RegExp;
	reasonCodes?: Set<string>;
	varianceTypes?: Set<string>;
	defectTypes?: Set<string>;
	serviceChargeTypes?: Set<string>;
	hasAgreementNumber?: boolean;
	keywords?: string[];
	amountSign?: 1 | -1;
	lineKind?: 'document' | 'adjustment';
}

/** Rules ready to apply (regular expressions compiled, lists turned into sets). */
export interface CompiledRules {
	readonly rules: readonly CompiledRule[];
}

function codeList(
	value: string | readonly string[] | undefined,
	ruleName: string,
	key: string,
): Set<string> | undefined {
	if (value === undefined) return undefined;
	const items = typeof value === 'string' ? value.split(',') : value;
	if (!Array.isArray(items) && typeof value !== 'string') {
		throw new ClassificationRuleError(`${ruleName}: ${key} must be text or a list of texts`);
	}
	const set = new Set<string>();
	for (const item of items) {
		if (typeof item !== 'string')
			throw new ClassificationRuleError(`${ruleName}: ${key} must be text or a list of texts`);
		const code = item.trim().toUpperCase();
		if (code !== '') set.add(code);
	}
	if (set.size === 0) throw new ClassificationRuleError(`${ruleName}: ${key} is empty`);
	return set;
}

function normaliseWords(text: string): string {
	return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

function compileRule(input: ClassificationRule, index: number): CompiledRule {
	if (input === null || typeof input !== 'object') {
		throw new ClassificationRuleError(
			`Rule ${index + 1}: expected an object with id, match and type`,
		);
	}
	const id =
		typeof input.id === 'string' && input.id.trim() !== '' ? input.id.trim() : `rule ${index + 1}`;
	const name = `Rule "${id}"`;
	if (typeof input.type !== 'string' || input.type.trim() === '') {
		throw new ClassificationRuleError(
			`${name}: type is missing (the deduction type the rule gives)`,
		);
	}
	const match = input.match;
	if (match === null || typeof match !== 'object') {
		throw new ClassificationRuleError(`${name}: match is missing (at least one condition)`);
	}
	const invoiceReference = input.invoiceReference ?? 'none';
	if (
		invoiceReference !== 'self' &&
		invoiceReference !== 'stripSuffix' &&
		invoiceReference !== 'none'
	) {
		throw new ClassificationRuleError(
			`${name}: invoiceReference must be self, stripSuffix or none`,
		);
	}
	const compiled: CompiledRule = { id, type: input.type.trim(), invoiceReference };
	let conditions = 0;
	if (match.referenceSuffix !== undefined) {
		if (typeof match.referenceSuffix !== 'string' || match.referenceSuffix.trim() === '') {
			throw new ClassificationRuleError(`${name}: referenceSuffix must be non-empty text`);
		}
		compiled.suffix = match.referenceSuffix.trim().toUpperCase();
		conditions++;
	}
	if (match.referencePattern !== undefined) {
		if (typeof match.referencePattern !== 'string' || match.referencePattern === '') {
			throw new ClassificationRuleError(
				`${name}: referencePattern must be a non-empty regular expression`,
			);
		}
		let problem: string | undefined;
		try {
			compiled.pattern = new RegExp(match.referencePattern, 'i');
		} catch (error) {
			problem = (error as Error).message;
		}
		if (problem !== undefined) {
			throw new ClassificationRuleError(
				`${name}: referencePattern "${match.referencePattern}" is not a valid regular expression (${problem})`,
			);
		}
		conditions++;
	}
	const sets: Array<
		[keyof RuleMatch, 'reasonCodes' | 'varianceTypes' | 'defectTypes' | 'serviceChargeTypes']
	> = [
		['reasonCode', 'reasonCodes'],
		['varianceType', 'varianceTypes'],
		['defectType', 'defectTypes'],
		['serviceChargeType', 'serviceChargeTypes'],
	];
	for (const [key, target] of sets) {
		const set = codeList(match[key] as string | readonly string[] | undefined, name, key);
		if (set) {
			compiled[target] = set;
			conditions++;
		}
	}
	if (match.hasAgreementNumber !== undefined) {
		if (typeof match.hasAgreementNumber !== 'boolean') {
			throw new ClassificationRuleError(`${name}: hasAgreementNumber must be true or false`);
		}
		compiled.hasAgreementNumber = match.hasAgreementNumber;
		conditions++;
	}
	if (match.descriptionKeyword !== undefined) {
		const words = codeList(match.descriptionKeyword, name, 'descriptionKeyword');
		compiled.keywords = [...(words ?? [])].map(normaliseWords);
		conditions++;
	}
	if (match.amountSign !== undefined) {
		if (match.amountSign !== 'positive' && match.amountSign !== 'negative') {
			throw new ClassificationRuleError(`${name}: amountSign must be positive or negative`);
		}
		compiled.amountSign = match.amountSign === 'positive' ? 1 : -1;
		conditions++;
	}
	if (match.lineKind !== undefined) {
		if (match.lineKind !== 'document' && match.lineKind !== 'adjustment') {
			throw new ClassificationRuleError(`${name}: lineKind must be document or adjustment`);
		}
		compiled.lineKind = match.lineKind;
		conditions++;
	}
	if (conditions === 0) {
		throw new ClassificationRuleError(
			`${name}: match has no condition (a rule must not match every line)`,
		);
	}
	if (invoiceReference === 'stripSuffix' && compiled.suffix === undefined) {
		throw new ClassificationRuleError(
			`${name}: invoiceReference stripSuffix needs a referenceSuffix`,
		);
	}
	return compiled;
}

/**
 * Compiles operator rules followed by the defaults (or the operator rules alone with
 * `replaceDefaults`). Throws {@link ClassificationRuleError} naming the first unusable rule.
 */
export function compileRules(
	operatorRules: readonly ClassificationRule[] = [],
	options: { replaceDefaults?: boolean } = {},
): CompiledRules {
	if (!Array.isArray(operatorRules)) throw new ClassificationRuleError('Rules must be a list');
	const list = options.replaceDefaults ? [...operatorRules] : [...operatorRules, ...DEFAULT_RULES];
	const ids = new Set<string>();
	const rules = list.map((r, index) => {
		const compiled = compileRule(r, index);
		if (index < operatorRules.length && ids.has(compiled.id)) {
			throw new ClassificationRuleError(`Rule "${compiled.id}" is defined twice`);
		}
		ids.add(compiled.id);
		return compiled;
	});
	return Object.freeze({ rules: Object.freeze(rules) });
}

let defaultCompiled: CompiledRules | undefined;
/** The compiled {@link DEFAULT_RULES}. */
export function defaultRules(): CompiledRules {
	return (defaultCompiled ??= compileRules([]));
}

export interface LineClassification {
	/** The type, or `undefined` when no rule recognises the line (never guessed). */
	type: string | undefined;
	ruleId?: string;
	/** The vendor invoice the line is about: from the source, else derived by the rule. */
	invoiceNumber?: string;
}

export interface ClassifiedLine extends LineClassification {
	line: RemittanceLine;
	/** The purchase order, when matching found it (else the line's own). */
	purchaseOrderNumber?: string;
}

const ZERO = BigInt(0);

function lineSign(line: RemittanceLine): -1 | 0 | 1 {
	const units = line.paid.units !== ZERO ? line.paid.units : line.gross.units;
	return units > ZERO ? 1 : units < ZERO ? -1 : 0;
}

/** Lower-cased, space-collapsed description of the line being classified (computed on first use). */
let describedLine: RemittanceLine | undefined;
let describedWords = '';
function wordsOf(line: RemittanceLine): string {
	if (describedLine !== line) {
		describedLine = line;
		describedWords = normaliseWords(line.description ?? '');
	}
	return describedWords;
}

function matches(r: CompiledRule, line: RemittanceLine, upperReference: string): boolean {
	if (r.suffix !== undefined) {
		if (upperReference.length <= r.suffix.length || !upperReference.endsWith(r.suffix))
			return false;
	}
	if (r.pattern !== undefined && !r.pattern.test(line.reference)) return false;
	if (r.reasonCodes !== undefined) {
		if (line.reasonCode === undefined || !r.reasonCodes.has(line.reasonCode.trim().toUpperCase()))
			return false;
	}
	if (r.varianceTypes !== undefined) {
		if (
			line.varianceType === undefined ||
			!r.varianceTypes.has(line.varianceType.trim().toUpperCase())
		)
			return false;
	}
	if (r.defectTypes !== undefined) {
		const wanted = r.defectTypes;
		const defects = line.defectTypes;
		if (defects === undefined || !defects.some((d) => wanted.has(d.trim().toUpperCase())))
			return false;
	}
	if (r.serviceChargeTypes !== undefined) {
		if (
			line.serviceChargeType === undefined ||
			!r.serviceChargeTypes.has(line.serviceChargeType.trim().toUpperCase())
		) {
			return false;
		}
	}
	if (r.hasAgreementNumber !== undefined) {
		const has = line.agreementNumber !== undefined && line.agreementNumber.trim() !== '';
		if (has !== r.hasAgreementNumber) return false;
	}
	if (r.amountSign !== undefined && lineSign(line) !== r.amountSign) return false;
	if (r.lineKind !== undefined && (line.kind ?? 'document') !== r.lineKind) return false;
	if (r.keywords !== undefined) {
		if (line.description === undefined) return false;
		const text = wordsOf(line);
		if (!r.keywords.some((k) => text.includes(k))) return false;
	}
	return true;
}

function classify(line: RemittanceLine, rules: CompiledRules): ClassifiedLine {
	const reference = line.reference.trim();
	const upperReference = reference.toUpperCase();
	const list = rules.rules;
	for (let i = 0; i < list.length; i++) {
		const r = list[i];
		if (!matches(r, line, upperReference)) continue;
		let invoiceNumber = line.invoiceNumber;
		if (invoiceNumber === undefined) {
			if (r.invoiceReference === 'self') invoiceNumber = reference;
			else if (r.invoiceReference === 'stripSuffix' && r.suffix !== undefined) {
				const base = reference.slice(0, reference.length - r.suffix.length).replace(/[\s-]+$/, '');
				if (base !== '') invoiceNumber = base;
			}
		}
		return { line, type: r.type, ruleId: r.id, invoiceNumber, purchaseOrderNumber: undefined };
	}
	return {
		line,
		type: undefined,
		ruleId: undefined,
		invoiceNumber: line.invoiceNumber,
		purchaseOrderNumber: undefined,
	};
}

/** Classifies one line with compiled rules (default: the default rules). */
export function classifyLine(
	line: RemittanceLine,
	rules: CompiledRules = defaultRules(),
): LineClassification {
	const { type, ruleId, invoiceNumber } = classify(line, rules);
	const result: LineClassification = { type };
	if (ruleId !== undefined) result.ruleId = ruleId;
	if (invoiceNumber !== undefined) result.invoiceNumber = invoiceNumber;
	return result;
}

/** Classifies every line of a payment, in order. */
export function classifyPayment(
	payment: RemittancePayment,
	rules: CompiledRules = defaultRules(),
): ClassifiedLine[] {
	const lines = payment.lines;
	const result: ClassifiedLine[] = new Array(lines.length);
	for (let i = 0; i < lines.length; i++) result[i] = classify(lines[i], rules);
	return result;
}
