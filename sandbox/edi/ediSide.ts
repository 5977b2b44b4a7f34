/**
 * Amazon's EDI side of the sandbox: trading partners (the vendors Amazon set up for EDI), the
 * mailbox of their AS2 gateway, the documents Amazon writes to inbound/ and what it does with the
 * files vendors drop in outbound/. It is a sandbox service (seed key and state key "edi") over the
 * SAME Amazon simulator state as the SP-API routes.
 *
 * - Amazon writes, for every partner: an 850 for each purchase order of its vendor code (as soon as
 *   the order is in the state), an 860 when Amazon changes one (partners with changeOrders), an 820
 *   for each remittance payment of its vendor code (partners with remittance), a 997 for each file read.
 * - A vendor file in outbound/ is read when its upload closes (or it is renamed into outbound/),
 *   taken out of outbound/, checked (envelope, duplicate ISA13 from the sender, each set against its
 *   guide) and applied with the same model validation, rules and records as the SP-API path: an 855
 *   as a submitAcknowledgement transaction, an 856 as SubmitShipmentConfirmations, an 810 as
 *   submitInvoices; an 846 becomes inventory records (the last quantity per item). Its 997 is
 *   written when every transaction of the file has settled.
 */
import path from 'node:path/posix';
import type { SandboxClock } from '../clock';
import { ControlError } from '../controlError';
import { controlRoute, requiredBody } from '../controlHttp';
import type { FaultStore } from '../faults';
import type { Route } from '../http/router';
import type { SandboxService } from '../services';
import { registerAcknowledgements } from '../amazon/acknowledgements';
import { registerInvoices } from '../amazon/invoiceRoutes';
import { REGION_DEFAULTS } from '../amazon/remittance';
import { registerShipmentConfirmations } from '../amazon/shipmentRoutes';
import type { AmazonSimulator } from '../amazon/simulator';
import type { TransactionRecord } from '../amazon/state';
import {
	functionalAck997,
	purchaseOrder850,
	purchaseOrderChange860,
	remittance820,
	sentLines,
	type GroupOutcome,
	type SentLine,
	type SetOutcome,
} from './amazonDocuments';
import { checkInterchange, rawIsa, type InterchangeCheck, type SetCheck } from './check';
import { INBOUND, Mailbox, OUTBOUND } from './mailbox';
import {
	acknowledgementFrom855,
	inventoryFrom846,
	inventoryKey,
	type InventoryRecord,
} from './vendorDocuments';
import { invoiceFrom810 } from './vendorInvoice';
import { shipmentFrom856, ShipmentStructureError } from './vendorShipment';
import { controlNumber9, readInterchange, writeInterchange, type PartyId } from './x12';

export interface EdiPartner {
	/** The vendor code (sellingParty.partyId) whose documents go through EDI. */
	vendorCode: string;
	/** The vendor's ISA05 / ISA06 (and GS02). */
	qualifier: string;
	id: string;
	/** Amazon sends 860s for changes to this vendor's orders. Default true. */
	changeOrders: boolean;
	/** Amazon sends 820s for this vendor's payments. Default true. */
	remittance: boolean;
}

export interface EdiSeed {
	sftp?: { username?: string; password?: string };
	/** Amazon's ISA qualifier and id. Default ZZ / AMAZON. */
	amazon?: Partial<PartyId>;
	partners?: Array<Partial<EdiPartner> & { vendorCode: string }>;
}

export interface SetRecord {
	type: string;
	controlNumber: string;
	status: 'pending' | 'accepted' | 'rejected';
	/** AK502 when rejected. */
	code?: string;
	errors: string[];
	/** The purchase order numbers or items it is about. */
	references: string[];
	transactionId?: string;
}

export interface VendorFileRecord {
	name: string;
	receivedAt: string;
	size: number;
	/**
	 * accepted, partiallyAccepted, rejected (each as its 997 says), pending (transactions not
	 * settled), unread, unreadable.
	 */
	outcome: 'pending' | 'accepted' | 'partiallyAccepted' | 'rejected' | 'unread' | 'unreadable';
	sender?: PartyId;
	controlNumber?: string;
	/** TA105 when the interchange was rejected as a whole. */
	interchangeCode?: string;
	errors: string[];
	sets: SetRecord[];
	/** The name of its 997 in inbound/. */
	ack997?: string;
}

