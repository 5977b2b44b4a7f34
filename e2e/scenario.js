#!/usr/bin/env node
/**
 * Scenario runner: plays a scenario file against a platform's template workflows in a real, running
 * n8n (n8n start) and the sandbox, and writes the final sandbox state.
 *
 *   npm run scenario -- FILE [--out STATE.json] [--n8n-dir DIR] [--skip-build] [--keep] [--verbose]
 *
 * The format is documented in e2e/SCENARIOS.md; examples are in e2e/scenarios/.
 * Exit code 0 when every step ran and every `expect` held, 1 otherwise.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { PACKAGE_ROOT, prepare, cleanup } = require('./realN8n');
const { startLiveN8n } = require('./liveN8n');
const { amazonOrder } = require('./common');
const { platformOf, PLATFORMS, patchTemplate } = require('./platforms');
const edi = require('./channelEdi');

const STEP_KINDS = [
	'idle',
	'sandbox',
	'seed',
	'changePo',
	'faults',
	'clearFaults',
	'restartN8n',
	'wait',
	'insertRows',
	'updateRows',
	'runWorkflow',
	'poll',
	'clearRequests',
	'expect',
];

const CHECK_KINDS = [
	'equals',
	'equalsAnyOrder',
	'count',
	'includes',
	'atLeast',
	'matches',
	'allMatch',
];

/** Reads and checks a scenario file; throws an Error naming the problem. */
function loadScenario(file) {
	let scenario;
	try {
		scenario = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (e) {
		throw new Error(`${file}: not a readable JSON file (${e.message})`);
	}
	return validateScenario(scenario, file);
}

function validateScenario(scenario, where = 'scenario') {
	const fail = (m) => {
		throw new Error(`${where}: ${m}`);
	};
	if (!scenario || typeof scenario !== 'object' || Array.isArray(scenario))
		fail('must be a JSON object');
	if (!PLATFORMS[scenario.platform])
		fail(
			`platform must be one of ${Object.keys(PLATFORMS).join(', ')} (got ${JSON.stringify(scenario.platform)})`,
		);
	if (
		scenario.seed !== undefined &&
		(typeof scenario.seed !== 'object' || Array.isArray(scenario.seed))
	)
		fail('seed must be an object (the sandbox seed format)');
	if (scenario.mapping !== undefined && !Array.isArray(scenario.mapping))
		fail('mapping must be a list of mapping rows');
	if (scenario.channel !== undefined && !edi.CHANNELS.includes(scenario.channel))
		fail(
			`channel must be one of ${edi.CHANNELS.join(', ')} (got ${JSON.stringify(scenario.channel)})`,
		);
	validateSeed(scenario.seed, 'seed', fail);
	if (scenario.templates !== undefined) validateTemplates(scenario.templates, scenario, fail);
	if (!Array.isArray(scenario.steps) || scenario.steps.length === 0)
		fail('steps must be a non-empty list');
	const kinds = [...STEP_KINDS, ...Object.keys(PLATFORMS[scenario.platform].actions || {})];
	scenario.steps.forEach((step, i) => {
		if (!step || typeof step !== 'object' || !kinds.includes(step.do))
			fail(`steps[${i}].do must be one of ${kinds.join(', ')} (got ${JSON.stringify(step?.do)})`);
		if (
			step.do === 'sandbox' &&
			(typeof step.path !== 'string' || !step.path.startsWith('/__sandbox/'))
		)
			fail(`steps[${i}].path must start with /__sandbox/`);
		if (step.do === 'changePo' && typeof step.purchaseOrder !== 'string')
			fail(`steps[${i}].purchaseOrder is required`);
		if (step.do === 'changePo' && (typeof step.change !== 'object' || step.change === null))
			fail(`steps[${i}].change is required (the body of the sandbox's change call)`);
		if (step.do === 'faults' && !Array.isArray(step.faults))
			fail(`steps[${i}].faults must be a list`);
		if (step.do === 'seed') validateSeed(step.seed, `steps[${i}].seed`, fail);
		if (step.do === 'wait' && !(Number(step.seconds) >= 0))
			fail(`steps[${i}].seconds must be a number`);
		if (
			step.do === 'insertRows' &&
			!Object.values(PLATFORMS[scenario.platform].tables).includes(step.table)
		)
			fail(
				`steps[${i}].table must be one of ${Object.values(PLATFORMS[scenario.platform].tables).join(', ')} ` +
					`(got ${JSON.stringify(step.table)})`,
			);
		if (
			step.do === 'insertRows' &&
			!(Array.isArray(step.rows) && step.rows.length > 0 && step.rows.every(isPlainObject))
		)
			fail(`steps[${i}].rows must be a non-empty list of rows (objects)`);
		if (
			step.do === 'updateRows' &&
			!Object.values(PLATFORMS[scenario.platform].tables).includes(step.table)
		)
			fail(
				`steps[${i}].table must be one of ${Object.values(PLATFORMS[scenario.platform].tables).join(', ')} ` +
					`(got ${JSON.stringify(step.table)})`,
			);
		if (
			step.do === 'updateRows' &&
			!(isPlainObject(step.where) && Object.keys(step.where).length > 0 && isPlainObject(step.set))
		)
			fail(
				`steps[${i}] needs where (columns and values, at least one) and set (columns and values)`,
			);
		if (step.do === 'expect' && !Array.isArray(step.checks))
			fail(`steps[${i}].checks must be a list`);
		if (step.do === 'runWorkflow' || step.do === 'poll')
			validateWorkflowStep(step, `steps[${i}]`, scenario, fail);
	});
	if (scenario.importAsShipped !== undefined && typeof scenario.importAsShipped !== 'boolean')
		fail('importAsShipped must be true or false');
	if (
		scenario.captureOutputs !== undefined &&
		!(
			Array.isArray(scenario.captureOutputs) &&
			scenario.captureOutputs.every((n) => typeof n === 'string' && n !== '')
		)
	)
		fail('captureOutputs must be a list of node names');
	for (const [i, c] of (scenario.expect || []).entries()) validateCheck(c, `expect[${i}]`, fail);
	scenario.steps
		.filter((s) => s.do === 'expect')
		.forEach((s) => s.checks.forEach((c, j) => validateCheck(c, `expect step check ${j}`, fail)));
	return scenario;
}

/**
 * The workflows a scenario runs, in the order they are activated: the platform's templates, and on
 * the EDI channel the same templates switched to it, with the EDI workflows (e2e/channelEdi.js).
 */
function scenarioWorkflows(scenario) {
	const workflows = PLATFORMS[scenario.platform].workflows();
	return edi.channelOf(scenario) === 'edi' ? edi.ediWorkflows(workflows) : workflows;
}

/** `runWorkflow` and `poll` name one of the scenario's workflows (and, for runWorkflow, a trigger). */
function validateWorkflowStep(step, at, scenario, fail) {
	const workflows = scenarioWorkflows(scenario);
	const workflow = workflows.find((w) => w.file === step.template);
	if (!workflow)
		fail(
			`${at}.template must be one of ${workflows.map((w) => w.file).join(', ')} ` +
				`(got ${JSON.stringify(step.template)})`,
		);
	if (step.do === 'poll' && workflow.trigger.kind !== 'poll')
		fail(`${at}: ${step.template} has no polling trigger`);
	if (step.trigger !== undefined) {
		if (step.do !== 'runWorkflow') fail(`${at}.trigger is only for runWorkflow`);
		if (!workflow.json.nodes.some((n) => n.name === step.trigger))
			fail(`${at}.trigger: ${step.template} has no node named ${JSON.stringify(step.trigger)}`);
	}
}

const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The short purchase order form's line fields that have a type to check. */
function validateSeed(seed, where, fail) {
	const pos = seed?.amazon?.purchaseOrders;
	if (!Array.isArray(pos)) return;
	pos.forEach((po, i) => {
		if (!po || !po.number || !Array.isArray(po.lines) || po.orderDetails) return;
		if (po.state !== undefined && !['New', 'Acknowledged', 'Closed'].includes(po.state))
			fail(
				`${where}.amazon.purchaseOrders[${i}].state must be New, Acknowledged or Closed ` +
					`(got ${JSON.stringify(po.state)})`,
			);
		po.lines.forEach((line, j) => {
			const at = `${where}.amazon.purchaseOrders[${i}].lines[${j}]`;
			if (!isPlainObject(line)) fail(`${at} must be an object`);
			if (line.isBackOrderAllowed !== undefined && typeof line.isBackOrderAllowed !== 'boolean')
				fail(
					`${at}.isBackOrderAllowed must be true or false (got ${JSON.stringify(line.isBackOrderAllowed)})`,
				);
			if (
				line.vendorProductIdentifier !== undefined &&
				(typeof line.vendorProductIdentifier !== 'string' ||
					line.vendorProductIdentifier.trim() === '')
			) {
				fail(
					`${at}.vendorProductIdentifier must be a non-empty string (got ${JSON.stringify(line.vendorProductIdentifier)})`,
				);
			}
			if (!line.asin && line.vendorProductIdentifier === undefined)
				fail(`${at} needs asin or vendorProductIdentifier`);
		});
	});
}

const TEMPLATE_OPTIONS = ['nodes', 'configuration'];

/**
 * `templates`: {template file: {nodes?: {node name: {parameters}}, configuration?: {field: value}}},
 * checked against the platform's templates: the file, every node name and every Configuration
 * field must exist.
 */
function validateTemplates(templates, scenario, fail) {
	if (!isPlainObject(templates))
		fail(
			'templates must be an object: {"template file": {"nodes": {...}, "configuration": {...}}}',
		);
	const platformName = scenario.platform;
	const workflows = scenarioWorkflows(scenario);
	for (const [file, options] of Object.entries(templates)) {
		const at = `templates[${JSON.stringify(file)}]`;
		const workflow = workflows.find((w) => w.file === file);
		if (!workflow)
			fail(
				`${at}: the ${platformName} platform has no template ${file} ` +
					`(its templates: ${workflows.map((w) => w.file).join(', ')})`,
			);
		if (!isPlainObject(options)) fail(`${at} must be an object with nodes and/or configuration`);
		for (const key of Object.keys(options))
			if (!TEMPLATE_OPTIONS.includes(key))
				fail(`${at}.${key} is not a template option (${TEMPLATE_OPTIONS.join(', ')})`);
		if (options.nodes !== undefined) {
			if (!isPlainObject(options.nodes))
				fail(`${at}.nodes must be an object: {"node name": {"parameters": {...}}}`);
			for (const [name, change] of Object.entries(options.nodes)) {
				const nodeAt = `${at}.nodes[${JSON.stringify(name)}]`;
				if (!workflow.json.nodes.some((n) => n.name === name))
					fail(`${nodeAt}: ${file} has no node named ${JSON.stringify(name)}`);
				if (!isPlainObject(change)) fail(`${nodeAt} must be an object: {"parameters": {...}}`);
				for (const key of Object.keys(change))
					if (key !== 'parameters') fail(`${nodeAt}.${key} cannot be set (only parameters)`);
				if (!isPlainObject(change.parameters)) fail(`${nodeAt}.parameters must be an object`);
			}
		}
		if (options.configuration !== undefined) {
			if (!isPlainObject(options.configuration))
				fail(`${at}.configuration must be an object: {"field": value}`);
			try {
				patchTemplate(workflow.json, {
					credentials: [],
					configuration: options.configuration,
					strict: true,
				});
			} catch (e) {
				fail(`${at}.configuration: ${e.message}`);
			}
		}
	}
}

/** Plain objects are merged key by key; anything else (lists, text, numbers) replaces. */
function deepMerge(base, change) {
	if (!isPlainObject(base) || !isPlainObject(change)) return JSON.parse(JSON.stringify(change));
	const out = { ...base };
	for (const [key, value] of Object.entries(change)) out[key] = deepMerge(base[key], value);
	return out;
}

/**
 * The runner's copy of a template with a scenario's `templates` entry applied: Configuration fields
 * through patchTemplate (strict), then node parameters deep-merged (so they win).
 */
function applyTemplateOptions(json, options, { credentials = [] } = {}) {
	if (!options) return json;
	let wf = JSON.parse(JSON.stringify(json));
	if (options.configuration)
		wf = patchTemplate(wf, { credentials, configuration: options.configuration, strict: true });
	for (const [name, change] of Object.entries(options.nodes || {})) {
		const node = wf.nodes.find((n) => n.name === name);
		if (!node) throw new Error(`${wf.name}: no node named ${JSON.stringify(name)}`);
		node.parameters = deepMerge(node.parameters || {}, change.parameters || {});
	}
	return wf;
}

function validateCheck(c, where, fail) {
	if (!c || typeof c.path !== 'string') fail(`${where}.path must be a string`);
	if (!CHECK_KINDS.some((k) => k in c)) fail(`${where} needs one of ${CHECK_KINDS.join(', ')}`);
	for (const kind of ['matches', 'allMatch'].filter((k) => k in c)) {
		try {
			new RegExp(c[kind]);
		} catch (e) {
			fail(`${where}.${kind} must be a regular expression (${e.message})`);
		}
	}
}

// ---------------------------------------------------------------------------------------------------
// Paths into the final state: dot-separated keys; `[key=value]` keeps the list entries whose key has
// that value (a list again, so `[n]` may follow); `[n]` takes entry n of each list; `[*]` or a key
// applied to a list maps over it; `length` counts. The result is a list of every value reached; a
// list reached at the end stands for its entries.

function selectPath(root, expression) {
	const tokens = [];
	for (const part of expression.match(/[^.[\]]+|\[[^\]]*\]/g) || []) tokens.push(part);
	let values = [root];
	for (const token of tokens) {
		const next = [];
		if (token.startsWith('[')) {
			const inner = token.slice(1, -1);
			for (const v of values) {
				const list = Array.isArray(v) ? v : [];
				if (inner === '*' || inner === '') next.push(...list);
				else if (/^-?\d+$/.test(inner)) {
					// [n] from the start, [-1] the last entry.
					const entry = list.at(Number(inner));
					if (entry !== undefined) next.push(entry);
				} else {
					const eq = inner.indexOf('=');
					const key = inner.slice(0, eq);
					const want = inner.slice(eq + 1);
					next.push(list.filter((e) => e && String(selectPath(e, key)[0]) === want));
				}
			}
		} else if (token === 'length') {
			for (const v of values) next.push(Array.isArray(v) ? v.length : 0);
		} else {
			for (const v of values) {
				if (Array.isArray(v)) for (const e of v) e && e[token] !== undefined && next.push(e[token]);
				else if (v && typeof v === 'object' && v[token] !== undefined) next.push(v[token]);
			}
		}
		values = next;
	}
	// A list reached at the end stands for its entries.
	return values.flatMap((v) => (Array.isArray(v) ? v : [v]));
}

