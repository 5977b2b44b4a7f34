#!/usr/bin/env node
/**
 * Remittance benchmark: 100,000 Vendor Central remittance lines (CSV text) parsed, classified and
 * journalised with the compiled domain modules, against JSON.parse + JSON.stringify of the same
 * rows (as JSON objects). Both are timed in the same process; each figure is the median of several
 * runs after a warm-up. Target: ours / baseline <= 3.
 *
 * Usage: node scripts/bench-remittance.js [distDir] (default: dist). Compile first, e.g.
 *   npx tsc -p tsconfig.json --outDir /tmp/avc-bench-remit && node scripts/bench-remittance.js /tmp/avc-bench-remit
 * Exits 1 above the target. From code: require('./bench-remittance').runRemittanceBench({ distDir }).
 */
'use strict';

const path = require('node:path');

const TARGET_RATIO = 3;
const HEADERS = [
	'Payment Number',
	'Payment Date',
	'Invoice Number',
	'Invoice Date',
	'Description',
	'Invoice Currency',
	'Invoice Amount',
	'Terms Discount Taken',
	'Amount Paid',
	'Remaining Amount',
];

/** Deterministic PRNG (mulberry32). */
function random(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Integer cents to "1,234.56" / "-45.60" (strings only: no float arithmetic on money). */
function money(cents, grouped) {
	const negative = cents < 0;
	const abs = String(Math.abs(cents)).padStart(3, '0');
	let whole = abs.slice(0, -2);
	if (grouped) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return `${negative ? '-' : ''}${whole}.${abs.slice(-2)}`;
}

function field(value) {
	return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Builds `lineCount` remittance rows (payments of `perPayment` lines) with every deduction family:
 * invoices (some with a terms discount, some short paid), shortage claims, reversals, revised
 * claims, price claims, chargebacks, co-op, price protection and provisions.
 */
function buildRows(lineCount, perPayment = 100) {
	const next = random(20240115);
	const rows = [];
	let invoice = 100000;
	for (let i = 0; i < lineCount; i++) {
		const payment = 40000000 + Math.floor(i / perPayment);
		const paymentDate = `2024-${String(1 + (Math.floor(i / perPayment) % 12)).padStart(2, '0')}-15`;
		const roll = next();
		const cents = 1000 + Math.floor(next() * 500000);
		let reference;
		let description;
		let gross;
		let discount = 0;
		let paid;
		let remaining = 0;
		if (roll < 0.7) {
			invoice++;
			reference = String(invoice);
			description = 'Invoice';
			gross = cents;
			if (next() < 0.3) discount = Math.floor(cents / 50);
			if (next() < 0.05) remaining = Math.floor(cents / 10);
			paid = gross - discount - remaining;
		} else {
			const base = invoice - Math.floor(next() * 50);
			const claim = Math.floor(cents / 20) + 1;
			if (roll < 0.8) [reference, description, gross] = [`${base}SC`, 'Shortage claim', -claim];
			else if (roll < 0.83)
				[reference, description, gross] = [`${base}SCR`, 'Shortage claim reversal', claim];
			else if (roll < 0.85)
				[reference, description, gross] = [`${base}SCRSC`, 'Revised shortage claim', -claim];
			else if (roll < 0.9) [reference, description, gross] = [`${base}PC`, 'Price claim', -claim];
			else if (roll < 0.94)
				[reference, description, gross] = [
					`${83265481 + i}VCBSINV`,
					'Operational chargeback',
					-claim,
				];
			else if (roll < 0.97)
				[reference, description, gross] = [
					`7110-${String(23456789 + i).padStart(8, '0')}`,
					'Co-op: MDF',
					-claim,
				];
			else if (roll < 0.99)
				[reference, description, gross] = [
					`IPAPUS${String(1000000 + i).slice(-7)}`,
					'Price protection',
					-claim,
				];
			else
				[reference, description, gross] = [
					`${payment - 1}-PROVISION FOR RECEIVABLES`,
					'Provision for receivables',
					-claim,
				];
			paid = gross;
		}
		rows.push({
			'Payment Number': String(payment),
			'Payment Date': paymentDate,
			'Invoice Number': reference,
			'Invoice Date': '2023-12-01',
			Description: description,
			'Invoice Currency': 'USD',
			'Invoice Amount': money(gross, true),
			'Terms Discount Taken': money(discount, false),
			'Amount Paid': money(paid, true),
			'Remaining Amount': money(remaining, false),
		});
	}
	return rows;
}

function toCsv(rows) {
	const lines = [HEADERS.join(',')];
	for (const row of rows) lines.push(HEADERS.map((h) => field(row[h])).join(','));
	return `${lines.join('\r\n')}\r\n`;
}

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function time(fn) {
	const start = process.hrtime.bigint();
	const result = fn();
	return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

const ACCOUNTS = {
	bank: '1000',
	receivable: '1200',
	termsDiscount: '4910',
	rounding: '8990',
	suspense: '1999',
	byType: {
		shortageClaim: '4920',
		priceClaim: '4930',
		chargeback: '6150',
		coopAgreement: '6100',
		priceProtection: '4940',
		provisionForReceivables: '1250',
	},
};

/**
 * Runs the benchmark. Options: distDir (compiled output root, default `dist`), lines (default
 * 100,000), runs (default 5). Returns `{ ours, baseline, ratio, lines, payments, journalLines }`
 * with times in milliseconds (medians).
 */
function runRemittanceBench(options = {}) {
	const distDir = path.resolve(options.distDir || path.join(__dirname, '..', 'dist'));
	const lineCount = options.lines || 100000;
	const runs = options.runs || 5;
	const domain = path.join(distDir, 'nodes', 'shared', 'domain', 'remittance');
	const { parseRemittanceCsv } = require(path.join(domain, 'csv.js'));
	const { classifyPayment, defaultRules } = require(path.join(domain, 'classify.js'));
	const { buildJournal } = require(path.join(domain, 'journal.js'));

	const rows = buildRows(lineCount);
	const csv = toCsv(rows);
	const json = JSON.stringify(rows);
	const rules = defaultRules();

	const ours = () => {
		const { payments } = parseRemittanceCsv(csv);
		let journalLines = 0;
		let exceptions = 0;
		for (const payment of payments) {
			const outcome = buildJournal(payment, classifyPayment(payment, rules), ACCOUNTS);
			if (outcome.entry) journalLines += outcome.entry.lines.length;
			if (outcome.exception) exceptions++;
		}
		return { payments: payments.length, journalLines, exceptions };
	};
	const baseline = () => JSON.stringify(JSON.parse(json)).length;

	// warm-up (JIT), then alternate so both see the same machine state
	ours();
	baseline();
	const oursTimes = [];
	const baselineTimes = [];
	let stats;
	for (let i = 0; i < runs; i++) {
		const a = time(ours);
		stats = a.result;
		oursTimes.push(a.ms);
		baselineTimes.push(time(baseline).ms);
	}
	if (stats.exceptions !== 0)
		throw new Error(`benchmark data produced ${stats.exceptions} exceptions`);
	const oursMs = median(oursTimes);
	const baselineMs = median(baselineTimes);
	return {
		ours: Math.round(oursMs * 10) / 10,
		baseline: Math.round(baselineMs * 10) / 10,
		ratio: Math.round((oursMs / baselineMs) * 100) / 100,
		lines: lineCount,
		payments: stats.payments,
		journalLines: stats.journalLines,
		target: TARGET_RATIO,
	};
}

module.exports = { runRemittanceBench, buildRows, toCsv, TARGET_RATIO };

if (require.main === module) {
	const result = runRemittanceBench({ distDir: process.argv[2] });
	console.log(
		`remittance: ${result.lines} lines, ${result.payments} payments, ${result.journalLines} journal lines: ` +
			`ours ${result.ours} ms, JSON.parse+stringify ${result.baseline} ms, ` +
			`ratio ${result.ratio} (target <= ${TARGET_RATIO})`,
	);
	if (result.ratio > TARGET_RATIO) process.exit(1);
}