export interface AmazonFileRecord {
	name: string;
	type: string;
	/** Purchase order number, payment number, or the ISA13 a 997 answers. */
	reference: string;
	controlNumber: string;
	vendorCode: string;
	writtenAt: string;
	/** AK901 of the vendor's 997 for it (A, E, P or R), once one came. */
	acknowledgement?: string;
	/** The vendor file with that 997. */
	acknowledgedBy?: string;
}

interface Pending {
	file: VendorFileRecord;
	check: InterchangeCheck;
	partner: EdiPartner;
	/** Per group, per set: the outcome once known. */
	outcomes: Array<Array<SetOutcome | undefined>>;
}

const DEFAULT_LOGIN = { username: 'vendor', password: 'sandbox-sftp-password' };
const DEFAULT_AMAZON: PartyId = { qualifier: 'ZZ', id: 'AMAZON' };
const FUNCTIONAL_IDS: Record<string, string> = {
	'850': 'PO',
	'860': 'PC',
	'820': 'RA',
	'997': 'FA',
};

export class EdiSide implements SandboxService {
	readonly name = 'edi';

	readonly mailbox: Mailbox;

	private login = { ...DEFAULT_LOGIN };

	private amazonId: PartyId = { ...DEFAULT_AMAZON };

	private partners = new Map<string, EdiPartner>();

	private controlNumbers = new Map<string, number>();

	private sentOrders = new Map<string, { lines: Record<string, SentLine>; changedDate?: string }>();

	private sentPayments = new Set<string>();

	private seenInterchanges = new Map<string, Set<number>>();

	private vendorFiles: VendorFileRecord[] = [];

	private amazonFiles: AmazonFileRecord[] = [];

	private inventory = new Map<string, InventoryRecord>();

	constructor(
		private readonly amazon: AmazonSimulator,
		private readonly clock: SandboxClock,
		private readonly faults: FaultStore,
	) {
		this.mailbox = new Mailbox(() => clock.nowMs() / 1000);
	}

	credentials(): { username: string; password: string } {
		return { ...this.login };
	}

	routes(): Route[] {
		return [];
	}

	/** GET /__sandbox/edi (this service's state), POST /__sandbox/edi (a seed: partners, login, Amazon's id). */
	controlRoutes(): Route[] {
		return [
			controlRoute('GET', '/__sandbox/edi', 'ediState', () => ({
				status: 200,
				body: this.snapshot(),
			})),
			controlRoute('POST', '/__sandbox/edi', 'ediConfigure', (req) => ({
				status: 200,
				body: this.seed(requiredBody(req)),
			})),
			controlRoute('POST', '/__sandbox/edi/inbound', 'ediWriteInbound', (req) => ({
				status: 200,
				body: this.writeInbound(requiredBody(req)),
			})),
		];
	}

	/**
	 * POST /__sandbox/edi/inbound: Amazon writes a file of the scenario's own into inbound/, to
	 * rehearse a bad one. `{ vendorCode, type, reference, sets }` is an interchange in Amazon's
	 * envelope (its control numbers, so the vendor's 997 is matched to it) around the given
	 * transaction sets (each a list of segments, ST and SE left out, each segment a list of texts);
	 * `{ vendorCode, name, text }` is a file written as it is (an unreadable one, say), recorded with
	 * type `raw` (no 997 can answer it).
	 */
	private writeInbound(value: unknown): { name: string } {
		const body = value as Record<string, unknown>;
		const partner = this.partners.get(String(body.vendorCode ?? ''));
		if (!partner)
			throw new ControlError(
				400,
				`vendorCode ${JSON.stringify(body.vendorCode)} is no trading partner.`,
			);
		if (body.text !== undefined) {
			const name = String(body.name ?? '');
			if (typeof body.text !== 'string' || !/^[A-Za-z0-9._-]{1,80}$/.test(name))
				throw new ControlError(
					400,
					'a raw file needs text (a string) and name (letters, digits, . _ -).',
				);
			this.mailbox.write(path.join(INBOUND, name), Buffer.from(body.text, 'utf8'));
			this.amazonFiles.push({
				name,
				type: 'raw',
				reference: name,
				controlNumber: '',
				vendorCode: partner.vendorCode,
				writtenAt: this.clock.nowIso(),
			});
			return { name };
		}
		const type = String(body.type ?? '');
		if (!FUNCTIONAL_IDS[type] || type === '997')
			throw new ControlError(400, 'type must be 850, 860 or 820.');
		const sets = body.sets;
		const isSegment = (seg: unknown) =>
			Array.isArray(seg) && seg.length > 0 && seg.every((e) => typeof e === 'string');
		if (
			!Array.isArray(sets) ||
			!sets.length ||
			!sets.every((set) => Array.isArray(set) && set.length > 0 && set.every(isSegment))
		)
			throw new ControlError(
				400,
				'sets must be a list of transaction sets, each a list of segments (lists of texts).',
			);
		const reference = String(body.reference ?? type);
		return { name: this.write(partner, type, reference, sets as string[][][]) };
	}