function evaluateCheck(state, c) {
	const found = selectPath(state, c.path);
	const single = found.length === 1 ? found[0] : found;
	let ok;
	let expected;
	if ('equals' in c) {
		expected = c.equals;
		ok = JSON.stringify(single) === JSON.stringify(c.equals);
	} else if ('equalsAnyOrder' in c) {
		expected = c.equalsAnyOrder;
		const sorted = (list) =>
			(Array.isArray(list) ? list : [list]).map((v) => JSON.stringify(v)).sort();
		ok = JSON.stringify(sorted(found)) === JSON.stringify(sorted(c.equalsAnyOrder));
	} else if ('count' in c) {
		expected = `${c.count} value(s)`;
		ok = found.length === c.count;
	} else if ('atLeast' in c) {
		expected = `at least ${c.atLeast} value(s)`;
		ok = found.length >= c.atLeast;
	} else if ('matches' in c || 'allMatch' in c) {
		const pattern = new RegExp(c.matches ?? c.allMatch);
		const test = (v) => pattern.test(typeof v === 'string' ? v : JSON.stringify(v));
		if ('matches' in c) {
			expected = `a value matching /${c.matches}/`;
			ok = found.some(test);
		} else {
			expected = `values, every one matching /${c.allMatch}/`;
			ok = found.length > 0 && found.every(test);
		}
	} else {
		expected = `a value ${JSON.stringify(c.includes)}`;
		ok = found.some((v) => JSON.stringify(v) === JSON.stringify(c.includes));
	}
	return {
		ok,
		name: c.name || c.path,
		expected,
		actual: 'count' in c || 'atLeast' in c ? `${found.length} value(s)` : single,
	};
}

