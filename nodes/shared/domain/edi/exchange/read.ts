/**
 * One file of the gateway's `inbound/` folder, read for the node Read EDI Interchange: the
 * interchange through readInbound with every set checked against its guide (edi/guides), and sorted
 * into three lists.
 *
 * - `documents`: the content of every accepted set (850 purchase order, 860 change, 820 payment,
 *   997 functional acknowledgement of ours), one entry per set.
 * - `replies`: the 997 of every functional group received (not of 997 groups: a 997 is never
 *   acknowledged), ready for Write EDI Interchange. It rejects what was not accepted, with the
 *   AK3/AK4/AK5/AK9 codes, so Amazon learns of it; its control numbers are given when it is written.
 * - `exceptions`: one exception-queue row (Data Table `avc_exceptions`) per rejected set, per 997 of
 *   Amazon's that rejects something of ours, and per interchange that cannot be read or is not
 *   addressed to the partnership (then nothing of it is applied and no 997 is sent: its sender is
 *   not the partner).
 *
 * Pure: no n8n imports.
 */
import { guideFor } from '../guides';
import { readInbound, type InboundDocument, type InboundSet } from '../inbound/readInbound';
import type { EdiPurchaseOrder } from '../inbound/po850';
import type { EdiEnvelope } from '../inbound/parts';
import type { FunctionalAck } from '../inbound/functionalAck';
import { build997, type SegmentError } from '../../x12/ack997';
import { checkTransactionSet } from '../../x12/guideCheck';
import { readSeparators } from '../../x12/reader';
import { X12FormatError, type X12Group, type X12Interchange } from '../../x12/types';
import type { TransactionSetInput } from '../../x12/writer';
import { misaddressed, type EdiPartner } from './partner';

export interface ReadFileOptions {
	partner: EdiPartner;
	/** The file's name in the mailbox, for the exception rows. */
	fileName: string;
	/** Check every set against its guide (default true). */
	guideCheck?: boolean;
	defaultCurrency?: string;
	/** The purchase orders kept, by number: 860s are applied to them. */
	previousOf?: (purchaseOrderNumber: string) => EdiPurchaseOrder | undefined;
}

export interface ExceptionRow {
	type: 'edi_interchange_refused' | 'edi_set_rejected' | 'edi_rejected_by_amazon';
	purchaseOrderNumber: string;
	reason: string;
	ownerRole: 'operations';
	details: string;
}

export interface ReadDocument {
	kind: Exclude<InboundDocument['kind'], 'unsupported'>;
	/** The file and the envelope the set came in. */
	fileName: string;
	envelope: EdiEnvelope;
	/** The 850's or the 860's purchase order, in the shape of the PO trigger's events. */
	purchaseOrder?: EdiPurchaseOrder;
	previousPurchaseOrder?: EdiPurchaseOrder;
	purchaseOrderNumber?: string;
	payment?: unknown;
	functionalAck?: FunctionalAck;
}

export interface Reply {
	/** The 997 transaction set; Write EDI Interchange gives it its control numbers. */
	transactionSet: TransactionSetInput;
	/** What it answers. */
	fileName: string;
	functionalId: string;
	groupControlNumber: string;
	interchangeControlNumber: string;
	setsReceived: number;
	setsAccepted: number;
}

export interface ReadFileResult {
	documents: ReadDocument[];
	replies: Reply[];
	exceptions: ExceptionRow[];
}

function exception(
	type: ExceptionRow['type'],
	purchaseOrderNumber: string,
	reason: string,
	details: Record<string, unknown>,
): ExceptionRow {
	return {
		type,
		purchaseOrderNumber,
		reason,
		ownerRole: 'operations',
		details: JSON.stringify(details),
	};
}

/**
 * The guide check of one set, by its ST01 and the group's GS08 (none for a set without guide). It
 * runs only once the interchange was read, so its separators are known.
 */
function guideErrors(text: string) {
	let componentSeparator: string | undefined;
	return (set: Parameters<typeof checkTransactionSet>[0], group: X12Group): SegmentError[] => {
		const guide = guideFor(set.id, group.version);
		componentSeparator ??= readSeparators(text).separators.component;
		return guide ? checkTransactionSet(set, guide, { componentSeparator }) : [];
	};
}

/** BEG03 / BCH03 of a set, when it has one (for the exception row). */
function purchaseOrderNumberOf(read: InboundSet): string {
	const head = read.set.segments.find((s) => s.id === 'BEG' || s.id === 'BCH');
	return head?.elements[3]?.trim() ?? '';
}

function problemsOf(read: InboundSet, group: X12Group): string[] {
	return [
		...(read.verdict.unsupported ? [`transaction set ${read.set.id} is not read here`] : []),
		...group.problems.map((p) => `group: ${p.message}`),
		...read.set.problems.map((p) => p.message),
		...read.verdict.errors.map((e) => `${e.segmentId} at ${e.positionInSet}: ${e.message}`),
	];
}