	reset(): void {
		this.login = { ...DEFAULT_LOGIN };
		this.amazonId = { ...DEFAULT_AMAZON };
		this.partners.clear();
		this.controlNumbers.clear();
		this.sentOrders.clear();
		this.sentPayments.clear();
		this.seenInterchanges.clear();
		this.vendorFiles = [];
		this.amazonFiles = [];
		this.inventory.clear();
		this.mailbox.clear();
	}

	seed(value: unknown): unknown {
		const seed = value as EdiSeed;
		if (!seed || typeof seed !== 'object' || Array.isArray(seed))
			throw new ControlError(400, 'edi must be an object { sftp?, amazon?, partners? }.');
		const text = (v: unknown, where: string, max: number) => {
			if (typeof v !== 'string' || !v.trim() || v.length > max)
				throw new ControlError(
					400,
					`${where} must be a non-empty string of at most ${max} characters.`,
				);
			return v.trim();
		};
		const login = { ...this.login };
		if (seed.sftp !== undefined) {
			if (seed.sftp.username !== undefined)
				login.username = text(seed.sftp.username, 'edi.sftp.username', 64);
			if (seed.sftp.password !== undefined)
				login.password = text(seed.sftp.password, 'edi.sftp.password', 128);
		}
		const amazonId = { ...this.amazonId };
		if (seed.amazon?.qualifier !== undefined)
			amazonId.qualifier = text(seed.amazon.qualifier, 'edi.amazon.qualifier', 2);
		if (seed.amazon?.id !== undefined) amazonId.id = text(seed.amazon.id, 'edi.amazon.id', 15);
		if (seed.partners !== undefined && !Array.isArray(seed.partners))
			throw new ControlError(400, 'edi.partners must be a list.');
		const partners = (seed.partners ?? []).map((p, i): EdiPartner => {
			const where = `edi.partners[${i}]`;
			const vendorCode = text(p?.vendorCode, `${where}.vendorCode`, 64);
			for (const key of ['changeOrders', 'remittance'] as const)
				if (p[key] !== undefined && typeof p[key] !== 'boolean')
					throw new ControlError(400, `${where}.${key} must be true or false.`);
			return {
				vendorCode,
				qualifier: p.qualifier === undefined ? 'ZZ' : text(p.qualifier, `${where}.qualifier`, 2),
				id: p.id === undefined ? vendorCode.slice(0, 15) : text(p.id, `${where}.id`, 15),
				changeOrders: p.changeOrders ?? true,
				remittance: p.remittance ?? true,
			};
		});
		const next = new Map(this.partners);
		for (const p of partners) next.set(p.vendorCode, p);
		const owners = new Map<string, string>();
		for (const p of next.values()) {
			const key = `${p.qualifier}/${p.id}`;
			const owner = owners.get(key);
			if (owner)
				throw new ControlError(400, `edi.partners: ${key} is both ${owner} and ${p.vendorCode}.`);
			owners.set(key, p.vendorCode);
		}
		this.login = login;
		this.amazonId = amazonId;
		this.partners = next;
		this.sync();
		return { partners: partners.map((p) => p.vendorCode) };
	}

