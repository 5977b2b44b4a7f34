#!/usr/bin/env node
// Prints the code-shape targets of the repository, so that anyone can re-measure them:
//   1. no function in nodes/ or sandbox/ over 120 lines;
//   2. no node `execute` (or `poll`) over 60 lines;
//   3. no source line over 120 characters outside generated code;
//   4. no block of six or more lines repeated inside nodes/ (generated code and boilerplate aside).
// `node scripts/measure.js` lists what breaks a target and exits 1 when anything does;
// `--summary` prints the counts only.
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..');
const FUNCTION_LIMIT = 120;
const EXECUTE_LIMIT = 60;
const LINE_LIMIT = 120;
const REPEAT_LINES = 6;
const GENERATED = [path.join('nodes', 'shared', 'generated') + path.sep];
const SOURCE_DIRS = ['nodes', 'credentials', 'sandbox', 'test', 'e2e', 'scripts'];

function filesUnder(dir, extensions) {
	const out = [];
	const walk = (d) => {
		for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
			if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
			const full = path.join(d, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (extensions.some((e) => entry.name.endsWith(e))) out.push(full);
		}
	};
	if (fs.existsSync(dir)) walk(dir);
	return out.sort();
}

const relative = (file) => path.relative(ROOT, file);
const isGenerated = (file) => GENERATED.some((g) => relative(file).startsWith(g));

function functionName(node) {
	if (node.name && ts.isIdentifier(node.name)) return node.name.text;
	if (node.name && ts.isStringLiteral(node.name)) return node.name.text;
	if (ts.isConstructorDeclaration(node)) return 'constructor';
	const parent = node.parent;
	if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) {
		return parent.name.text;
	}
	if (parent && ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) {
		return parent.name.text;
	}
	return '(anonymous)';
}

/** Every function-like node of a file with its name and its length in lines. */
function functionsOf(file) {
	const text = fs.readFileSync(file, 'utf8');
	const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
	const found = [];
	const visit = (node) => {
		if (ts.isFunctionLike(node) && 'body' in node && node.body) {
			const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
			const end = source.getLineAndCharacterOfPosition(node.getEnd()).line + 1;
			found.push({ file, name: functionName(node), start, lines: end - start + 1 });
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found;
}

function longFunctions() {
	const files = ['nodes', 'sandbox']
		.flatMap((d) => filesUnder(path.join(ROOT, d), ['.ts']))
		.filter((f) => !isGenerated(f) && !f.endsWith('.test.ts'));
	return files
		.flatMap(functionsOf)
		.filter((f) => f.lines > FUNCTION_LIMIT)
		.sort((a, b) => b.lines - a.lines);
}

function longExecutes() {
	const files = filesUnder(path.join(ROOT, 'nodes'), ['.ts']).filter((f) => !isGenerated(f));
	return files
		.flatMap(functionsOf)
		.filter((f) => ['execute', 'poll'].includes(f.name) && f.lines > EXECUTE_LIMIT)
		.sort((a, b) => b.lines - a.lines);
}

function longLines() {
	const files = SOURCE_DIRS.flatMap((d) =>
		filesUnder(path.join(ROOT, d), ['.ts', '.js', '.mjs']),
	).filter((f) => !isGenerated(f));
	const found = [];
	for (const file of files) {
		fs.readFileSync(file, 'utf8')
			.split('\n')
			.forEach((line, i) => {
				if (line.length > LINE_LIMIT) found.push({ file, line: i + 1, length: line.length });
			});
	}
	return found;
}

/** Lines that say nothing on their own: punctuation, imports, comments. */
function isThin(line) {
	return (
		line === '' ||
		/^[\s{}()[\];,]*$/.test(line) ||
		/^(import |export \{|export \* |\} from )/.test(line) ||
		/^(\/\/|\/\*|\*)/.test(line) ||
		/^(return|break|continue|else|try|finally);?$/.test(line)
	);
}

function repeatedBlocks() {
	const files = filesUnder(path.join(ROOT, 'nodes'), ['.ts']).filter((f) => !isGenerated(f));
	const windows = new Map();
	for (const file of files) {
		const lines = fs
			.readFileSync(file, 'utf8')
			.split('\n')
			.map((l, i) => ({ text: l.trim(), number: i + 1 }))
			.filter((l) => !isThin(l.text));
		for (let i = 0; i + REPEAT_LINES <= lines.length; i++) {
			const block = lines.slice(i, i + REPEAT_LINES);
			const key = block.map((l) => l.text).join('\n');
			const places = windows.get(key) ?? [];
			places.push({ file, start: block[0].number, end: block[REPEAT_LINES - 1].number });
			windows.set(key, places);
		}
	}
	// Overlapping windows of one long repeat are reported once: by its first window.
	const reported = [];
	const covered = new Set();
	for (const places of windows.values()) {
		if (places.length < 2) continue;
		const first = places[0];
		const id = `${first.file}:${first.start}`;
		if (covered.has(id)) continue;
		for (const p of places) for (let l = p.start; l <= p.end; l++) covered.add(`${p.file}:${l}`);
		reported.push(places);
	}
	return reported;
}

function main() {
	const summaryOnly = process.argv.includes('--summary');
	const functions = longFunctions();
	const executes = longExecutes();
	const lines = longLines();
	const repeats = repeatedBlocks();
	const show = (title, rows, format) => {
		console.log(`${title}: ${rows.length}`);
		if (!summaryOnly) for (const r of rows) console.log(`  ${format(r)}`);
	};
	show(`functions in nodes/ and sandbox/ over ${FUNCTION_LIMIT} lines`, functions, (f) => {
		return `${relative(f.file)}:${f.start} ${f.name} (${f.lines} lines)`;
	});
	show(`node execute methods over ${EXECUTE_LIMIT} lines`, executes, (f) => {
		return `${relative(f.file)}:${f.start} ${f.name} (${f.lines} lines)`;
	});
	show(`source lines over ${LINE_LIMIT} characters`, lines, (l) => {
		return `${relative(l.file)}:${l.line} (${l.length} characters)`;
	});
	show(`blocks of ${REPEAT_LINES}+ lines repeated in nodes/`, repeats, (places) => {
		return places.map((p) => `${relative(p.file)}:${p.start}-${p.end}`).join(' ~ ');
	});
	const broken = functions.length + executes.length + lines.length + repeats.length;
	console.log(broken === 0 ? 'all targets hold' : `${broken} places break a target`);
	process.exitCode = broken === 0 ? 0 : 1;
}

main();