/** Plain JSON (decimals as their strings), as n8n items carry it. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function documentOf(read: InboundSet, fileName: string): ReadDocument | undefined {
	const d = read.document;
	const base = { fileName, envelope: read.envelope };
	if (d.kind === 'purchaseOrder' && d.purchaseOrder)
		return { kind: d.kind, ...base, purchaseOrder: d.purchaseOrder };
	if (d.kind === 'change')
		return plain({
			kind: d.kind,
			...base,
			purchaseOrderNumber: d.purchaseOrderNumber,
			purchaseOrder: d.purchaseOrder,
			previousPurchaseOrder: d.previousPurchaseOrder,
		});
	if (d.kind === 'remittance' && d.payment)
		return { kind: d.kind, ...base, payment: plain(d.payment) };
	if (d.kind === 'functionalAck' && d.functionalAck)
		return { kind: d.kind, ...base, functionalAck: d.functionalAck };
	return undefined;
}

/** A 997 of Amazon's that rejects a group or sets of ours: one exception row. */
function rejectedByAmazon(doc: ReadDocument): ExceptionRow | undefined {
	const ack = doc.functionalAck;
	if (!ack) return undefined;
	const refused = ack.sets.filter((s) => !s.accepted);
	if (ack.status !== 'R' && refused.length === 0) return undefined;
	const which = refused.length
		? refused.map(
				(s) => `${s.id} ${s.controlNumber} (AK5 codes ${s.errorCodes.join(', ') || 'none'})`,
			)
		: [`group ${ack.functionalId} ${ack.groupControlNumber}`];
	return exception(
		'edi_rejected_by_amazon',
		'',
		`Amazon's 997 rejects ${which.join('; ')}: correct the document and send it again ` +
			'(with a new control number)',
		{ fileName: doc.fileName, functionalAck: ack },
	);
}

function readGroups(
	interchange: X12Interchange,
	groups: ReturnType<typeof readInbound>['groups'],
	fileName: string,
	out: ReadFileResult,
): void {
	for (const { group, sets } of groups) {
		for (const read of sets) {
			if (read.accepted) {
				const doc = documentOf(read, fileName);
				if (!doc) continue;
				out.documents.push(doc);
				const refused = rejectedByAmazon(doc);
				if (refused) out.exceptions.push(refused);
				continue;
			}
			const problems = problemsOf(read, group);
			out.exceptions.push(
				exception(
					'edi_set_rejected',
					purchaseOrderNumberOf(read),
					`Amazon's ${read.set.id} ${read.set.controlNumber} in ${fileName} is rejected with a ` +
						`997 and not applied: ${problems.slice(0, 3).join('; ')}`,
					{
						fileName,
						transactionSet: read.set.id,
						interchangeControlNumber: interchange.header.controlNumber,
						groupControlNumber: group.controlNumber,
						transactionSetControlNumber: read.set.controlNumber,
						problems,
					},
				),
			);
		}
		if (group.functionalId === 'FA') continue;
		const reply = build997(
			group,
			sets.map((s) => s.verdict),
			1,
		);
		out.replies.push({
			transactionSet: reply.transactionSet,
			fileName,
			functionalId: group.functionalId,
			groupControlNumber: group.controlNumber,
			interchangeControlNumber: interchange.header.controlNumber,
			setsReceived: group.transactionSets.length,
			setsAccepted: reply.accepted.length,
		});
	}
}

/** Reads one mailbox file; see the module notes. Never throws for the file's content. */
export function readMailboxFile(text: string, options: ReadFileOptions): ReadFileResult {
	const out: ReadFileResult = { documents: [], replies: [], exceptions: [] };
	const { fileName, partner } = options;
	const refuse = (why: string, details: Record<string, unknown>) =>
		out.exceptions.push(
			exception(
				'edi_interchange_refused',
				'',
				`${fileName} is not applied and not acknowledged: ${why}`,
				{ fileName, ...details },
			),
		);
	let read: ReturnType<typeof readInbound>;
	try {
		read = readInbound(text, {
			defaultCurrency: options.defaultCurrency,
			previousOf: options.previousOf,
			extraErrors: options.guideCheck === false ? undefined : guideErrors(text),
		});
	} catch (error) {
		// The reader throws X12FormatErrors; anything else is refused the same way, with its message.
		const format = error instanceof X12FormatError ? error : undefined;
		refuse(`the interchange cannot be read (${(error as Error).message})`, {
			segment: format?.segment ?? null,
			element: format?.element ?? null,
		});
		return out;
	}
	const wrong = misaddressed(read.interchange.header, partner);
	if (wrong) {
		refuse(wrong, { interchangeControlNumber: read.interchange.header.controlNumber });
		return out;
	}
	readGroups(read.interchange, read.groups, fileName, out);
	return out;
}
