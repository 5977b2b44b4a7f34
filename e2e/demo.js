#!/usr/bin/env node
/**
 * `npm run demo`: builds the package, prepares n8n (the first run installs it into the cache),
 * starts the sandbox with a realistic seed, runs the Shopify templates through a whole cycle in a
 * running n8n, prints what happened, and leaves the n8n editor open until Ctrl-C.
 *
 *   npm run demo [-- --port 5678] [--n8n-dir DIR] [--skip-build] [--exit] [--verbose]
 *
 * --exit stops after the summary instead of waiting (used by the tests).
 */
'use strict';

const path = require('node:path');
const { loadScenario, runScenario } = require('./scenario');
const { PLATFORMS } = require('./platforms');
const { OWNER } = require('./liveN8n');
const { freePort, cleanup } = require('./realN8n');

async function main() {
	const args = process.argv.slice(2);
	const opt = (name) => {
		const i = args.indexOf(name);
		return i >= 0 ? args[i + 1] : undefined;
	};
	const scenario = loadScenario(path.join(__dirname, 'demo-scenario.json'));
	let port = Number(opt('--port') || 5678);
	if (!(await portIsFree(port))) {
		const other = await freePort();
		process.stdout.write(`Port ${port} is in use; the n8n editor will be on ${other}.\n`);
		port = other;
	}
	const say = (l) => process.stdout.write(`${l}\n`);
	say('Amazon Vendor Central for n8n: demo');
	say(
		'The first run installs n8n 2.40.7 and Node 24 into ~/.cache (about 3 GB, ' +
			'5-8 minutes); later runs start in about a minute.\n',
	);
	const started = Date.now();
	const results = await runScenario(scenario, {
		n8nDir: opt('--n8n-dir'),
		build: !args.includes('--skip-build'),
		verbose: args.includes('--verbose'),
		leaveRunning: !args.includes('--exit'),
		n8nEnv: { N8N_PORT: String(port) },
		log: (l) => say(`  ${l}`),
	});
	say('');
	if (!results.ok && !results.state) {
		say(`The demo could not run: ${results.error}`);
		if (results.n8nLog) say(results.n8nLog);
		process.exitCode = 1;
		return;
	}
	say(`What happened (${((Date.now() - started) / 1000).toFixed(0)} s):`);
	for (const line of PLATFORMS[scenario.platform].summary(results.state, results.tables))
		say(`  ${line}`);
	const exceptions = results.tables?.avc_exceptions || [];
	if (exceptions.length) {
		say('  Exception queue (Data Table avc_exceptions):');
		for (const e of exceptions)
			say(`    [${e.ownerRole}] ${e.type} ${e.purchaseOrderNumber || ''}: ${e.reason}`);
	}
	say(
		`  n8n executions: ${results.executions.success} succeeded, ${results.executions.error} failed`,
	);
	const failed = results.checks.filter((c) => !c.ok);
	say(
		failed.length === 0
			? `  All ${results.checks.length} checks of the demo held.`
			: `  ${failed.length} check(s) did not hold: ${failed.map((c) => c.name).join('; ')}`,
	);
	if (!results.ok) process.exitCode = 1;
	if (!results.live) return;

	say('');
	say(
		`The n8n editor is open on http://127.0.0.1:${port}  (sign in as ${OWNER.email} / ${OWNER.password})`,
	);
	say(
		`The sandbox (Amazon + Shopify) is on ${results.env.sandbox.url}  (GET /__sandbox/state shows everything)`,
	);
	say(
		'Open Overview > Executions to see each run, and Data tables ' +
			'for the mapping, exception queue, SSCC serials and ledger.',
	);
	say('Press Ctrl-C to stop n8n and the sandbox.');
	await new Promise((resolve) => {
		process.once('SIGINT', resolve);
		process.once('SIGTERM', resolve);
	});
	say('\nStopping...');
	await results.live.stop().catch(() => {});
	await cleanup(results.env);
}

function portIsFree(port) {
	return new Promise((resolve) => {
		const server = require('node:net').createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

main().catch((e) => {
	process.stderr.write(`${e.stack || e}\n`);
	process.exitCode = 1;
});
