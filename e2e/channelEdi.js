/**
 * The EDI channel of the scenario runner (scenario key `"channel": "edi"`): the platform's
 * templates exchange purchase orders, acknowledgements, ship notices and invoices with Amazon
 * through the sandbox's EDI mailbox (SFTP) instead of the SP-API.
 *
 * On that channel the runner starts the sandbox with its SFTP server, seeds a trading partner for
 * the templates' vendor code (unless the scenario's seed has `edi`), imports an `sftp` and an
 * `amazonEdiTradingPartnerApi` credential, imports the EDI mailbox workflow
 * (workflows/edi-mailbox.json, a cycle workflow: it reads Amazon's files, hands the 850s to the
 * intake and sends the documents queued for EDI), and in every template that takes purchase orders
 * from it (a PO trigger and a When Executed by Another Workflow trigger) disables the PO trigger,
 * as the operator does: purchase orders come from the mailbox. The sandbox's EDI state is reduced
 * to what is stable (ediView) for the checks and the final state, and ediInvariants holds on it.
 */
'use strict';

const { loadWorkflows, PO_TRIGGER, triggerOf } = require('./platforms').kit;

const CHANNELS = ['spApi', 'edi'];
const DEFAULT_VENDOR_CODE = 'VEND1';
/** What the sandbox uses when a seed names no Amazon id (sandbox/edi/ediSide.ts). */
const SANDBOX_AMAZON = { qualifier: 'ZZ', id: 'AMAZON' };
/** ISA15 of every interchange the sandbox writes (sandbox/edi/x12.ts): production. */
const SANDBOX_USAGE = 'P';
const SFTP_CREDENTIAL = { id: 'avcScenEdiSftp01', name: 'Amazon EDI Mailbox (sandbox)' };
const PARTNER_CREDENTIAL = {
	id: 'avcScenEdiPart01',
	name: 'Amazon EDI Trading Partner (sandbox)',
};
/**
 * The EDI mailbox workflow. It comes last, after the templates it calls (n8n publishes a workflow
 * only when the sub-workflows it calls are published), and runs in every idle pass.
 */
const MAILBOX = { role: 'cycle', files: ['edi-mailbox.json'], optional: true };
/** Amazon's documents that the vendor answers with a 997 (a 997 is not answered). */
const ACKNOWLEDGED_TYPES = ['850', '860', '820'];

/** The scenario's channel: `spApi` (the default) or `edi`. */
function channelOf(scenario) {
	return scenario?.channel ?? 'spApi';
}

/** The vendor code the templates' Configuration nodes name (`vendorCode`), else VEND1. */
function vendorCodeOf(workflows) {
	for (const w of workflows) {
		const fields =
			w.json.nodes.find((n) => n.name === 'Configuration')?.parameters?.assignments?.assignments ||
			[];
		const field = fields.find((a) => a.name === 'vendorCode');
		if (typeof field?.value === 'string' && field.value.trim()) return field.value.trim();
	}
	return DEFAULT_VENDOR_CODE;
}

/** The trading partner the runner seeds for a vendor code: qualifier ZZ, id `<vendor code>EDI`. */
function defaultPartner(vendorCode) {
	return { vendorCode, qualifier: 'ZZ', id: `${vendorCode}EDI`.slice(0, 15) };
}

/** The seed with the default trading partner added, unless it has `edi` already. */
function withEdiPartner(seed, vendorCode) {
	if (seed?.edi !== undefined) return seed;
	return { ...(seed || {}), edi: { partners: [defaultPartner(vendorCode)] } };
}

/**
 * The partnership the scenario's seed sets up for the vendor code, with the sandbox's defaults
 * (qualifier ZZ, id the vendor code; Amazon ZZ / AMAZON): {us, amazon}.
 */
function partnershipOf(seed, vendorCode) {
	const edi = withEdiPartner(seed, vendorCode).edi || {};
	const partner = (edi.partners || []).find((p) => p && p.vendorCode === vendorCode) || {
		vendorCode,
	};
	return {
		us: { qualifier: partner.qualifier ?? 'ZZ', id: partner.id ?? vendorCode.slice(0, 15) },
		amazon: {
			qualifier: edi.amazon?.qualifier ?? SANDBOX_AMAZON.qualifier,
			id: edi.amazon?.id ?? SANDBOX_AMAZON.id,
		},
	};
}

/**
 * The two credentials of the EDI channel: n8n's `sftp` (FTP node in SFTP mode) for the sandbox's
 * mailbox, and the package's trading partner, as the scenario's seed sets them up. The login is the
 * seed's `edi.sftp`, else the sandbox's.
 */
function ediCredentials(sandbox, seed, vendorCode) {
	if (!sandbox.sftp) throw new Error('the EDI channel needs the sandbox started with sftpPort');
	const { us, amazon } = partnershipOf(seed, vendorCode);
	return [
		{
			...SFTP_CREDENTIAL,
			type: 'sftp',
			data: {
				host: sandbox.sftp.host,
				port: sandbox.sftp.port,
				username: seed?.edi?.sftp?.username ?? sandbox.sftp.username,
				password: seed?.edi?.sftp?.password ?? sandbox.sftp.password,
			},
		},
		{
			...PARTNER_CREDENTIAL,
			type: 'amazonEdiTradingPartnerApi',
			data: {
				ourQualifier: us.qualifier,
				ourId: us.id,
				amazonQualifier: amazon.qualifier,
				amazonId: amazon.id,
				ourGroupCode: '',
				amazonGroupCode: '',
				usage: SANDBOX_USAGE,
			},
		},
	];
}

const CALLED_TRIGGER = 'n8n-nodes-base.executeWorkflowTrigger';