	snapshot(): unknown {
		this.amazon.tick();
		this.sync();
		return structuredClone({
			sftp: { username: this.login.username },
			amazon: this.amazonId,
			partners: [...this.partners.values()],
			mailbox: this.mailbox.summary(),
			amazonFiles: this.amazonFiles,
			vendorFiles: this.vendorFiles,
			inventory: [...this.inventory.values()],
		});
	}

	/** Writes what Amazon owes the partners: 850s of new orders, 860s of changes, 820s of payments. */
	sync(): void {
		if (!this.partners.size) return;
		const records = [...this.amazon.state.purchaseOrders.values()].sort((a, b) =>
			a.order.purchaseOrderNumber < b.order.purchaseOrderNumber ? -1 : 1,
		);
		for (const { order } of records) {
			const details = order.orderDetails;
			const partner = details && this.partners.get(details.sellingParty?.partyId ?? '');
			if (!details || !partner) continue;
			const sent = this.sentOrders.get(order.purchaseOrderNumber);
			if (!sent) {
				// Amazon sends the 850 when it makes the order: a seeded order made hours ago has the
				// envelope of that time.
				const made = Date.parse(details.purchaseOrderDate ?? '');
				const at =
					Number.isFinite(made) && made < this.clock.now().getTime() ? new Date(made) : undefined;
				this.write(
					partner,
					'850',
					order.purchaseOrderNumber,
					[purchaseOrder850(order)],
					undefined,
					at,
				);
			} else if (partner.changeOrders && sent.changedDate !== details.purchaseOrderChangedDate) {
				const change = purchaseOrderChange860(order, sent.lines);
				if (change) this.write(partner, '860', order.purchaseOrderNumber, [change]);
			} else continue;
			this.sentOrders.set(order.purchaseOrderNumber, {
				lines: sentLines(order),
				changedDate: details.purchaseOrderChangedDate,
			});
		}
		for (const payment of this.amazon.state.payments) {
			const partner = this.partners.get(payment.vendorCode);
			if (!partner?.remittance || this.sentPayments.has(payment.paymentNumber)) continue;
			this.write(partner, '820', payment.paymentNumber, [remittance820(payment)]);
			this.sentPayments.add(payment.paymentNumber);
		}
	}

	private nextControlNumber(partner: EdiPartner, type: string): number {
		const key = `${partner.qualifier}|${partner.id}`;
		const last = this.controlNumbers.get(key) ?? 0;
		if (last > 0 && this.faults.take('edi', type, 'duplicateControlNumber')) return last;
		this.controlNumbers.set(key, last + 1);
		return last + 1;
	}

	/** One interchange from Amazon to a partner in inbound/: one group, a transaction set per entry of `sets`. */
	private write(
		partner: EdiPartner,
		type: string,
		reference: string,
		sets: string[][][],
		ta1?: string[],
		at: Date = this.clock.now(),
	): string {
		const controlNumber = this.nextControlNumber(partner, type);
		const text = writeInterchange({
			sender: this.amazonId,
			receiver: partner,
			controlNumber,
			at,
			functionalId: FUNCTIONAL_IDS[type],
			ta1,
			sets: sets.map((segments) => ({ type, segments })),
		});
		const safe = reference.replace(/[^A-Za-z0-9_-]/g, '_');
		let name = `${controlNumber9(controlNumber)}_${type}_${safe}.edi`;
		for (let n = 2; this.mailbox.file(path.join(INBOUND, name)); n++)
			name = `${controlNumber9(controlNumber)}_${type}_${safe}_${n}.edi`;
		this.mailbox.write(path.join(INBOUND, name), Buffer.from(text, 'utf8'));
		this.amazonFiles.push({
			name,
			type,
			reference,
			controlNumber: controlNumber9(controlNumber),
			vendorCode: partner.vendorCode,
			writtenAt: this.clock.nowIso(),
		});
		return name;
	}