// ---------------------------------------------------------------------------------------------------

/**
 * Relative dates in seeds: "$daysAgo:N" -> the date N days ago (YYYY-MM-DD), "$hoursAgo:N" -> that
 * instant (ISO); a negative N is in the future ("$hoursAgo:-6": in 6 hours).
 */
function relativeDates(value, now = Date.now()) {
	if (typeof value === 'string') {
		const m = /^\$(daysAgo|hoursAgo):(-?\d+(?:\.\d+)?)$/.exec(value);
		if (!m) return value;
		const ms = Number(m[2]) * (m[1] === 'daysAgo' ? 86_400_000 : 3_600_000);
		const iso = new Date(now - ms).toISOString();
		return m[1] === 'daysAgo' ? iso.slice(0, 10) : iso;
	}
	if (Array.isArray(value)) return value.map((v) => relativeDates(v, now));
	if (value && typeof value === 'object')
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, relativeDates(v, now)]));
	return value;
}

/** Expands the compact purchase order form ({number, lines, ageHours}) into Amazon's order, and relative dates. */
function expandSeed(seed, now = Date.now()) {
	if (!seed) return seed;
	const out = relativeDates(JSON.parse(JSON.stringify(seed)), now);
	const pos = out.amazon?.purchaseOrders;
	if (Array.isArray(pos)) {
		out.amazon.purchaseOrders = pos.map((po) =>
			po && po.number && Array.isArray(po.lines) && !po.orderDetails
				? shortOrder(po, out.amazon.vendorCode)
				: po,
		);
	}
	return out;
}

