#!/usr/bin/env node
/**
 * Runs every scenario in e2e/scenarios/ (or those whose file name contains --only TEXT) through the
 * scenario runner, each in a fresh n8n user folder and a fresh sandbox, and prints one line per
 * scenario. Part of `npm run test:e2e`.
 *
 *   node e2e/runScenarios.js [--only TEXT] [--platform NAME] [--jobs N] [--n8n-dir DIR] [--skip-build] [--verbose]
 *                            [--also SCRIPT:SECONDS]...
 *
 * --also: another runner of e2e/ (run.js, screenshots.js) run as one more task of the same pool, with
 * --skip-build (and --n8n-dir) passed on; SECONDS is its expected length, to order it among the
 * scenarios. Its output is printed when it ends, and it counts as a scenario in the summary.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { loadScenario, runScenario, printResults } = require('./scenario');
const { buildAndPack, createBaseFolder } = require('./realN8n');
const { ensureN8n } = require('./setupN8n');

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

/** Runs another e2e runner as a child process; resolves { ok, output }. */
function runRunner(script, passOn) {
	return new Promise((resolve) => {
		const child = spawn(
			process.execPath,
			[path.join(__dirname, script), '--skip-build', ...passOn],
			{
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		child.on('error', (e) => resolve({ ok: false, output: `${output}\n${e.stack || e}` }));
		child.on('close', (code) => resolve({ ok: code === 0, output }));
	});
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
	const passOn = opt('--n8n-dir') ? ['--n8n-dir', opt('--n8n-dir')] : [];
	const tasks = scenarios.map((s) => ({ ...s, seconds: expectedSeconds(s.scenario) }));
	args.forEach((a, i) => {
		if (a !== '--also') return;
		const [script, seconds] = String(args[i + 1] || '').split(':');
		if (!script || !fs.existsSync(path.join(__dirname, script)))
			throw new Error(`--also ${args[i + 1]}: no such runner in e2e/`);
		tasks.push({ file: script, runner: script, seconds: Number(seconds) || 60 });
	});
	// Longest first, so that the last task to start is a short one and the jobs end together.
	tasks.sort((a, b) => b.seconds - a.seconds);
	const log = (l) => process.stderr.write(`[scenarios] ${l}\n`);
	// Build (unless --skip-build) and pack once; every scenario installs the same tarball.
	log(args.includes('--skip-build') ? 'npm pack' : 'npm run build + npm pack');
	const pkg = await buildAndPack({ build: !args.includes('--skip-build'), log });
	// One user folder with the package installed and n8n's database migrated; each scenario starts
	// from a copy of it (an npm install and n8n's migrations less per scenario).
	const runtime = ensureN8n({ dir: opt('--n8n-dir'), log });
	const baseFolder = await createBaseFolder({ runtime, tarball: pkg.tarball, log });
	// Scenarios run `--jobs` at a time (default 2): each has its own sandbox, n8n user folder and ports.
	const jobs = Math.max(1, Number(opt('--jobs') || 2));
	const rows = [];
	let next = 0;
	async function worker() {
		while (next < tasks.length) {
			const { file, scenario, runner } = tasks[next++];
			const started = Date.now();
			if (runner) {
				log(`${file}: started`);
				const r = await runRunner(runner, passOn);
				const seconds = (Date.now() - started) / 1000;
				process.stdout.write(`\n=== ${file} (${seconds.toFixed(0)} s)\n${r.output}\n`);
				rows.push({ file, ok: r.ok, seconds, runner: true });
				continue;
			}
			log(`${file}: ${scenario.name}`);
			const results = await runScenario(scenario, {
				n8nDir: opt('--n8n-dir'),
				tarball: pkg.tarball,
				baseFolder,
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
	await Promise.all(Array.from({ length: Math.min(jobs, tasks.length) }, worker));
	rows.sort((a, b) => a.file.localeCompare(b.file));
	fs.rmSync(pkg.destination, { recursive: true, force: true });
	fs.rmSync(baseFolder, { recursive: true, force: true });
	process.stdout.write('\nScenarios\n');
	for (const r of rows)
		process.stdout.write(
			r.runner
				? `  ${r.ok ? 'PASS' : 'FAIL'} ${r.file} (${r.seconds.toFixed(0)} s)\n`
				: `  ${r.ok ? 'PASS' : 'FAIL'} ${r.file} (${r.passed}/${r.total} checks, ${r.seconds.toFixed(0)} s)\n`,
		);
	const failed = rows.filter((r) => !r.ok).length;
	process.stdout.write(
		`${failed === 0 ? 'all scenarios passed' : `${failed} of ${rows.length} scenario(s) or runner(s) failed`}\n`,
	);
	process.exitCode = failed === 0 ? 0 : 1;
}

if (require.main === module)
	main().catch((e) => {
		process.stderr.write(`${e.stack || e}\n`);
		process.exitCode = 1;
	});

module.exports = { expectedSeconds };
