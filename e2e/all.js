#!/usr/bin/env node
/**
 * `npm run test:e2e`: the hand-written workflow run (run.js) in a real n8n, then every scenario of
 * e2e/scenarios/, then a picture of every template in the n8n editor (screenshots.js, into
 * docs/images/; the first runner builds the package, the others reuse dist/). A failing runner does
 * not stop the others; the exit code is 1 when any failed.
 *
 *   node e2e/all.js [--skip-build] [--n8n-dir DIR] [--only TEXT] [--jobs N]
 *
 * --jobs N: scenarios run N at a time (default 2; runScenarios.js)
 */
'use strict';

const { spawnSync } = require('node:child_process');
const path = require('node:path');

const RUNNERS = [
	['run.js', 'the nodes in a hand-written workflow (n8n execute), token refresh'],
	['runScenarios.js', 'every scenario, every platform'],
	['screenshots.js', 'every template in the n8n editor, no unknown node (docs/images/)'],
];

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const passOn = [];
if (args.includes('--n8n-dir')) passOn.push('--n8n-dir', args[args.indexOf('--n8n-dir') + 1]);
const scenarioArgs = args.includes('--jobs') ? ['--jobs', args[args.indexOf('--jobs') + 1]] : [];
let built = args.includes('--skip-build');
const rows = [];
for (const [file, what] of RUNNERS) {
	if (only && !file.includes(only)) continue;
	const started = Date.now();
	process.stdout.write(`\n=== ${file}: ${what}\n`);
	const extra = file === 'runScenarios.js' ? scenarioArgs : [];
	const r = spawnSync(
		process.execPath,
		[path.join(__dirname, file), ...(built ? ['--skip-build'] : []), ...passOn, ...extra],
		{ stdio: 'inherit' },
	);
	built = true;
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