/** The short form's order, with the line fields amazonOrder leaves at their defaults. */
function shortOrder(po, vendorCode) {
	const order = amazonOrder(po.number, po.lines, {
		ageHours: po.ageHours ?? 1,
		vendorCode: po.vendorCode ?? vendorCode ?? 'VEND1',
	});
	po.lines.forEach((line, i) => {
		const item = order.orderDetails.items[i];
		if (item.amazonProductIdentifier === undefined) delete item.amazonProductIdentifier;
		if (line.vendorProductIdentifier !== undefined)
			item.vendorProductIdentifier = line.vendorProductIdentifier;
		if (line.isBackOrderAllowed !== undefined) item.isBackOrderAllowed = line.isBackOrderAllowed;
	});
	// shipWindow / deliveryWindow: Amazon's "start--end" text, or {from, to} (relative dates
	// allowed); a deliveryWindow alone replaces the ship window.
	const windowText = (w) =>
		typeof w === 'string'
			? w
			: `${String(w.from).replace(/\.\d{3}Z$/, 'Z')}--${String(w.to).replace(/\.\d{3}Z$/, 'Z')}`;
	if (po.state !== undefined) order.purchaseOrderState = po.state;
	if (po.shipWindow !== undefined) order.orderDetails.shipWindow = windowText(po.shipWindow);
	if (po.deliveryWindow !== undefined) {
		order.orderDetails.deliveryWindow = windowText(po.deliveryWindow);
		if (po.shipWindow === undefined) delete order.orderDetails.shipWindow;
	}
	return order;
}

