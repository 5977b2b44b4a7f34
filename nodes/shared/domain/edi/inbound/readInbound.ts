/**
 * The entry of the EDI inbound path: one interchange (a file from the gateway's `inbound/` folder)
 * read with the X12 reader, and each of its transaction sets mapped to what the nodes take, with the
 * verdict the 997 needs (x12/ack997.ts build997: one SetVerdict per set, in order).
 *
 * - 850 (GS01 `PO`): `purchaseOrder`, the canonical purchase order (po850.ts) with `edi`.
 * - 860 (GS01 `PC`): `change`. With `previousOf` (the purchase order the workflow kept, by number)
 *   the change is applied (change860.ts) and `purchaseOrder` is the changed purchase order; without
 *   it, or when the purchase order is not known, `purchaseOrder` is absent and `applyOptions` are
 *   what applyChange860 needs later (then its errors belong in the verdict before the 997 is built).
 *   An 860 for a purchase order that `previousOf` does not know is rejected (POC or BCH03 cannot be
 *   matched to anything).
 * - 820 (GS01 `RA`): `remittance`, the payment of the set (remittance/x12.ts remittanceOfSet).
 * - 997 (GS01 `FA`): `functionalAck`, Amazon's verdict on a group we sent (functionalAck.ts).
 * - Any other set: `unsupported` (AK501 `R`, AK502 `1`).
 *
 * A set whose ST01 does not belong to its group's GS01 is rejected. The guide check of the set (the
 * implementation guide as data: `checkTransactionSet(set, guide)` in x12/guideCheck.ts with
 * `guideFor(id, version)` of edi/guides/, written on another branch) is added through the option
 * `extraErrors(set, group)`: its errors join the verdict's. A set is `accepted` when it has no
 * error and neither it nor its group has an envelope problem; the document's content
 * (`purchaseOrder`, `payment`, `functionalAck`) is given only for an accepted set, so that nothing of
 * a rejected set is applied.
 *
 * An interchange that cannot be read at all throws the reader's X12FormatError (no 997 can name its
 * sets). Pure: no n8n imports.
 */
import type { SegmentError, SetVerdict } from '../../x12/ack997';
import { readInterchange } from '../../x12/reader';
import type { X12Group, X12Interchange, X12Separators, X12TransactionSet } from '../../x12/types';
import { remittanceOfSet } from '../../remittance/x12';
import { RemittanceFormatError, type RemittancePayment } from '../../remittance/types';
import { applyChange860, type Apply860Options } from './change860';
import { functionalAckOf, type FunctionalAck } from './functionalAck';
import type { EdiEnvelope } from './parts';
import { purchaseOrderFrom850, type EdiPurchaseOrder } from './po850';
import { ELEMENT_CODES, SEGMENT_CODES, SetErrors, valueOf } from './setErrors';

export interface ReadInboundOptions {
	/** Currency of prices and payments when a set names none (default `USD`). */
	defaultCurrency?: string;
	/** The purchase order the workflow kept, by number: 860s are applied to it. */
	previousOf?: (purchaseOrderNumber: string) => EdiPurchaseOrder | undefined;
	/** More errors of a set: the place of the guide check (`checkTransactionSet(set, guideFor(...))`). */
	extraErrors?: (set: X12TransactionSet, group: X12Group) => SegmentError[];
}

export type InboundDocument =
	| { kind: 'purchaseOrder'; purchaseOrder?: EdiPurchaseOrder }
	| {
			kind: 'change';
			/** BCH03. */
			purchaseOrderNumber: string;
			previousPurchaseOrder?: EdiPurchaseOrder;
			/** The changed purchase order (when the previous one was known and the change applies). */
			purchaseOrder?: EdiPurchaseOrder;
			applyOptions: Apply860Options;
	  }
	| { kind: 'remittance'; payment?: RemittancePayment }
	| { kind: 'functionalAck'; functionalAck?: FunctionalAck }
	| { kind: 'unsupported' };