/**
 * A template on the EDI channel: one that takes purchase orders from the EDI mailbox as well (it
 * has a PO trigger and a When Executed by Another Workflow trigger) gets its PO trigger disabled.
 * Other templates are returned unchanged.
 */
function onEdiChannel(json) {
	const has = (type) => json.nodes.some((n) => n.type === type && !n.disabled);
	if (!has(PO_TRIGGER) || !has(CALLED_TRIGGER)) return json;
	const wf = JSON.parse(JSON.stringify(json));
	for (const node of wf.nodes) if (node.type === PO_TRIGGER) node.disabled = true;
	return wf;
}

/** The trigger of a patched template; kind `none` when it has no enabled trigger left. */
function triggerAfterPatch(json, file) {
	try {
		return triggerOf(json, file);
	} catch {
		return { kind: 'none', name: undefined };
	}
}

/** The EDI workflows as they are in workflows/ (none while they do not exist). */
function loadEdiWorkflows() {
	return { before: [], after: loadWorkflows([MAILBOX]) };
}

/**
 * The workflows a scenario on the EDI channel runs: the platform's templates on the EDI channel
 * (their triggers read again), then the mailbox.
 */
function ediWorkflows(platformWorkflows, edi = loadEdiWorkflows()) {
	const templates = platformWorkflows.map((w) => {
		const json = onEdiChannel(w.json);
		return json === w.json ? w : { ...w, json, trigger: triggerAfterPatch(json, w.file) };
	});
	return [...edi.before, ...templates, ...edi.after];
}

/** The sandbox's EDI state (GET /__sandbox/edi) reduced to what a run decides: no times or sizes. */
function ediView(edi) {
	if (!edi || typeof edi !== 'object') return edi;
	const mailbox = { inbound: [], outbound: [] };
	for (const { path } of edi.mailbox || []) {
		const [folder, ...rest] = String(path).replace(/^\/+/, '').split('/');
		(mailbox[folder] ??= []).push(rest.join('/'));
	}
	const only = (record, keys) =>
		Object.fromEntries(keys.filter((k) => record[k] !== undefined).map((k) => [k, record[k]]));
	return {
		amazon: edi.amazon,
		partners: edi.partners || [],
		mailbox,
		amazonFiles: (edi.amazonFiles || []).map((f) =>
			only(f, [
				'name',
				'type',
				'reference',
				'controlNumber',
				'vendorCode',
				'acknowledgement',
				'acknowledgedBy',
			]),
		),
		vendorFiles: (edi.vendorFiles || []).map((f) => ({
			...only(f, [
				'name',
				'outcome',
				'sender',
				'controlNumber',
				'interchangeCode',
				'errors',
				'ack997',
			]),
			sets: (f.sets || []).map((s) =>
				only(s, ['type', 'controlNumber', 'status', 'code', 'errors', 'references']),
			),
		})),
		inventory: (edi.inventory || []).map((r) =>
			only(r, ['vendorCode', 'productIds', 'qualifier', 'quantity', 'unitOfMeasure', 'fileName']),
		),
	};
}

function check(name, ok, actual) {
	return { name, ok: Boolean(ok), expected: 'true', actual: ok ? true : actual };
}

/**
 * Invariants of a scenario on the EDI channel, on ediView's state: every file the vendor wrote to
 * outbound/ was read and accepted (none rejected, partly accepted, pending, unread or unreadable,
 * none left in outbound/), and every 850, 860 and 820 Amazon wrote has the vendor's 997.
 */
function ediInvariants(edi) {
	const notAccepted = (edi?.vendorFiles || [])
		.filter((f) => f.outcome !== 'accepted')
		.map((f) => `${f.name}: ${f.outcome}${f.errors?.length ? ` (${f.errors.join(' ')})` : ''}`);
	const leftInOutbound = (edi?.mailbox?.outbound || []).map(
		(name) => `${name}: still in outbound/`,
	);
	const unanswered = (edi?.amazonFiles || [])
		.filter((f) => ACKNOWLEDGED_TYPES.includes(f.type) && !f.acknowledgement)
		.map((f) => f.name);
	return [
		check(
			'EDI: every file the vendor wrote to outbound/ was read and accepted',
			notAccepted.length === 0 && leftInOutbound.length === 0,
			[...notAccepted, ...leftInOutbound],
		),
		check(
			'EDI: every 850, 860 and 820 Amazon wrote to inbound/ has a 997 from the vendor',
			unanswered.length === 0,
			unanswered,
		),
	];
}

/** Lines for the runner's summary. */
function ediSummary(edi) {
	const byType = {};
	for (const f of edi?.amazonFiles || []) byType[f.type] = (byType[f.type] || 0) + 1;
	const outcomes = {};
	for (const f of edi?.vendorFiles || []) {
		const types = [...new Set((f.sets || []).map((s) => s.type))].join('/') || '?';
		const key = `${types} ${f.outcome}`;
		outcomes[key] = (outcomes[key] || 0) + 1;
	}
	const list = (counts) =>
		Object.entries(counts)
			.map(([k, n]) => `${n} x ${k}`)
			.join(', ') || 'none';
	return [
		`EDI files from Amazon: ${(edi?.amazonFiles || []).length} (${list(byType)})`,
		`EDI files from the vendor: ${(edi?.vendorFiles || []).length} (${list(outcomes)})`,
	];
}

module.exports = {
	CHANNELS,
	SFTP_CREDENTIAL,
	PARTNER_CREDENTIAL,
	SANDBOX_USAGE,
	channelOf,
	vendorCodeOf,
	defaultPartner,
	withEdiPartner,
	partnershipOf,
	ediCredentials,
	onEdiChannel,
	loadEdiWorkflows,
	ediWorkflows,
	ediView,
	ediInvariants,
	ediSummary,
};