	/** An SFTP upload closed (or a file was renamed) at `filePath`: read it when it is in outbound/. */
	fileClosed(filePath: string): void {
		if (path.dirname(filePath) !== OUTBOUND) return;
		const name = path.basename(filePath);
		if (name.startsWith('.') || /\.(part|tmp|filepart)$/i.test(name)) return;
		const file = this.mailbox.file(filePath);
		if (!file) return;
		this.amazon.tick();
		this.sync();
		const text = file.data.toString('utf8');
		const record: VendorFileRecord = {
			name,
			receivedAt: this.clock.nowIso(),
			size: file.data.length,
			outcome: 'pending',
			errors: [],
			sets: [],
		};
		this.vendorFiles.push(record);
		const type = /ST\W(\d{3})/.exec(text)?.[1] ?? '*';
		if (this.faults.take('edi', type, 'leaveUnread')) {
			record.outcome = 'unread';
			record.errors.push('Left unread in outbound/ (fault leaveUnread).');
			return;
		}
		this.mailbox.remove(filePath);
		this.read(record, text, type);
	}

	private read(record: VendorFileRecord, text: string, type: string): void {
		const isa = rawIsa(text);
		let check: InterchangeCheck;
		try {
			if (!isa) throw new Error('The file does not start with a 106-character ISA segment.');
			check = checkInterchange(readInterchange(text), isa);
		} catch (e) {
			record.outcome = 'unreadable';
			record.errors.push(`Not an X12 interchange node-x12 can read: ${(e as Error).message}`);
			return;
		}
		record.sender = check.sender;
		record.controlNumber = check.controlNumber;
		const partner = [...this.partners.values()].find(
			(p) => p.id === check.sender.id && p.qualifier === check.sender.qualifier,
		);
		if (!partner) {
			record.outcome = 'unreadable';
			record.errors.push(
				`No trading partner ${check.sender.qualifier}/${check.sender.id}: the file is not answered.`,
			);
			return;
		}
		this.interchangeProblems(check, partner);
		if (check.groups.length && check.groups.every((g) => g.functionalId === 'FA'))
			return this.readAcknowledgements(record, check, partner);
		const pending: Pending = {
			file: record,
			check,
			partner,
			outcomes: check.groups.map((g) => g.sets.map(() => undefined)),
		};
		const fault = this.faults.take('edi', type, 'reject997');
		check.groups.forEach((group, g) => {
			group.sets.forEach((set, s) => {
				const setRecord: SetRecord = {
					type: set.type,
					controlNumber: set.control,
					status: 'pending',
					errors: [],
					references: [],
				};
				record.sets.push(setRecord);
				const done = (outcome: SetOutcome, errors: string[]) => {
					setRecord.status = outcome.accepted ? 'accepted' : 'rejected';
					if (!outcome.accepted) setRecord.code = outcome.code ?? '5';
					setRecord.errors.push(...errors);
					pending.outcomes[g][s] = outcome;
					this.answerWhenSettled(pending);
				};
				const rejected = check.code ?? group.code ?? set.code;
				if (rejected !== undefined)
					return done(this.rejection(set, set.code), [
						...check.messages,
						...group.messages,
						...set.messages,
					]);
				if (fault)
					return done(this.rejection(set, '5'), [
						'Rejected by an injected fault (reject997); nothing applied.',
					]);
				this.apply(set, partner, setRecord, record, done);
			});
		});
		this.answerWhenSettled(pending);
	}

