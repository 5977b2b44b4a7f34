/**
 * One outbound document, written for the node Write EDI Interchange: the transaction set built from
 * what another node produced (the 855 of Acknowledge PO's acknowledgement, the 856 of Build ASN's
 * confirmation, the 810 of Build Invoice's invoice, the 846 of available-to-promise figures, or the
 * 997 of Read EDI Interchange), enveloped alone in one interchange with the partnership's ids and one
 * reserved control number (ISA13 = GS06 = ST02), read back with our reader and checked against the
 * guide. A document that fails the guide check is refused whole (`GuideRefusal`): nothing of it goes
 * to the mailbox.
 *
 * One document per interchange and file keeps the 997 that answers it, the file and the control
 * number one-to-one: Amazon's 997 names the group (GS06), which is the number reserved.
 * Pure: no n8n imports.
 */
import { guideFor } from '../guides';
import { InvalidInputError } from '../../inputError';
import { shown } from '../../values';
import { checkTransactionSet } from '../../x12/guideCheck';
import { readInterchange } from '../../x12/reader';
import type { TransactionSetInput } from '../../x12/writer';
import { write810 } from '../outbound/invoice810';
import { write846, type Write846Input } from '../outbound/inventory846';
import { write855 } from '../outbound/ack855';
import { write856 } from '../outbound/asn856';
import { writeOutbound } from '../outbound/interchange';
import { objectAt, text } from '../outbound/common';
import type { EdiPartner } from './partner';

export const DOCUMENT_TYPES = ['855', '856', '810', '846', '997'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export interface WriteDocumentInput {
	documentType: DocumentType;
	/**
	 * What the set is built from: for 855 `{ acknowledgement, purchaseOrder }`, for 856
	 * `{ confirmation }`, for 810 `{ invoice, purchaseOrderDate? }`, for 846 the Write846Input, for
	 * 997 `{ transactionSet }` (Read EDI Interchange's reply).
	 */
	source: Record<string, unknown>;
	/** The number reserved for this interchange (1 to 999999999). */
	controlNumber: unknown;
	partner: EdiPartner;
	date: Date;
	/** Default true. */
	guideCheck?: boolean;
}

export interface WrittenDocument {
	documentType: DocumentType;
	controlNumber: number;
	/** The document's own reference: PO number, shipment id, invoice number, 846 reference... */
	reference: string;
	/** A file name for `outbound/`: `855_<reference>_<control number>.edi`. */
	fileName: string;
	/** The interchange, one segment per line. */
	interchange: string;
	segmentCount: number;
}

/** A document written but refused by its guide check: nothing is to be sent. */
export class GuideRefusal extends InvalidInputError {
	constructor(
		readonly documentType: string,
		readonly problems: string[],
	) {
		super(
			`the ${documentType} does not meet Amazon's guide, so it is not written: ` +
				problems.slice(0, 5).join('; '),
			'(guide)',
		);
		this.name = 'GuideRefusal';
	}
}

function setOf(
	type: DocumentType,
	source: Record<string, unknown>,
): { set: TransactionSetInput; reference: string } {
	if (type === '855') {
		const ack = objectAt(source.acknowledgement, 'acknowledgement');
		return {
			set: write855({ acknowledgement: ack, purchaseOrder: source.purchaseOrder }),
			reference: text(ack.purchaseOrderNumber, 'acknowledgement.purchaseOrderNumber', 22),
		};
	}
	if (type === '856') {
		const c = objectAt(source.confirmation, 'confirmation');
		return {
			set: write856({ confirmation: c }),
			reference: text(c.shipmentIdentifier, 'confirmation.shipmentIdentifier', 30),
		};
	}
	if (type === '810') {
		const inv = objectAt(source.invoice, 'invoice');
		const date = source.purchaseOrderDate;
		return {
			set: write810({
				invoice: inv,
				...(typeof date === 'string' && date ? { purchaseOrderDate: date } : {}),
			}),
			reference: text(inv.id, 'invoice.id', 22),
		};
	}
	if (type === '846') {
		const input = source as unknown as Write846Input;
		return { set: write846(input), reference: text(input.reference, 'reference', 30) };
	}
	if (type === '997') {
		const set = objectAt(source.transactionSet, 'transactionSet') as unknown as TransactionSetInput;
		if (set.id !== '997')
			throw new InvalidInputError(
				`transactionSet.id must be 997 (got ${shown(set.id)})`,
				'transactionSet.id',
			);
		const ak1 = (set.segments ?? []).find((s) => Array.isArray(s) && s[0] === 'AK1');
		return { set, reference: `${ak1?.[1] ?? 'FA'}${ak1?.[2] ?? ''}` };
	}
	throw new InvalidInputError(
		`documentType must be ${DOCUMENT_TYPES.join(', ')} (got ${shown(type)})`,
		'documentType',
	);
}

function controlNumberOf(value: unknown): number {
	const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1 || n > 999999999)
		throw new InvalidInputError(
			`controlNumber must be a whole number from 1 to 999999999 (got ${shown(value)})`,
			'controlNumber',
		);
	return n;
}

/** The guide problems of every set of a written interchange, as texts for the operator. */
function guideProblems(interchange: string): string[] {
	const read = readInterchange(interchange);
	const problems: string[] = [];
	for (const group of read.groups) {
		problems.push(...group.problems.map((p) => p.message));
		for (const set of group.transactionSets) {
			problems.push(...set.problems.map((p) => p.message));
			const guide = guideFor(set.id, group.version);
			if (!guide) {
				problems.push(`no guide for ${set.id} version ${group.version}`);
				continue;
			}
			for (const e of checkTransactionSet(set, guide))
				problems.push(`${e.segmentId} at ${e.positionInSet}: ${e.message}`);
		}
	}
	return problems;
}

const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '-');

/** Writes one document (see the module notes); bad input is an InvalidInputError naming the field. */
export function writeDocument(input: WriteDocumentInput): WrittenDocument {
	const controlNumber = controlNumberOf(input.controlNumber);
	const { set, reference } = setOf(input.documentType, input.source);
	const { partner } = input;
	const interchange = writeOutbound({
		sets: [set],
		sender: partner.us,
		receiver: partner.amazon,
		groupSender: partner.ourGroupCode,
		groupReceiver: partner.amazonGroupCode,
		controlNumbers: { interchange: controlNumber, group: controlNumber, firstSet: controlNumber },
		usage: partner.usage,
		date: input.date,
		lineBreaks: true,
	});
	if (input.guideCheck !== false) {
		const problems = guideProblems(interchange);
		if (problems.length) throw new GuideRefusal(input.documentType, problems);
	}
	const number = String(controlNumber).padStart(9, '0');
	return {
		documentType: input.documentType,
		controlNumber,
		reference,
		fileName: `${input.documentType}_${safeName(reference)}_${number}.edi`,
		interchange,
		segmentCount: interchange.split('\n').filter((l) => l.trim() !== '').length,
	};
}
