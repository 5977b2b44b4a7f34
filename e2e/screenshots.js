#!/usr/bin/env node
/**
 * A picture of every template of workflows/ as the n8n editor shows it (issue 16 item 4): the package
 * is packed and installed into a real n8n 2.40.7 (as the scenarios do), every template is imported,
 * `n8n start` runs on loopback with the owner set up, and Debian's Chromium (/usr/bin/chromium,
 * headless, driven by playwright-core) opens each workflow at /workflow/<id>, waits for the canvas,
 * checks that every node is drawn and that none is an unknown node type, zooms to fit and writes
 * docs/images/<template>.png.
 *
 *   node e2e/screenshots.js [--skip-build] [--n8n-dir DIR] [--out DIR] [--only TEXT] [--verbose]
 *
 * --out: the folder for the PNGs (default docs/images); --only: the templates whose file name
 * contains the text. Exit code 1 when a template could not be shown, a node is not drawn, or a node
 * is drawn as unknown.
 *
 * How n8n 2.40.7's editor marks a node whose type is not installed (read off its DOM): the node's
 * icon is a question mark (an element whose class contains `nodeIconPlaceholder`) and its status
 * icons hold `[data-test-id="node-not-installed"]` (the "install this node" download icon). Both
 * are looked for; an icon placeholder that is still there after ICON_WAIT_MS counts as unknown too.
 */
'use strict';
/* global document, window -- functions passed to page.evaluate() run in the browser */

const fs = require('node:fs');
const path = require('node:path');
const { PACKAGE_ROOT, buildAndPack, createN8nInstance } = require('./realN8n');
const { startLiveN8n, OWNER } = require('./liveN8n');
const { ensureN8n } = require('./setupN8n');

const CHROMIUM = '/usr/bin/chromium';
/** The flags Chromium needs on these machines (no sandbox as root; no background connections). */
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
const BROWSER_ID = 'avc-e2e-screenshots';
const CANVAS_TIMEOUT_MS = 60_000;
const ICON_WAIT_MS = 15_000;
const STICKY_NOTE = 'n8n-nodes-base.stickyNote';

/*
 * The viewport is chosen from the workflow's extent so that zoom to fit lands near ZOOM (node
 * labels and sticky-note text stay readable), within MIN and MAX pixels.
 */
const ZOOM = 0.8;
const MARGIN = 160;
const MIN_VIEWPORT = { width: 1280, height: 720 };
const MAX_VIEWPORT = { width: 3840, height: 2400 };

/** The canvas extent of a workflow export: { width, height } in canvas pixels. */
function extent(workflow) {
	const boxes = (workflow.nodes || []).map((n) => {
		const [x, y] = n.position || [0, 0];
		const sticky = n.type === STICKY_NOTE;
		const width = sticky ? (n.parameters?.width ?? 240) : 96;
		const height = sticky ? (n.parameters?.height ?? 160) : 140; // 96 px and the label below it
		return { x, y, right: x + width, bottom: y + height };
	});
	if (!boxes.length) return { width: 0, height: 0 };
	return {
		width: Math.max(...boxes.map((b) => b.right)) - Math.min(...boxes.map((b) => b.x)),
		height: Math.max(...boxes.map((b) => b.bottom)) - Math.min(...boxes.map((b) => b.y)),
	};
}

/** The browser viewport for one workflow (see ZOOM). */
function viewportFor(workflow) {
	const { width, height } = extent(workflow);
	const clamp = (v, lo, hi) => Math.round(Math.min(hi, Math.max(lo, v)));
	return {
		width: clamp(width * ZOOM + 2 * MARGIN, MIN_VIEWPORT.width, MAX_VIEWPORT.width),
		height: clamp(height * ZOOM + 2 * MARGIN, MIN_VIEWPORT.height, MAX_VIEWPORT.height),
	};
}

/** The templates: [{ file, name (file name without .json), json }], sorted by file name. */
function loadTemplates(dir, only) {
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json') && (!only || f.includes(only)))
		.sort()
		.map((file) => {
			const json = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
			return { file, name: path.basename(file, '.json'), json };
		});
}

/*
 * Everything on the canvas that is not the workflow: vue-flow's panels (zoom buttons, the node
 * creator, the minimap), every button (the Editor / Executions tabs, Execute workflow, the node
 * toolbars) and the "+" after the last nodes.
 */
