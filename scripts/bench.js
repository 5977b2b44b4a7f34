#!/usr/bin/env node
// npm run bench: one 10,000-line purchase order through Map ASIN / Case Pack and Acknowledge PO
// (mapping-table index, mapping, allocation, acknowledgement body; no HTTP), measured against
// JSON.parse(JSON.stringify(po)) of the same PO in the same run; then 100,000 remittance lines
// through Post Remittance Journal's domain (CSV parse, classification, balanced journals;
// scripts/bench-remittance.js) against JSON.parse + JSON.stringify of the same rows; then our X12
// reader on a 10,000-line 850 and a 100,000-line 820 against node-x12 and JSON (scripts/bench-x12.js:
// at least 2x node-x12, at most 3x JSON). Medians of several runs. Target: at most 3x the baseline
// for each; exits 1 if any target is missed.
//
// Loads the compiled modules from dist/ (run `npm run build` first). Another build directory can be
// given with `--dist <dir>` or AVC_BENCH_DIST=<dir> (e.g. `npx tsc -p tsconfig.json --outDir /tmp/x`).
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const { performance } = require('node:perf_hooks');

const TARGET_RATIO = 3;
const LINES = 10000;
const RUNS = 21;
const WARMUP = 5;

function distDir() {
	const i = process.argv.indexOf('--dist');
	if (i !== -1 && process.argv[i + 1]) return path.resolve(process.argv[i + 1]);
	if (process.env.AVC_BENCH_DIST) return path.resolve(process.env.AVC_BENCH_DIST);
	return path.resolve(__dirname, '..', 'dist');
}

const dist = distDir();
const domain = path.join(dist, 'nodes', 'shared', 'domain');
const needed = ['purchaseOrder', 'caseMapping', 'allocation', 'acknowledgement'];
// A module is a file (`name.js`) or a feature folder (`name/index.js`).
const compiled = (m) =>
	fs.existsSync(path.join(domain, `${m}.js`)) || fs.existsSync(path.join(domain, m, 'index.js'));
const missing = needed.filter((m) => !compiled(m));
if (missing.length) {
	console.error(
		`bench: compiled modules not found in ${domain} (${missing.map((m) => `${m}.js`).join(', ')}).`,
	);
	console.error(
		'Run `npm run build` first (or point --dist / AVC_BENCH_DIST at a tsc output directory).',
	);
	process.exit(1);
}
// A build directory outside the project still needs the project's dependencies (zod).
const projectRoot = path.resolve(__dirname, '..');
const fromRoot = path.relative(projectRoot, dist);
if (fromRoot.startsWith('..') || path.isAbsolute(fromRoot)) {
	process.env.NODE_PATH = [path.join(projectRoot, 'node_modules'), process.env.NODE_PATH]
		.filter(Boolean)
		.join(path.delimiter);
	require('node:module').Module._initPaths();
}
const { normalisePurchaseOrder } = require(path.join(domain, 'purchaseOrder'));
const { createMappingIndex, mapPurchaseOrder } = require(path.join(domain, 'caseMapping'));
const { allocate } = require(path.join(domain, 'allocation'));
const {
	buildAcknowledgement,
	buildAcknowledgementRequest,
	validateAcknowledgementRequest,
} = require(path.join(domain, 'acknowledgement'));

// ---------------------------------------------------------------------------------------------
// A realistic 10,000-line PO (deterministic), its mapping table and stock.

let seed = 0x2f6e2b1;
function random() {
	// mulberry32
	seed = (seed + 0x6d2b79f5) | 0;
	let t = seed;
	t = Math.imul(t ^ (t >>> 15), t | 1);
	t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
	return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];
const int = (min, max) => min + Math.floor(random() * (max - min + 1));

function ean(n) {
	const body = `400638${String(n).padStart(6, '0')}`;
	let sum = 0;
	for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 ? 3 : 1);
	return body + ((10 - (sum % 10)) % 10);
}

