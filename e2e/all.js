#!/usr/bin/env node
/**
 * `npm run test:e2e`: the hand-written workflow run (run.js) in a real n8n, every scenario of
 * e2e/scenarios/, and a picture of every template in the n8n editor (screenshots.js, into
 * docs/images/). The package is built once (unless --skip-build); run.js and screenshots.js run as
 * tasks of the scenarios' pool (runScenarios.js --also), beside the scenarios. A failing runner or
 * scenario does not stop the others; the exit code is 1 when any failed.
 *
 *   node e2e/all.js [--skip-build] [--n8n-dir DIR] [--only TEXT] [--jobs N]
 *
 * --jobs N: scenarios run N at a time (default 2; runScenarios.js)
 */
'use strict';

const { spawnSync } = require('node:child_process');
const path = require('node:path');

const RUNNERS = [
	['run.js', 'the nodes in a hand-written workflow (n8n execute), token refresh', 45],
	['runScenarios.js', 'every scenario, every platform'],
	['screenshots.js', 'every template in the n8n editor, no unknown node (docs/images/)', 300],
];

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const passOn = [];
if (args.includes('--n8n-dir')) passOn.push('--n8n-dir', args[args.indexOf('--n8n-dir') + 1]);
const scenarioArgs = args.includes('--jobs') ? ['--jobs', args[args.indexOf('--jobs') + 1]] : [];
const selected = RUNNERS.filter(([file]) => !only || file.includes(only));
const pooled = selected.some(([file]) => file === 'runScenarios.js');
let built = args.includes('--skip-build');
if (!built) {
	// Build once; every runner then packs the same dist/.
	process.stdout.write('\n=== npm run build\n');
	const b = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], {
		stdio: 'inherit',
	});
	if (b.status !== 0) {
		process.exitCode = 1;
		process.stdout.write('npm run build failed\n');
		process.exit();
	}
	built = true;
}
const rows = [];
for (const [file, what] of selected) {
	// With the scenarios, the other runners are tasks of the scenarios' pool (runScenarios --also):
	// they run beside the scenarios instead of after them.
	if (pooled && file !== 'runScenarios.js') continue;
	const started = Date.now();
	process.stdout.write(`\n=== ${file}: ${what}\n`);
	const extra = [];
	if (file === 'runScenarios.js') {
		extra.push(...scenarioArgs);
		for (const [other, , seconds] of selected)
			if (other !== file) extra.push('--also', `${other}:${seconds}`);
	}
	const r = spawnSync(
		process.execPath,
		[path.join(__dirname, file), '--skip-build', ...passOn, ...extra],
		{ stdio: 'inherit' },
	);
	rows.push({ file, ok: r.status === 0, seconds: (Date.now() - started) / 1000 });
}
process.stdout.write('\nEnd-to-end summary\n');
for (const r of rows)
	process.stdout.write(`  ${r.ok ? 'PASS' : 'FAIL'} ${r.file} (${r.seconds.toFixed(0)} s)\n`);
const failed = rows.filter((r) => !r.ok).length;
process.stdout.write(
	failed ? `${failed} of ${rows.length} failed\n` : `all ${rows.length} passed\n`,
);
process.exitCode = failed ? 1 : 0;