const HIDE_CSS = `
.vue-flow__panel, [data-test-id="canvas-controls"], [data-test-id="canvas-minimap"],
[data-test-id="canvas-wrapper"] button, [data-test-id="canvas-handle-plus-wrapper"],
[data-test-id="canvas-handle-plus"] { visibility: hidden !important; }
`;

/**
 * What the editor drew for one workflow: { drawn: [node ids], unknown: [names] }. Every node,
 * sticky notes too, is a vue-flow node with the workflow node's id in `data-id`; nodes other than
 * sticky notes hold `[data-test-id="canvas-node"]` with their name and type.
 */
async function readCanvas(page) {
	return await page.evaluate(() => {
		const nodes = [...document.querySelectorAll('[data-test-id="canvas-node"]')];
		return {
			drawn: [...document.querySelectorAll('.vue-flow__node[data-id]')].map((n) =>
				n.getAttribute('data-id'),
			),
			unknown: nodes
				.filter(
					(n) =>
						n.querySelector('[data-test-id="node-not-installed"]') ||
						n.querySelector('[class*="nodeIconPlaceholder"]'),
				)
				.map((n) => `${n.getAttribute('data-node-name')} (${n.getAttribute('data-node-type')})`),
		};
	});
}

/**
 * The part of the page to keep: every drawn node with PADDING_PX around it, within the canvas; a
 * node's label is drawn under its box (up to LABEL_PX lower) and may be wider than it (up to
 * LABEL_PX on each side).
 */
const LABEL_PX = 56;
const PADDING_PX = 24;
async function workflowClip(page) {
	return await page.evaluate(
		({ label, padding }) => {
			const canvas = document.querySelector('[data-test-id="canvas"]').getBoundingClientRect();
			const boxes = [...document.querySelectorAll('.vue-flow__node')].map((n) =>
				n.getBoundingClientRect(),
			);
			const x = Math.max(canvas.left, Math.min(...boxes.map((b) => b.left)) - label - padding);
			const y = Math.max(canvas.top, Math.min(...boxes.map((b) => b.top)) - padding);
			const right = Math.min(
				canvas.right,
				Math.max(...boxes.map((b) => b.right)) + label + padding,
			);
			const bottom = Math.min(
				canvas.bottom,
				Math.max(...boxes.map((b) => b.bottom)) + label + padding,
			);
			return {
				x: Math.floor(x),
				y: Math.floor(y),
				width: Math.ceil(right - x),
				height: Math.ceil(bottom - y),
			};
		},
		{ label: LABEL_PX, padding: PADDING_PX },
	);
}

/*
 * Proof that the unknown-node check sees an unknown node: a workflow with one node of a type no
 * package defines is opened first (no PNG), and the run fails unless the check names that node.
 */
const PROBE = {
	file: '(probe: a node type that is not installed)',
	name: 'probe',
	json: {
		id: 'avcE2eUnknownTyp',
		name: 'Probe: unknown node type',
		nodes: [
			{
				id: 'probe-unknown-1',
				name: 'Not Installed',
				type: 'n8n-nodes-amazon-vendor-central.noSuchNode',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
		],
		connections: {},
		settings: {},
	},
};

/**
 * Opens one template in the editor, checks its nodes and writes the PNG (not when outDir is
 * undefined). Returns the problems found.
 */
async function shootOne(context, base, template, outDir, log) {
	const problems = [];
	const page = await context.newPage();
	try {
		const opened = Date.now();
		await page.setViewportSize(viewportFor(template.json));
		await page.goto(`${base}/workflow/${template.json.id}`, { waitUntil: 'domcontentloaded' });
		await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: CANVAS_TIMEOUT_MS });
		const expected = template.json.nodes.map((n) => n.id);
		let canvas = await readCanvas(page);
		const started = Date.now();
		while (
			(canvas.unknown.length || canvas.drawn.length < expected.length) &&
			Date.now() - started < ICON_WAIT_MS
		) {
			await page.waitForTimeout(500);
			canvas = await readCanvas(page);
		}
		const missing = template.json.nodes
			.filter((n) => !canvas.drawn.includes(n.id))
			.map((n) => n.name);
		if (missing.length) problems.push(`not drawn: ${missing.join(', ')}`);
		if (canvas.unknown.length) problems.push(`unknown node type: ${canvas.unknown.join(', ')}`);
		if (!outDir) return problems;
		await page.click('[data-test-id="zoom-to-fit"]');
		await page.mouse.move(0, 0);
		await page.addStyleTag({ content: HIDE_CSS });
		await page.waitForTimeout(800); // the zoom animation
		const file = path.join(outDir, `${template.name}.png`);
		await page.screenshot({ path: file, clip: await workflowClip(page) });
		log(
			`${template.file}: ${canvas.drawn.length} nodes drawn -> ` +
				`${path.relative(PACKAGE_ROOT, file)} (${((Date.now() - opened) / 1000).toFixed(1)} s)`,
		);
	} catch (e) {
		problems.push(`could not be shown: ${e.message.split('\n')[0]}`);
	} finally {
		await page.close();
	}
	return problems;
}