export interface InboundSet {
	set: X12TransactionSet;
	envelope: EdiEnvelope;
	document: InboundDocument;
	/** For build997 (x12/ack997.ts). */
	verdict: SetVerdict;
	/** No error, no envelope problem of the set or its group: it may be applied. */
	accepted: boolean;
}

export interface InboundGroup {
	group: X12Group;
	sets: InboundSet[];
}

export interface InboundInterchange {
	interchange: X12Interchange;
	groups: InboundGroup[];
}

/** GS01 of each transaction set read here. */
export const FUNCTIONAL_IDS: Readonly<Record<string, string>> = {
	'850': 'PO',
	'860': 'PC',
	'820': 'RA',
	'997': 'FA',
};

function envelopeOf(
	interchange: X12Interchange,
	group: X12Group,
	set: X12TransactionSet,
): EdiEnvelope {
	return {
		version: group.version,
		sender: { ...interchange.header.sender },
		receiver: { ...interchange.header.receiver },
		groupSender: group.senderCode,
		groupReceiver: group.receiverCode,
		interchangeControlNumber: interchange.header.controlNumber,
		groupControlNumber: group.controlNumber,
		transactionSetControlNumber: set.controlNumber,
	};
}

/** GS04/GS05 as an ISO instant (UTC; X12 gives no zone), or undefined. */
function groupInstant(group: X12Group): string | undefined {
	const date = /^(\d{4})(\d{2})(\d{2})$/.exec(group.date);
	const time = /^(\d{2})(\d{2})(\d{2})?/.exec(group.time);
	if (!date || !time) return undefined;
	return `${date[1]}-${date[2]}-${date[3]}T${time[1]}:${time[2]}:${time[3] ?? '00'}Z`;
}

/** A RemittanceFormatError of one set as the SegmentError of the 997. */
function remittanceError(set: X12TransactionSet, error: RemittanceFormatError): SegmentError {
	const first = set.segments[0].position;
	const segment = set.segments.find((s) => s.position === error.segment) ?? set.segments[0];
	const out: SegmentError = {
		segmentId: segment.id,
		positionInSet: segment.position - first + 1,
		code: SEGMENT_CODES.hasElementErrors,
		message: error.message,
	};
	const position = Number((error.element ?? '').slice(-2));
	if (error.element && Number.isSafeInteger(position) && position > 0) {
		const missing = valueOf(segment, position) === '';
		out.element = {
			position,
			code: missing ? ELEMENT_CODES.mandatoryMissing : ELEMENT_CODES.invalidCharacter,
		};
		if (!missing) out.element.value = valueOf(segment, position);
	} else out.code = SEGMENT_CODES.mandatoryMissing;
	return out;
}

interface Context {
	interchange: X12Interchange;
	group: X12Group;
	options: ReadInboundOptions;
}

type Mapped = { document: InboundDocument; errors: SegmentError[] };

function read820(
	set: X12TransactionSet,
	separators: X12Separators,
	options: ReadInboundOptions,
): Mapped {
	try {
		const payment = remittanceOfSet(set, separators, { defaultCurrency: options.defaultCurrency });
		return { document: { kind: 'remittance', payment }, errors: [] };
	} catch (error) {
		// remittanceOfSet throws RemittanceFormatErrors only; anything else is named the same way.
		const named =
			error instanceof RemittanceFormatError
				? error
				: new RemittanceFormatError(`X12 820: ${(error as Error).message}`);
		return { document: { kind: 'remittance' }, errors: [remittanceError(set, named)] };
	}
}