/** The sandbox's request log as the runner reports it: who called what, when, and the answer (no bodies). */
function requestSummary(entries) {
	return entries.map((e) => {
		const out = { seq: e.seq, time: e.time, method: e.method, path: e.path };
		if (e.query && Object.keys(e.query).length > 0) out.query = e.query;
		out.status = e.status;
		if (e.service) out.service = e.service;
		if (e.operation) out.operation = e.operation;
		out.durationMs = e.durationMs;
		return out;
	});
}

/** The sandbox state reduced to what workflows change (no clocks, counters or tokens). */
function stableView(state, tables) {
	const s = JSON.parse(JSON.stringify(state));
	delete s.time;
	delete s.requestCount;
	if (s.amazon) {
		delete s.amazon.accessTokens;
		delete s.amazon.transactions;
		delete s.amazon.app;
	}
	delete s.faults;
	return JSON.stringify([s, tables]);
}

/** Plays a scenario; resolves { ok, state, tables, checks, steps, executions }. */
async function runScenario(scenario, options = {}) {
	const log = options.log || (() => {});
	const platform = platformOf(scenario.platform);
	const onEdi = edi.channelOf(scenario) === 'edi';
	const env = {};
	const results = {
		ok: true,
		checks: [],
		steps: [],
		executions: { success: 0, error: 0, other: 0 },
	};
	let live;
	try {
		const { sandbox, n8n } = await prepare(env, {
			n8nDir: options.n8nDir,
			build: options.build !== false,
			keep: options.keep,
			log,
			n8nEnv: options.n8nEnv,
			sandboxPort: options.sandboxPort,
			// The EDI channel: the sandbox's SFTP mailbox on a free port.
			sftpPort: onEdi ? 0 : undefined,
			tarball: options.tarball,
			baseFolder: options.baseFolder,
		});
		if (scenario.sandboxConfig) sandbox.control.configure(scenario.sandboxConfig);
		// A platform with a system of its own (generic-ims: a PostgreSQL server) starts it here.
		if (platform.start) {
			const context = await platform.start({ env, sandbox, log: (l) => log(`   ${l}`) });
			env.platformStop = () => platform.stop(context);
			env.platformContext = context;
		}
		const context = env.platformContext;
		const platformState = async () => (platform.state ? await platform.state(context) : {});
		// The sandbox's state as the checks read it: its EDI side reduced to what is stable.
		const sandboxState = () => {
			const state = sandbox.control.state();
			if (state.edi !== undefined) state.edi = edi.ediView(state.edi);
			return state;
		};
		log('5. credentials and templates');
		const shipped = scenarioWorkflows(scenario);
		// The EDI channel: a trading partner for the templates' vendor code (unless the seed has one).
		const vendorCode = edi.vendorCodeOf(shipped);
		const firstSeed = onEdi ? edi.withEdiPartner(scenario.seed, vendorCode) : scenario.seed;
		const credentials = [
			...platform.credentials(sandbox, context),
			...(onEdi ? edi.ediCredentials(sandbox, firstSeed, vendorCode) : []),
		];
		await n8n.importCredentials(
			credentials.map(({ id, name, type, data }) => ({ id, name, type, data })),
		);
		const workflows = shipped.map((w) => ({
			...w,
			json: applyTemplateOptions(
				platform.patch(w.json, { sandbox, credentials }),
				scenario.templates?.[w.file],
				{ credentials },
			),
		}));
		if (scenario.importAsShipped) {
			// The files as they are in workflows/ must import into n8n; the runner's copies replace them.
			log('   importing the templates as shipped');
			await n8n.importWorkflows(
				[
					...platform.workflows(),
					...(onEdi ? Object.values(edi.loadEdiWorkflows()).flat() : []),
				].map((w) => w.json),
			);
		}
		await n8n.importWorkflows(workflows.map((w) => w.json));
		log(`   ${workflows.map((w) => w.file).join(', ')}`);
		log('6. n8n start');
		live = await startLiveN8n(n8n, { log: (l) => log(`   ${l}`), echo: options.verbose });
		env.live = live;
		for (const w of workflows.filter((x) => x.role === 'setup')) {
			const e = await live.runManually(w.json.id, w.trigger.name);
			if (e.status !== 'success') throw new Error(`${w.file} ended ${e.status}`);
		}
		log('7. seed');
		const seedWithDefaults = (seed) => {
			const out = expandSeed(seed);
			for (const [service, defaults] of Object.entries(platform.seedDefaults || {}))
				if (out[service]) out[service] = { ...defaults, ...out[service] };
			return out;
		};
		// `ims` (and any key the platform seeds itself) goes to the platform, the rest to the sandbox.
		const seedAll = async (seed) => {
			const { ims, ...rest } = seed || {};
			if (Object.keys(rest).length) sandbox.control.seed(seedWithDefaults(rest));
			if (ims !== undefined) {
				if (!platform.seed) throw new Error(`the ${scenario.platform} platform has no ims seed`);
				await platform.seed(context, ims);
			}
		};
		if (firstSeed) await seedAll(firstSeed);
		if (scenario.mapping?.length) await live.insertRows(platform.tables.mapping, scenario.mapping);
		for (const w of workflows.filter((x) => x.role === 'seedMapping' && !scenario.mapping)) {
			const e = await live.runManually(w.json.id, w.trigger.name);
			if (e.status !== 'success') throw new Error(`${w.file} ended ${e.status}`);
		}
		// Every workflow with a poll, schedule or webhook trigger is activated, as a user would; the idle
		// passes then run the cycle workflows at once (webhook ones answer events only).
		// Sub-workflows come first in a platform's list: n8n publishes a workflow only when the
		// sub-workflows it calls are published.
		// A template left without an enabled trigger (kind none: its PO trigger off on the EDI channel)
		// is neither activated nor run.
		for (const w of workflows.filter((x) => !['manual', 'none'].includes(x.trigger.kind)))
			await activateWithRetry(live, w, log);
		const cycle = workflows.filter(
			(w) => w.role === 'cycle' && !['webhook', 'none'].includes(w.trigger.kind),
		);

		const tablesNow = async () => {
			const out = {};
			for (const t of Object.values(platform.tables))
				out[t] = await live.dataTableRows(t).catch(() => []);
			return out;
		};

		const idle = async (maxPasses = 5) => {
			const view = async () =>
				stableView({ ...sandboxState(), ...(await platformState()) }, await tablesNow());
			let before = await view();
			for (let pass = 1; pass <= maxPasses; pass++) {
				for (const w of cycle) {
					if (w.trigger.kind === 'poll') {
						await live.pollNow(w.json.id).catch(async (e) => {
							log(
								`   ${w.file}: activation poll failed (${e.message.slice(0, 200)}); activating again`,
							);
							await activateWithRetry(live, w, log);
						});
						for (const name of w.trigger.also || []) {
							await live.waitIdle();
							await live
								.runManually(w.json.id, name, { wait: true })
								.catch((e) => log(`   ${w.file} (${name}): ${e.message.slice(0, 200)}`));
						}
					} else {
						await live
							.runManually(w.json.id, w.trigger.name, { wait: true })
							.catch((e) => log(`   ${w.file}: ${e.message.slice(0, 200)}`));
					}
					await live.waitIdle();
				}
				const after = await view();
				if (after === before) return pass;
				before = after;
			}
			return maxPasses;
		};

		const orderName = (po) => {
			if (po === 'undefined' || po === '') throw new Error('this step needs "purchaseOrder"');
			const ref = platform.orderRef(sandboxState(), po);
			if (ref === undefined || ref === null)
				throw new Error(`no ${scenario.platform} order for purchase order ${po}`);
			return encodeURIComponent(String(ref));
		};
		const call = async (method, p, body) => {
			const url = `${sandbox.url}${p.replace(/\{order:([^}]+)\}/g, (_, po) => orderName(po))}`;
			const res = await fetch(url, {
				method,
				headers: { 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const text = await res.text();
			if (!res.ok) throw new Error(`${method} ${p} answered ${res.status}: ${text.slice(0, 500)}`);
			return text;
		};

		const workflowOf = (file) => workflows.find((w) => w.file === file);
		const executionsNow = async () => {
			const byId = new Map(workflows.map((w) => [w.json.id, w]));
			const rows = [];
			for (const e of await live.executionsOf({})) {
				const w = byId.get(e.workflowId);
				const row = {
					id: Number(e.id),
					template: w ? w.file : null,
					workflow: w ? w.json.name : e.workflowId,
					status: e.status,
					mode: e.mode,
				};
				const failed = e.status === 'error' || e.status === 'crashed';
				const capture = scenario.captureOutputs?.length > 0;
				const full = failed || capture ? await live.execution(e.id) : undefined;
				if (failed) {
					row.error = errorMessageOf(full);
					row.errorNode = errorNodeOf(full);
				}
				if (capture) row.outputs = nodeOutputsOf(full, scenario.captureOutputs);
				rows.push(row);
			}
			return rows.sort((a, b) => a.id - b.id);
		};
		const stateNow = async () => ({
			...sandboxState(),
			...(await platformState()),
			dataTables: await tablesNow(),
			requests: requestSummary(sandbox.control.requests()),
			executions: await executionsNow(),
		});

		for (const [i, step] of scenario.steps.entries()) {
			const label = `step ${i + 1}/${scenario.steps.length}: ${step.do}${step.note ? ` (${step.note})` : ''}`;
			const started = Date.now();
			log(label);
			switch (step.do) {
				case 'idle': {
					const passes = await idle(step.maxPasses);
					log(`   idle after ${passes} pass(es)`);
					break;
				}
				case 'sandbox':
					await call(step.method || 'POST', step.path, step.body);
					break;
				case 'seed':
					await seedAll(step.seed);
					break;
				case 'changePo':
					await call(
						'POST',
						`/__sandbox/amazon/purchase-orders/${encodeURIComponent(step.purchaseOrder)}/change`,
						step.change,
					);
					break;
				case 'faults':
					await call('POST', '/__sandbox/faults', {
						faults: step.faults,
						...(step.seed !== undefined ? { seed: step.seed } : {}),
					});
					break;
				case 'clearFaults':
					await call('DELETE', '/__sandbox/faults');
					break;
				case 'restartN8n':
					await live.restart();
					break;
				case 'insertRows':
					await live.insertRows(step.table, step.rows);
					break;
				case 'updateRows':
					await live.updateRows(step.table, step.where, step.set);
					break;
				case 'wait':
					await new Promise((r) => setTimeout(r, Number(step.seconds) * 1000));
					break;
				case 'runWorkflow': {
					// As the editor's "Execute workflow" from that trigger; the run is waited for.
					const w = workflowOf(step.template);
					await live.runManually(w.json.id, step.trigger || w.trigger.name, { wait: true });
					await live.waitIdle();
					break;
				}
				case 'poll': {
					// Only this workflow's trigger polls now (deactivate + activate).
					await live.pollNow(workflowOf(step.template).json.id);
					await new Promise((r) => setTimeout(r, 1500));
					await live.waitIdle();
					break;
				}
				case 'clearRequests':
					sandbox.control.clearRequests();
					break;
				default: {
					// A platform step: a sandbox control call, or a call to one of n8n's production webhooks
					// (`n8nWebhook`: the path after /webhook/, as a shop's webhook or Shopify Flow would call it).
					const action = platform.actions[step.do](step);
					if (action.run) await action.run(context, scenario);
					else if (action.n8nWebhook) {
						const res = await fetch(`${live.base}/webhook/${action.n8nWebhook}`, {
							method: action.method || 'POST',
							headers: { 'content-type': 'application/json' },
							body: JSON.stringify(action.body ?? {}),
						});
						if (!res.ok)
							throw new Error(
								`n8n webhook ${action.n8nWebhook} answered ${res.status}: ${(await res.text()).slice(0, 500)}`,
							);
					} else await call(action.method, action.path, action.body);
					break;
				}
				case 'expect': {
					const view = await stateNow();
					for (const c of step.checks)
						results.checks.push({ step: i + 1, ...evaluateCheck(view, c) });
					break;
				}
			}
			results.steps.push({ step: i + 1, do: step.do, seconds: (Date.now() - started) / 1000 });
		}
		await live.waitIdle();
		const finalView = await stateNow();
		results.state = { ...sandboxState(), ...(await platformState()) };
		results.requests = finalView.requests;
		results.tables = finalView.dataTables;
		for (const c of scenario.expect || [])
			results.checks.push({ step: 'end', ...evaluateCheck(finalView, c) });
		for (const e of finalView.executions) {
			if (e.status === 'success') results.executions.success++;
			else if (e.status === 'error' || e.status === 'crashed') results.executions.error++;
			else results.executions.other++;
		}
		results.invariants = platform.invariants(results.state, results.tables);
		if (onEdi) results.invariants.push(...edi.ediInvariants(results.state.edi));
		results.checks.push(...results.invariants.map((c) => ({ step: 'invariant', ...c })));
	} catch (error) {
		results.ok = false;
		results.error = error.stack || String(error);
		if (live) results.n8nLog = live.output.slice(-4000);
	} finally {
		if (options.leaveRunning && live && results.ok) {
			results.live = live;
			results.env = env;
		} else {
			if (live) await live.stop().catch(() => {});
			if (env.platformStop) await env.platformStop().catch(() => {});
			await cleanup(env);
		}
	}
	if (results.checks.some((c) => !c.ok)) results.ok = false;
	return results;
}

/**
 * An execution's run data. n8n answers it in the "flatted" format: a list of values where, inside an
 * object or a list, a string is the index of its value in the list. Undefined when unreadable.
 */
function runDataOf(execution) {
	try {
		const list = typeof execution?.data === 'string' ? JSON.parse(execution.data) : undefined;
		if (!Array.isArray(list)) return undefined;
		const memo = new Map();
		const resolve = (index) => {
			if (memo.has(index)) return memo.get(index);
			const value = list[index];
			if (value === null || typeof value !== 'object') return value;
			const out = Array.isArray(value) ? [] : {};
			memo.set(index, out);
			for (const [k, v] of Object.entries(value))
				out[k] = typeof v === 'string' ? resolve(Number(v)) : v;
			return out;
		};
		return resolve(0);
	} catch {
		return undefined;
	}
}

/** The error message (and description) of a failed execution; null when there is none. */
function errorMessageOf(execution) {
	const error = runDataOf(execution)?.resultData?.error;
	if (!error) return null;
	return [error.message, error.description].filter(Boolean).join(' ') || null;
}

/** The name of the node a failed execution stopped at; null when unknown. */
function errorNodeOf(execution) {
	const result = runDataOf(execution)?.resultData;
	return result?.error?.node?.name ?? (result?.error ? (result.lastNodeExecuted ?? null) : null);
}

/** For each named node that ran: the JSON of the items on its first output, over all its runs. */
function nodeOutputsOf(execution, nodeNames) {
	const runData = runDataOf(execution)?.resultData?.runData ?? {};
	const out = {};
	for (const name of nodeNames) {
		const runs = runData[name];
		if (!Array.isArray(runs)) continue;
		out[name] = runs.flatMap((run) => (run?.data?.main?.[0] ?? []).map((item) => item?.json));
	}
	return out;
}

async function activateWithRetry(live, w, log, attempts = 5) {
	for (let i = 1; ; i++) {
		try {
			await live.activate(w.json.id);
			return;
		} catch (e) {
			if (i >= attempts) throw e;
			log(`   activating ${w.file} failed (${e.message.slice(0, 200)}); again in 2 s`);
			await new Promise((r) => setTimeout(r, 2000));
		}
	}
}

function printResults(results, scenario, out = process.stdout) {
	const w = (l) => out.write(`${l}\n`);
	w('');
	w(`Scenario: ${scenario.name || '(no name)'} [${scenario.platform}]`);
	for (const s of results.steps) w(`  step ${s.step} ${s.do}: ${s.seconds.toFixed(1)} s`);
	if (results.state)
		w(
			PLATFORMS[scenario.platform]
				.summary(results.state, results.tables)
				.map((l) => `  ${l}`)
				.join('\n'),
		);
	if (results.state && edi.channelOf(scenario) === 'edi')
		w(
			edi
				.ediSummary(results.state.edi)
				.map((l) => `  ${l}`)
				.join('\n'),
		);
	w(
		`  n8n executions: ${results.executions.success} succeeded, ${results.executions.error} failed`,
	);
	for (const c of results.checks)
		w(
			`  ${c.ok ? 'ok  ' : 'FAIL'} [${c.step}] ` +
				`${c.name}${c.ok ? '' : `: expected ${JSON.stringify(c.expected)}, got ${JSON.stringify(c.actual)}`}`,
		);
	if (results.error) w(`  ERROR: ${results.error}`);
	if (results.n8nLog && !results.ok) w(`  n8n log (end):\n${results.n8nLog}`);
	w(
		`${results.ok ? 'PASSED' : 'FAILED'}: ${results.checks.filter((c) => c.ok).length}/${results.checks.length} checks`,
	);
}

async function main() {
	const args = process.argv.slice(2);
	const opt = (name) => {
		const i = args.indexOf(name);
		return i >= 0 ? args[i + 1] : undefined;
	};
	const file = args.find(
		(a, i) => !a.startsWith('--') && !['--out', '--n8n-dir'].includes(args[i - 1]),
	);
	if (!file) {
		process.stderr.write(
			'usage: npm run scenario -- FILE [--out STATE.json] [--n8n-dir DIR] [--skip-build] [--keep] [--verbose]\n',
		);
		process.exitCode = 2;
		return;
	}
	let scenario;
	try {
		scenario = loadScenario(path.resolve(file));
	} catch (e) {
		process.stderr.write(`${e.message}\n`);
		process.exitCode = 2;
		return;
	}
	const started = Date.now();
	const results = await runScenario(scenario, {
		n8nDir: opt('--n8n-dir'),
		build: !args.includes('--skip-build'),
		keep: args.includes('--keep'),
		verbose: args.includes('--verbose'),
		log: (l) => process.stderr.write(`[scenario] ${l}\n`),
	});
	printResults(results, scenario);
	process.stdout.write(`  ${((Date.now() - started) / 1000).toFixed(0)} s in all\n`);
	const outFile = opt('--out');
	if (outFile) {
		const written = {
			scenario: scenario.name,
			ok: results.ok,
			sandbox: results.state,
			dataTables: results.tables,
			checks: results.checks,
			requests: results.requests,
		};
		fs.writeFileSync(path.resolve(outFile), `${JSON.stringify(written, null, 2)}\n`);
		process.stdout.write(`  final state written to ${outFile}\n`);
	}
	process.exitCode = results.ok ? 0 : 1;
}

if (require.main === module) main();

module.exports = {
	loadScenario,
	validateScenario,
	runScenario,
	printResults,
	selectPath,
	evaluateCheck,
	errorMessageOf,
	errorNodeOf,
	nodeOutputsOf,
	expandSeed,
	applyTemplateOptions,
	scenarioWorkflows,
	requestSummary,
	PACKAGE_ROOT,
};