	/**
	 * A vendor's 997s for what Amazon wrote: each AK1/AK9 is noted on the Amazon file whose group
	 * control number it names. A 997 is never answered with a 997; a bad one is only recorded.
	 */
	private readAcknowledgements(
		record: VendorFileRecord,
		check: InterchangeCheck,
		partner: EdiPartner,
	): void {
		const problems = [...check.messages, ...check.groups.flatMap((g) => g.messages)];
		record.errors.push(...problems);
		for (const group of check.groups) {
			for (const set of group.group.sets) {
				const ak1 = set.body.find((s) => s.id === 'AK1');
				const ak9 = set.body.find((s) => s.id === 'AK9');
				const control = ak1 ? controlNumber9(Number(ak1.elements[2])) : '';
				const answered = this.amazonFiles.find(
					(f) => f.controlNumber === control && f.vendorCode === partner.vendorCode,
				);
				const errors: string[] = [];
				if (set.st[1] !== '997')
					errors.push(`Transaction set ${set.st[1]} in an FA group is not a 997.`);
				else if (!ak1 || !ak9) errors.push('The 997 has no AK1 or no AK9.');
				else if (!answered)
					errors.push(
						`AK102 ${ak1.elements[2]} names no group Amazon sent to ${partner.vendorCode}.`,
					);
				const ok = !errors.length && !problems.length;
				if (ok && answered) {
					answered.acknowledgement = ak9!.elements[1];
					answered.acknowledgedBy = record.name;
				}
				record.sets.push({
					type: set.st[1] ?? '',
					controlNumber: set.st[2] ?? '',
					status: ok ? 'accepted' : 'rejected',
					errors,
					references: answered ? [answered.name] : [],
				});
			}
		}
		record.outcome =
			record.sets.length && record.sets.every((s) => s.status === 'accepted')
				? 'accepted'
				: 'rejected';
	}

	/** Interchange-level problems Amazon adds to the envelope's: wrong receiver, a repeated ISA13. */
	private interchangeProblems(check: InterchangeCheck, partner: EdiPartner): void {
		if (
			check.receiver.id !== this.amazonId.id ||
			check.receiver.qualifier !== this.amazonId.qualifier
		) {
			check.code ??= '008';
			check.messages.push(
				`ISA08 ${check.receiver.qualifier}/${check.receiver.id} is not Amazon ` +
					`(${this.amazonId.qualifier}/${this.amazonId.id}).`,
			);
		}
		const key = `${partner.qualifier}|${partner.id}`;
		const seen = this.seenInterchanges.get(key) ?? new Set<number>();
		this.seenInterchanges.set(key, seen);
		const number = Number(check.controlNumber);
		if (seen.has(number)) {
			check.code ??= '025';
			check.messages.push(
				`ISA13 ${check.controlNumber} was already received from ${partner.qualifier}/${partner.id}.`,
			);
		}
		seen.add(number);
	}

	private rejection(set: SetCheck, code: string | undefined): SetOutcome {
		return { type: set.type, control: set.control, accepted: false, code, segments: set.segments };
	}

	private apply(
		set: SetCheck,
		partner: EdiPartner,
		setRecord: SetRecord,
		file: VendorFileRecord,
		done: (outcome: SetOutcome, errors: string[]) => void,
	): void {
		const accepted: SetOutcome = {
			type: set.type,
			control: set.control,
			accepted: true,
			segments: [],
		};
		if (set.type === '846') {
			const records = inventoryFrom846(set.set.body, {
				vendorCode: partner.vendorCode,
				receivedAt: file.receivedAt,
				fileName: file.name,
			});
			for (const r of records) this.inventory.set(inventoryKey(r), r);
			setRecord.references = records.map((r) => inventoryKey(r));
			return done(accepted, []);
		}
		const settled = (tx: TransactionRecord) =>
			tx.status === 'Success'
				? done(accepted, [])
				: done(
						this.rejection(set, '5'),
						tx.errors.map((e) => `${e.code}: ${e.message}${e.details ? ` (${e.details})` : ''}`),
					);
		const refuse = (errors: string[]) => done(this.rejection(set, '5'), errors);
		if (set.type === '856') return this.applyShipNotice(set, partner, setRecord, settled, refuse);
		if (set.type === '810') return this.applyInvoice(set, setRecord, settled, refuse);
		const currency = REGION_DEFAULTS[this.amazon.state.region].currency;
		const ack = acknowledgementFrom855(
			set.set.body,
			partner.vendorCode,
			this.amazon.state,
			currency,
		);
		setRecord.references = [ack.purchaseOrderNumber];
		const modelErrors = this.amazon.validateModelBody(
			'vendorOrders.json',
			'SubmitAcknowledgementRequest',
			{
				acknowledgements: [ack],
			},
		);
		if (modelErrors.length) return refuse(modelErrors.map((e) => `${e.code}: ${e.message}`));
		this.submitAcknowledgement(ack, setRecord, settled);
	}