function read860(set: X12TransactionSet, context: Context): Mapped {
	const bch = set.segments.find((s) => s.id === 'BCH');
	const purchaseOrderNumber = bch ? valueOf(bch, 3) : '';
	const applyOptions: Apply860Options = {
		componentSeparator: context.interchange.separators.component,
	};
	const changedAt = groupInstant(context.group);
	if (changedAt) applyOptions.changedAt = changedAt;
	if (context.options.defaultCurrency)
		applyOptions.defaultCurrency = context.options.defaultCurrency;
	const document: InboundDocument = { kind: 'change', purchaseOrderNumber, applyOptions };
	const lookup = context.options.previousOf;
	if (!lookup) return { document, errors: [] };
	const previous = purchaseOrderNumber ? lookup(purchaseOrderNumber) : undefined;
	if (!previous) {
		const errors = new SetErrors(set);
		if (bch)
			errors.element(
				bch,
				3,
				ELEMENT_CODES.invalidCode,
				`purchase order ${purchaseOrderNumber} is not known here`,
			);
		else errors.missingSegment('BCH', set.segments[0], 'the change has no BCH segment');
		return { document, errors: errors.errors };
	}
	document.previousPurchaseOrder = previous;
	const read = applyChange860(previous, set, applyOptions);
	if (read.errors) return { document, errors: read.errors };
	document.purchaseOrder = read.purchaseOrder;
	return { document, errors: [] };
}

function mapSet(set: X12TransactionSet, context: Context, envelope: EdiEnvelope): Mapped {
	const { options, interchange } = context;
	if (set.id === '850') {
		const sentAt = groupInstant(context.group);
		const read = purchaseOrderFrom850(set, {
			defaultCurrency: options.defaultCurrency,
			envelope,
			...(sentAt ? { sentAt } : {}),
		});
		return {
			document: { kind: 'purchaseOrder', purchaseOrder: read.purchaseOrder },
			errors: read.errors ?? [],
		};
	}
	if (set.id === '860') return read860(set, context);
	if (set.id === '820') return read820(set, interchange.separators, options);
	if (set.id === '997') {
		const read = functionalAckOf(set, interchange.separators.component);
		return {
			document: { kind: 'functionalAck', functionalAck: read.functionalAck },
			errors: read.errors ?? [],
		};
	}
	return { document: { kind: 'unsupported' }, errors: [] };
}

/** A set in a group of another functional id (an 850 in a `PC` group). */
function groupMismatch(set: X12TransactionSet, group: X12Group): SegmentError[] {
	const expected = FUNCTIONAL_IDS[set.id];
	if (expected === undefined || expected === group.functionalId) return [];
	const errors = new SetErrors(set);
	errors.element(
		set.segments[0],
		1,
		ELEMENT_CODES.invalidCode,
		`a ${set.id} belongs in a group with GS01 ${expected}, not ${group.functionalId}`,
	);
	return errors.errors;
}

/** Drops the content of a rejected set, so that nothing of it can be applied. */
function withoutContent(document: InboundDocument): InboundDocument {
	if (document.kind === 'purchaseOrder') return { kind: 'purchaseOrder' };
	if (document.kind === 'remittance') return { kind: 'remittance' };
	if (document.kind === 'functionalAck') return { kind: 'functionalAck' };
	if (document.kind === 'change') {
		const copy = { ...document };
		delete copy.purchaseOrder;
		return copy;
	}
	return document;
}

function readSet(set: X12TransactionSet, context: Context): InboundSet {
	const envelope = envelopeOf(context.interchange, context.group, set);
	const mapped = mapSet(set, context, envelope);
	const errors = [
		...groupMismatch(set, context.group),
		...mapped.errors,
		...(context.options.extraErrors?.(set, context.group) ?? []),
	];
	const verdict: SetVerdict = { set, errors };
	if (mapped.document.kind === 'unsupported') verdict.unsupported = true;
	const accepted =
		errors.length === 0 &&
		!verdict.unsupported &&
		set.problems.length === 0 &&
		context.group.problems.length === 0;
	const document = accepted ? mapped.document : withoutContent(mapped.document);
	return { set, envelope, document, verdict, accepted };
}

/**
 * Reads one interchange and maps each of its transaction sets; see the module header. Throws the
 * reader's X12FormatError when the interchange itself cannot be read.
 */
export function readInbound(text: string, options: ReadInboundOptions = {}): InboundInterchange {
	const interchange = readInterchange(text);
	return {
		interchange,
		groups: interchange.groups.map((group) => ({
			group,
			sets: group.transactionSets.map((set) => readSet(set, { interchange, group, options })),
		})),
	};
}
