#!/usr/bin/env node
/**
 * Stock benchmark (issue 19): available to promise for 100,000 SKUs and two channels (a 60/40
 * share, Vendor Central in whole cases), then the zero-stock guard of each channel against the last
 * figures, with the compiled domain modules; against JSON.parse + JSON.stringify of the same stock
 * rows, in the same process; medians of several runs. Target: at most 3x the baseline.
 *
 * Not yet part of `npm run bench`: on 2026-12-07 it measured 3.1x to 4.7x on a loaded machine (the
 * guard's two maps of 100,000 SKUs are most of the rest); issue 19 tracks it.
 *
 * Usage: node scripts/bench-stock.js [distDir] (default: dist). From code:
 * require('./bench-stock').runStockBench({ distDir }). Exits 1 above the target.
 */
'use strict';

const path = require('node:path');
const { performance } = require('node:perf_hooks');

const TARGET_RATIO = 3;
const SKUS = 100000;

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function measure(fn, runs = 9, warmup = 2) {
	for (let i = 0; i < warmup; i++) fn();
	const out = [];
	for (let i = 0; i < runs; i++) {
		const started = performance.now();
		fn();
		out.push(performance.now() - started);
	}
	return median(out);
}

function stockRows(count) {
	const rows = [];
	for (let i = 0; i < count; i++)
		rows.push({
			sku: `SKU-${String(i).padStart(6, '0')}`,
			onHand: (i * 37) % 500,
			committed: i % 7,
			openPoAccepted: (i % 5) * 6,
			casePack: i % 3 ? 6 : 1,
		});
	return rows;
}

function runStockBench(options = {}) {
	const distDir = path.resolve(options.distDir || path.join(__dirname, '..', 'dist'));
	const stock = require(path.join(distDir, 'nodes', 'shared', 'domain', 'stock'));
	const rows = stockRows(SKUS);
	const atpOptions = {
		allocation: 'share',
		safetyStock: 2,
		channels: [
			{ name: 'vendorCentral', share: 60, wholeCases: true, bufferEaches: 1 },
			{ name: 'sellerCentral', share: 40, reservePercent: 10 },
		],
	};
	const last = {
		vendorCentral: rows.map((r) => ({ sku: r.sku, available: r.onHand % 100 })),
		sellerCentral: rows.map((r) => ({ sku: r.sku, available: r.onHand % 80 })),
	};
	let sink = 0;
	const work = () => {
		const figures = stock.availableToPromise(rows, atpOptions);
		for (const channel of ['vendorCentral', 'sellerCentral']) {
			const next = figures
				.filter((f) => f.channel === channel)
				.map((f) => ({ sku: f.sku, available: f.available }));
			sink += stock.guardAvailability(next, last[channel], {
				maxZeroShare: 1,
				maxTotalDropPercent: 100,
			}).send.length;
		}
	};
	const asJson = JSON.stringify(rows);
	const baseline = () => {
		sink += JSON.stringify(JSON.parse(asJson)).length;
	};
	const ours = measure(work);
	const base = measure(baseline);
	if (sink < 0) console.log(sink);
	return { skus: SKUS, ours, baseline: base, ratio: ours / base };
}

function report(r) {
	console.log(
		`Stock: ${r.skus} SKUs x 2 channels, ATP + guard ${r.ours.toFixed(1)} ms, JSON.parse + JSON.stringify ` +
			`of the rows ${r.baseline.toFixed(1)} ms. Ratio: ${r.ratio.toFixed(2)}x (target at most ${TARGET_RATIO}x)`,
	);
}

if (require.main === module) {
	const r = runStockBench({ distDir: process.argv[2] });
	report(r);
	if (r.ratio > TARGET_RATIO) process.exit(1);
}

module.exports = { runStockBench, report, TARGET_RATIO };
