#!/usr/bin/env node
/**
 * X12 benchmark (issue 17, Speed): our X12 reader (nodes/shared/domain/x12, compiled) on a
 * 10,000-line 850 and a 100,000-line 820, against node-x12's parser on the same text and against
 * JSON.parse + JSON.stringify of the same segments as JSON, all in the same process; each figure is
 * the median of several runs after a warm-up. Targets: at least 2x node-x12's throughput (our time at
 * most half of its time), and at most 3x the JSON baseline.
 *
 * Usage: node scripts/bench-x12.js [distDir] (default: dist). From code:
 * require('./bench-x12').runX12Bench({ distDir }). Exits 1 when a target is missed.
 */
'use strict';

const path = require('node:path');
const { performance } = require('node:perf_hooks');

const NODE_X12_FACTOR = 2;
const JSON_RATIO = 3;

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function time(fn) {
	const started = performance.now();
	fn();
	return performance.now() - started;
}

/** A 850 with `lines` PO1 lines (each with its CTP price), as the writer's input. */
function purchaseOrderSegments(lines) {
	const segments = [
		['BEG', '00', 'NE', 'PO4ZX81K', undefined, '20261207'],
		['REF', 'CR', 'AMZN_VENDORCODE'],
		['CSH', 'N'],
		['DTM', '063', '20261221'],
		['DTM', '064', '20261214'],
		['N1', 'ST', undefined, '92', 'ABE8'],
	];
	for (let i = 1; i <= lines; i++) {
		const asin = `B0${String(i).padStart(8, '0')}`;
		segments.push([
			'PO1',
			String(i),
			(i % 7) + 1,
			i % 3 ? 'CA' : 'EA',
			`${(i % 50) + 1}.25`,
			'NT',
			'BP',
			asin,
		]);
	}
	segments.push(['CTT', lines, lines * 4]);
	return segments;
}

/** A 820 with `lines` RMR lines (every tenth with an ADX deduction). */
function remittanceSegments(lines) {
	const segments = [
		[
			'BPR',
			'C',
			'1000000.00',
			'C',
			'ACH',
			'CCP',
			'01',
			'011000015',
			'DA',
			'0001',
			undefined,
			undefined,
			'01',
			'021000021',
			'DA',
			'0002',
			'20261207',
		],
		['TRN', '3', 'PAY0012345'],
		['CUR', 'PR', 'USD'],
		['N1', 'PR', 'AMAZON.COM'],
		['N1', 'PE', 'VENDOR', '92', 'VEND1'],
		['ENT', '1'],
	];
	for (let i = 1; i <= lines; i++) {
		if (i % 10 === 0) segments.push(['ADX', '-12.50', 'CS', 'IV', `INV${i}`]);
		else
			segments.push(['RMR', 'IV', `INV${i}`, 'PI', `${(i % 500) + 10}.00`, `${(i % 500) + 10}.00`]);
	}
	return segments;
}

function interchangeOf(x12, functionalId, id, segments) {
	return x12.writeInterchange({
		sender: { qualifier: 'ZZ', id: 'AMAZON' },
		receiver: { qualifier: 'ZZ', id: 'VENDORX' },
		controlNumber: 1,
		at: new Date('2026-12-07T12:00:00Z'),
		groups: [
			{
				functionalId,
				senderCode: 'AMAZON',
				receiverCode: 'VENDORX',
				controlNumber: 1,
				version: '004010',
				transactionSets: [{ id, controlNumber: 1, segments }],
			},
		],
	});
}

function measure(fn, runs, warmup) {
	for (let i = 0; i < warmup; i++) fn();
	const out = [];
	for (let i = 0; i < runs; i++) out.push(time(fn));
	return median(out);
}

function benchOne(x12, X12Parser, text, runs) {
	const read = x12.readInterchange(text);
	const segments = read.groups[0].transactionSets[0].segments.map((s) => s.elements);
	const asJson = JSON.stringify(segments);
	let sink = 0;
	const ours = measure(() => (sink += x12.readInterchange(text).groups.length), runs, 3);
	const theirs = measure(
		() => (sink += new X12Parser(true).parse(text).functionalGroups.length),
		Math.max(3, runs >> 2),
		1,
	);
	const json = measure(() => (sink += JSON.stringify(JSON.parse(asJson)).length), runs, 3);
	if (sink < 0) console.log(sink);
	return { segments: segments.length, bytes: text.length, ours, theirs, json };
}

function runX12Bench(options = {}) {
	const distDir = path.resolve(options.distDir || path.join(__dirname, '..', 'dist'));
	const x12 = require(path.join(distDir, 'nodes', 'shared', 'domain', 'x12'));
	const { X12Parser } = require('node-x12');
	const po = benchOne(
		x12,
		X12Parser,
		interchangeOf(x12, 'PO', '850', purchaseOrderSegments(10000)),
		15,
	);
	const remittance = benchOne(
		x12,
		X12Parser,
		interchangeOf(x12, 'RA', '820', remittanceSegments(100000)),
		9,
	);
	const verdict = (r) => ({
		...r,
		speedUp: r.theirs / r.ours,
		jsonRatio: r.ours / r.json,
		ok: r.theirs / r.ours >= NODE_X12_FACTOR && r.ours / r.json <= JSON_RATIO,
	});
	return { po: verdict(po), remittance: verdict(remittance) };
}

function report(name, r) {
	console.log(
		`${name}: ${r.segments} segments, ${(r.bytes / 1024 / 1024).toFixed(2)} MB. ` +
			`Ours ${r.ours.toFixed(1)} ms, node-x12 ${r.theirs.toFixed(1)} ms (${r.speedUp.toFixed(1)}x faster; ` +
			`target at least ${NODE_X12_FACTOR}x), JSON.parse + JSON.stringify ${r.json.toFixed(1)} ms ` +
			`(ours ${r.jsonRatio.toFixed(2)}x; target at most ${JSON_RATIO}x)`,
	);
}

if (require.main === module) {
	const result = runX12Bench({ distDir: process.argv[2] });
	report('X12 850', result.po);
	report('X12 820', result.remittance);
	if (!result.po.ok || !result.remittance.ok) process.exit(1);
}

module.exports = { runX12Bench, report, NODE_X12_FACTOR, JSON_RATIO };
