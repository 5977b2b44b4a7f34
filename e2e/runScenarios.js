#!/usr/bin/env node
/**
 * Runs every scenario in e2e/scenarios/ (or those whose file name contains --only TEXT) through the
 * scenario runner, each in a fresh n8n user folder and a fresh sandbox, and prints one line per
 * scenario. Part of `npm run test:e2e`.
 *
 *   node e2e/runScenarios.js [--only TEXT] [--platform NAME] [--jobs N] [--n8n-dir DIR] [--skip-build] [--verbose]
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { loadScenario, runScenario, printResults } = require('./scenario');
const { buildAndPack } = require('./realN8n');

/**
 * A rough length of a scenario, only to order the runs: its `wait` steps, plus about 20 s for each
 * step that makes n8n run workflows or restart, plus 40 s to set up n8n.
 */
function expectedSeconds(scenario) {
	let seconds = 40;
	for (const step of scenario.steps || []) {
		if (step.do === 'wait') seconds += Number(step.seconds) || 0;
		else if (['idle', 'runWorkflow', 'poll', 'restartN8n'].includes(step.do)) seconds += 20;
	}
	return seconds;
}

async function main() {
	const args = process.argv.slice(2);
	const opt = (name) => {
		const i = args.indexOf(name);
		return i >= 0 ? args[i + 1] : undefined;
	};
	const dir = path.join(__dirname, 'scenarios');
	const only = opt('--only');
	const platform = opt('--platform');
	const files = fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json') && (!only || f.includes(only)))
		.sort();
	const scenarios = files
		.map((f) => ({ file: f, scenario: loadScenario(path.join(dir, f)) }))
		.filter((s) => !platform || s.scenario.platform === platform);
	if (scenarios.length === 0) {
		process.stderr.write('no scenario matches\n');
		process.exitCode = 1;
		return;
	}
	// Longest first, so that the last scenario to start is a short one and the jobs end together.
	scenarios.sort((a, b) => expectedSeconds(b.scenario) - expectedSeconds(a.scenario));
	const log = (l) => process.stderr.write(`[scenarios] ${l}\n`);
	// Build (unless --skip-build) and pack once; every scenario installs the same tarball.
	log(args.includes('--skip-build') ? 'npm pack' : 'npm run build + npm pack');
	const pkg = await buildAndPack({ build: !args.includes('--skip-build'), log });
	// Scenarios run `--jobs` at a time (default 2): each has its own sandbox, n8n user folder and ports.
	const jobs = Math.max(1, Number(opt('--jobs') || 2));
	const rows = [];
	let next = 0;
	async function worker() {
		while (next < scenarios.length) {
			const { file, scenario } = scenarios[next++];
			const started = Date.now();
			log(`${file}: ${scenario.name}`);
			const results = await runScenario(scenario, {
				n8nDir: opt('--n8n-dir'),
				tarball: pkg.tarball,
				verbose: args.includes('--verbose'),
				log: args.includes('--verbose') ? (l) => log(`${file}: ${l}`) : () => {},
			});
			const seconds = (Date.now() - started) / 1000;
			printResults(results, scenario);
			rows.push({
				file,
				ok: results.ok,
				seconds,
				passed: results.checks.filter((c) => c.ok).length,
				total: results.checks.length,
			});
		}
	}
	await Promise.all(Array.from({ length: Math.min(jobs, scenarios.length) }, worker));
	rows.sort((a, b) => a.file.localeCompare(b.file));
	fs.rmSync(pkg.destination, { recursive: true, force: true });
	process.stdout.write('\nScenarios\n');
	for (const r of rows)
		process.stdout.write(
			`  ${r.ok ? 'PASS' : 'FAIL'} ${r.file} (${r.passed}/${r.total} checks, ${r.seconds.toFixed(0)} s)\n`,
		);
	const failed = rows.filter((r) => !r.ok).length;
	process.stdout.write(
		`${failed === 0 ? 'all scenarios passed' : `${failed} of ${rows.length} scenario(s) failed`}\n`,
	);
	process.exitCode = failed === 0 ? 0 : 1;
}

if (require.main === module)
	main().catch((e) => {
		process.stderr.write(`${e.stack || e}\n`);
		process.exitCode = 1;
	});

module.exports = { expectedSeconds };