	/** An 810 as a submitInvoices transaction (the same rules and records as invoiceRoutes.ts). */
	private applyInvoice(
		set: SetCheck,
		setRecord: SetRecord,
		settled: (tx: TransactionRecord) => void,
		refuse: (errors: string[]) => void,
	): void {
		const invoice = invoiceFrom810(set.set.body);
		const ids = [String(invoice.id)];
		setRecord.references = ids;
		const body = { invoices: [invoice] };
		const modelErrors = this.amazon.validateModelBody(
			'vendorInvoices.json',
			'SubmitInvoicesRequest',
			body,
		);
		if (modelErrors.length) return refuse(modelErrors.map((e) => `${e.code}: ${e.message}`));
		const tx = registerInvoices(this.amazon, body, settled);
		setRecord.transactionId = tx.transactionId;
	}

	/** An 856 as a SubmitShipmentConfirmations transaction (the same rules and records as shipmentRoutes.ts). */
	private applyShipNotice(
		set: SetCheck,
		partner: EdiPartner,
		setRecord: SetRecord,
		settled: (tx: TransactionRecord) => void,
		refuse: (errors: string[]) => void,
	): void {
		let confirmation: Record<string, unknown>;
		try {
			confirmation = shipmentFrom856(set.set.body, partner.vendorCode);
		} catch (e) {
			if (e instanceof ShipmentStructureError) return refuse([e.message]);
			throw e;
		}
		setRecord.references = [String(confirmation.shipmentIdentifier)];
		const body = { shipmentConfirmations: [confirmation] };
		const modelErrors = this.amazon.validateModelBody(
			'vendorShipments.json',
			'SubmitShipmentConfirmationsRequest',
			body,
		);
		if (modelErrors.length) return refuse(modelErrors.map((e) => `${e.code}: ${e.message}`));
		const tx = registerShipmentConfirmations(this.amazon, body, settled);
		setRecord.transactionId = tx.transactionId;
	}

	/** The same transaction and records as POST /vendor/orders/v1/acknowledgements (acknowledgements.ts). */
	private submitAcknowledgement(
		ack: ReturnType<typeof acknowledgementFrom855>,
		setRecord: SetRecord,
		settled: (tx: TransactionRecord) => void,
	): void {
		const transaction = registerAcknowledgements(this.amazon, [ack], settled);
		setRecord.transactionId = transaction.transactionId;
	}

	/** Writes the file's 997 once every set has its outcome. */
	private answerWhenSettled(p: Pending): void {
		if (p.file.outcome !== 'pending' || p.outcomes.some((g) => g.some((o) => o === undefined)))
			return;
		const { check } = p;
		const groups: GroupOutcome[] = check.groups.map((g, i) => ({
			functionalId: g.functionalId,
			control: g.control,
			code: g.code,
			rejected: check.code !== undefined || g.code !== undefined,
			sets: p.outcomes[i] as SetOutcome[],
		}));
		const ta1 = check.code
			? [controlNumber9(Number(check.controlNumber)), ...this.isaDateTime(p.file), 'R', check.code]
			: undefined;
		p.file.interchangeCode = check.code;
		p.file.errors.push(...check.messages);
		const sets = groups.map(functionalAck997);
		const all = p.file.sets;
		p.file.outcome =
			all.length && all.every((s) => s.status === 'accepted') && !check.code
				? 'accepted'
				: all.some((s) => s.status === 'accepted') && !check.code
					? 'partiallyAccepted'
					: 'rejected';
		p.file.ack997 = this.writeAcks(p.partner, check.controlNumber, sets, ta1);
	}

	private isaDateTime(file: VendorFileRecord): string[] {
		const iso = file.receivedAt;
		return [iso.slice(2, 10).replace(/-/g, ''), iso.slice(11, 16).replace(':', '')];
	}

	/** A 997 interchange: one 997 set per group read (and a TA1 when the interchange is rejected). */
	private writeAcks(
		partner: EdiPartner,
		answered: string,
		sets: string[][][],
		ta1?: string[],
	): string {
		return this.write(partner, '997', answered, sets, ta1);
	}
}
