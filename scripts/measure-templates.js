#!/usr/bin/env node
/**
 * The template targets of issue 16 item 2 (e2e/templateTargets.js), measured on every workflow of
 * workflows/ or on the files given: one table row per template (nodes without sticky notes,
 * expression characters in all, the longest expression, the targets it breaks), then every
 * violation.
 *
 *   node scripts/measure-templates.js [FILE.json ...] [--check]
 *
 * --check: exit code 1 when any template breaks a target (without it, the exit code is 0).
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { measureWorkflow, brokenTargets, LIMITS } = require('../e2e/templateTargets');

const args = process.argv.slice(2);
const check = args.includes('--check');
const dir = path.join(__dirname, '..', 'workflows');
const files = args.filter((a) => !a.startsWith('--'));
const paths = files.length
	? files
	: fs
			.readdirSync(dir)
			.filter((f) => f.endsWith('.json'))
			.sort()
			.map((f) => path.join(dir, f));

const rows = paths.map((file) => {
	const workflow = JSON.parse(fs.readFileSync(file, 'utf8'));
	return {
		template: path.basename(file, '.json'),
		m: measureWorkflow(workflow),
		broken: brokenTargets(workflow),
	};
});

const number = (n) => n.toLocaleString('en-US');
const table = [
	['template', 'nodes', 'expression characters', 'longest expression', 'targets broken'],
	...rows.map((r) => [
		r.template,
		number(r.m.nodes),
		number(r.m.expressionChars),
		number(r.m.longestExpression),
		r.broken.join(', ') || '-',
	]),
];
const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
const line = (row) => `| ${row.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
const out = [line(table[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`];
for (const row of table.slice(1)) out.push(line(row));
out.push(
	'',
	`Limits: at most ${LIMITS.maxNodes} nodes, expressions of at most ${LIMITS.maxExpressionChars} ` +
		`characters, at most ${number(LIMITS.maxTotalExpressionChars)} in all; no Code node, no node ` +
		'named after its type, no sticky note over a node, no connection back across more than one node.',
);
for (const r of rows) {
	if (!r.m.violations.length) continue;
	out.push('', `${r.template}: ${r.m.violations.length} violations`);
	for (const v of r.m.violations) out.push(`  ${v.target}: ${v.message}`);
}
const breaking = rows.filter((r) => r.broken.length).length;
out.push('', `${breaking} of ${rows.length} templates break a target`);
process.stdout.write(`${out.join('\n')}\n`);
if (check && breaking) process.exitCode = 1;