/**
 * The whole run: { ok, results: [{ template, problems }] }. Options: build (default true), n8nDir,
 * outDir, only, verbose, log.
 */
async function takeScreenshots(options = {}) {
	const log = options.log || ((l) => process.stdout.write(`${l}\n`));
	const outDir = path.resolve(options.outDir || path.join(PACKAGE_ROOT, 'docs', 'images'));
	const templates = loadTemplates(path.join(PACKAGE_ROOT, 'workflows'), options.only);
	if (!templates.length) throw new Error('no template matched');
	if (!fs.existsSync(CHROMIUM))
		throw new Error(`${CHROMIUM} is missing: apt-get install chromium (Debian's package)`);
	const { chromium } = require('playwright-core');
	fs.mkdirSync(outDir, { recursive: true });

	const runtime = ensureN8n({ dir: options.n8nDir, log: () => {} });
	const pkg = await buildAndPack({ build: options.build !== false, log });
	const n8n = await createN8nInstance({ runtime, tarball: pkg.tarball, log });
	let live;
	let browser;
	const results = [];
	try {
		await n8n.importWorkflows([...templates.map((t) => t.json), PROBE.json]);
		live = await startLiveN8n(n8n, { log, echo: options.verbose });
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			headless: true,
			args: CHROMIUM_ARGS,
		});
		const context = await browser.newContext({ deviceScaleFactor: 1 });
		// The editor sends the browser id of its localStorage with every call; the auth cookie is
		// bound to the id it was issued for.
		await context.addInitScript(
			(id) => window.localStorage.setItem('n8n-browserId', id),
			BROWSER_ID,
		);
		const login = await context.request.post(`${live.base}/rest/login`, {
			headers: { 'browser-id': BROWSER_ID },
			data: { emailOrLdapLoginId: OWNER.email, password: OWNER.password },
		});
		if (!login.ok()) throw new Error(`n8n login answered ${login.status()}`);
		const probe = await shootOne(context, live.base, PROBE, undefined, log);
		if (!probe.some((p) => p.includes('unknown node type: Not Installed')))
			results.push({
				template: PROBE.file,
				problems: [`the unknown-node check did not see it (${probe.join('; ') || 'no problem'})`],
			});
		else log(`${PROBE.file}: seen as unknown, as it must be`);
		for (const template of templates) {
			if (!template.json.id) {
				results.push({ template: template.file, problems: ['the template has no id'] });
				continue;
			}
			const problems = await shootOne(context, live.base, template, outDir, log);
			for (const p of problems) log(`${template.file}: ${p}`);
			results.push({ template: template.file, problems });
		}
	} finally {
		if (browser) await browser.close().catch(() => {});
		if (live) await live.stop().catch(() => {});
		await n8n.cleanup().catch(() => {});
		fs.rmSync(pkg.destination, { recursive: true, force: true });
	}
	return { ok: results.every((r) => r.problems.length === 0), results };
}

async function main() {
	const args = process.argv.slice(2);
	const value = (flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
	const started = Date.now();
	const { ok, results } = await takeScreenshots({
		build: !args.includes('--skip-build'),
		n8nDir: value('--n8n-dir'),
		outDir: value('--out'),
		only: value('--only'),
		verbose: args.includes('--verbose'),
	});
	const failed = results.filter((r) => r.problems.length);
	process.stdout.write(
		`\nScreenshots: ${results.length - failed.length} of ${results.length} templates shown ` +
			`with every node known (${((Date.now() - started) / 1000).toFixed(0)} s)\n`,
	);
	for (const r of failed) process.stdout.write(`  FAIL ${r.template}: ${r.problems.join('; ')}\n`);
	process.exitCode = ok ? 0 : 1;
}

if (require.main === module)
	main().catch((e) => {
		process.stderr.write(`${e.stack || e}\n`);
		process.exitCode = 1;
	});

module.exports = { takeScreenshots, viewportFor, extent, loadTemplates };