function cents(min, max) {
	const c = int(min * 100, max * 100);
	return `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
}

const items = [];
const rows = [];
const stock = {};
for (let n = 1; n <= LINES; n++) {
	const asin = `B0${n.toString(36).toUpperCase().padStart(8, '0')}`;
	const vendorId = ean(n);
	const sku = `SKU-${String(n).padStart(5, '0')}`;
	const cases = random() < 0.45;
	const casePack = pick([4, 6, 12, 24, 48]);
	const byWeight = random() < 0.05;
	const cost = byWeight ? cents(1, 15) : cents(0.5, 250);
	const amount = cases ? int(1, 40) : casePack * int(1, 20);
	const item = {
		itemSequenceNumber: String(n),
		amazonProductIdentifier: asin,
		vendorProductIdentifier: vendorId,
		orderedQuantity: {
			amount,
			unitOfMeasure: cases ? 'Cases' : 'Eaches',
			unitSize: cases ? casePack : 1,
		},
		isBackOrderAllowed: random() < 0.5,
		netCost: byWeight
			? { amount: cost, currencyCode: 'USD', unitOfMeasure: 'POUNDS' }
			: { amount: cost, currencyCode: 'USD' },
		listPrice: { amount: cost, currencyCode: 'USD' },
	};
	items.push(item);
	if (n % 200 !== 0) {
		// 0.5 % of the lines are unmapped; every mapped SKU has a case pack and an agreed cost.
		rows.push({
			asin,
			vendorProductIdentifier: vendorId,
			sku,
			casePack,
			expectedUnitCost: cost,
			discontinued: n % 997 === 0,
		});
		const eaches = cases ? amount * casePack : amount;
		const r = random();
		stock[sku] = r < 0.7 ? eaches + int(0, 100) : r < 0.9 ? Math.floor(eaches / 2) : 0;
	}
}

const rawOrder = {
	purchaseOrderNumber: 'BENCH001',
	purchaseOrderState: 'New',
	orderDetails: {
		purchaseOrderDate: '2024-05-01T08:00:00Z',
		purchaseOrderStateChangedDate: '2024-05-01T08:00:00Z',
		purchaseOrderType: 'RegularOrder',
		paymentMethod: 'Invoice',
		buyingParty: { partyId: 'ABCD' },
		sellingParty: { partyId: 'VEND1' },
		shipToParty: { partyId: 'ABCD' },
		billToParty: { partyId: 'ABCD' },
		shipWindow: '2024-05-06T07:00:00Z--2024-05-10T07:00:00Z',
		items,
	},
};
const canonical = normalisePurchaseOrder(rawOrder);
const mapOptions = {
	partialPo: 'continueWithRejections',
	discontinued: 'reject',
	priceTolerance: { mode: 'percent', value: '1' },
};
const ackOptions = { now: () => new Date('2024-05-01T10:30:00Z') };

// ---------------------------------------------------------------------------------------------
// Work and baseline

let sink = 0;

function baseline() {
	const copy = JSON.parse(JSON.stringify(rawOrder));
	sink += copy.orderDetails.items.length;
}

function work() {
	const index = createMappingIndex(rows);
	const mapped = mapPurchaseOrder(canonical, index, mapOptions, rawOrder);
	const allocation = allocate([mapped], stock, { backorder: true });
	const { acknowledgement } = buildAcknowledgement(mapped, allocation.orders[0], ackOptions);
	const body = buildAcknowledgementRequest([acknowledgement]);
	sink += body.acknowledgements[0].items.length;
	return { mapped, allocation, body };
}

function time(fn) {
	const start = performance.now();
	fn();
	return performance.now() - start;
}

function median(list) {
	const sorted = [...list].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// Sanity: the run does what it claims.
const check = work();
const routes = check.mapped.route;
const lines = check.body.acknowledgements[0].items.length;
if (lines !== LINES || routes !== 'mapped') {
	console.error(`bench: unexpected result (${lines} acknowledged lines, route ${routes})`);
	process.exit(1);
}
const loops = { Accepted: 0, Backordered: 0, Rejected: 0 };
for (const item of check.body.acknowledgements[0].items)
	for (const l of item.itemAcknowledgements) loops[l.acknowledgementCode]++;

for (let i = 0; i < WARMUP; i++) {
	baseline();
	work();
}
const base = [];
const ours = [];
for (let i = 0; i < RUNS; i++) {
	base.push(time(baseline));
	ours.push(time(work));
}
const validation = [];
for (let i = 0; i < 5; i++) validation.push(time(() => validateAcknowledgementRequest(check.body)));
const normalising = [];
for (let i = 0; i < 5; i++) normalising.push(time(() => normalisePurchaseOrder(rawOrder)));

const b = median(base);
const w = median(ours);
const ratio = w / b;
const bytes = Buffer.byteLength(JSON.stringify(rawOrder));
console.log(
	`PO: ${LINES} lines (${items.filter((i) => i.orderedQuantity.unitOfMeasure === 'Cases').length} Cases, ` +
		`${items.filter((i) => i.netCost.unitOfMeasure).length} priced by weight), ` +
		`${(bytes / 1024 / 1024).toFixed(2)} MB of JSON; modules from ${dist}`,
);
console.log(
	`Acknowledgement loops: ${loops.Accepted} Accepted, ${loops.Backordered} Backordered, ${loops.Rejected} Rejected`,
);
console.log(`Baseline JSON.parse + JSON.stringify (median of ${RUNS}): ${b.toFixed(2)} ms`);
console.log(`Map + allocate + build acknowledgement (median of ${RUNS}):  ${w.toFixed(2)} ms`);
console.log(`Ratio: ${ratio.toFixed(2)}x (target at most ${TARGET_RATIO}x)`);
console.log(
	`For information, not in the ratio: schema validation of the body ${median(validation).toFixed(2)} ms, ` +
		`normalising the raw PO ${median(normalising).toFixed(2)} ms`,
);
if (sink < 0) console.log(sink);
let failed = false;
if (ratio > TARGET_RATIO) {
	console.error(`bench: ${ratio.toFixed(2)}x is above the ${TARGET_RATIO}x target`);
	failed = true;
}

// ---------------------------------------------------------------------------------------------
// Remittance: 100,000 Vendor Central remittance lines parsed, classified and journalised
// (scripts/bench-remittance.js), against JSON.parse + JSON.stringify of the same rows.

const remittanceModules = ['csv', 'classify', 'journal'].map((m) =>
	path.join(domain, 'remittance', `${m}.js`),
);
const missingRemittance = remittanceModules.filter((file) => !fs.existsSync(file));
if (missingRemittance.length) {
	console.error(
		`bench: compiled remittance modules not found (${missingRemittance.join(', ')}). Run \`npm run build\` first.`,
	);
	process.exit(1);
}
const { runRemittanceBench, TARGET_RATIO: REMITTANCE_TARGET } = require('./bench-remittance');
const remittance = runRemittanceBench({ distDir: dist });
console.log('');
console.log(
	`Remittance: ${remittance.lines} CSV lines, ${remittance.payments} payments, ` +
		`${remittance.journalLines} journal lines (every deduction family, no exceptions)`,
);
console.log(
	`Baseline JSON.parse + JSON.stringify of the rows (median):    ${remittance.baseline.toFixed(1)} ms`,
);
console.log(
	`Parse CSV + classify + journalise, balance checked (median): ${remittance.ours.toFixed(1)} ms`,
);
console.log(`Ratio: ${remittance.ratio.toFixed(2)}x (target at most ${REMITTANCE_TARGET}x)`);
if (remittance.ratio > REMITTANCE_TARGET) {
	console.error(
		`bench: remittance ${remittance.ratio.toFixed(2)}x is above the ${REMITTANCE_TARGET}x target`,
	);
	failed = true;
}

// ---------------------------------------------------------------------------------------------
// X12: our reader on a 10,000-line 850 and a 100,000-line 820, against node-x12's parser and
// JSON.parse + JSON.stringify of the same segments (scripts/bench-x12.js).

const { runX12Bench, report: reportX12 } = require('./bench-x12');
const x12 = runX12Bench({ distDir: dist });
console.log('');
reportX12('X12 850', x12.po);
reportX12('X12 820', x12.remittance);
for (const [name, r] of [
	['850', x12.po],
	['820', x12.remittance],
])
	if (!r.ok) {
		console.error(`bench: X12 ${name} misses its targets`);
		failed = true;
	}
if (failed) process.exit(1);
