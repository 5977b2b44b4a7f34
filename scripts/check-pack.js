#!/usr/bin/env node
// Checks the tarball `npm pack` would publish: the files n8n needs are there, every node and
// credential listed in package.json loads from dist/ and exposes the type its file name promises,
// and every icon it references exists in the tarball. Run after `npm run build`.
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const fs = require('node:fs');

const root = path.resolve(__dirname, '..');
const pkg = require(path.join(root, 'package.json'));
const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
	cwd: root,
	encoding: 'utf8',
});
const files = new Set(JSON.parse(out)[0].files.map((f) => f.path));
const problems = [];

const required = [...pkg.n8n.nodes, ...pkg.n8n.credentials, 'package.json', 'README.md'];
for (const file of required)
	if (!files.has(file)) problems.push(`missing from the tarball: ${file}`);
if (![...files].some((f) => f.startsWith('workflows/')))
	problems.push('no workflows/ in the tarball');
for (const f of files) {
	if (/^(test|sandbox|scripts|src)\//.test(f) || f.endsWith('.ts') || f.endsWith('.tsbuildinfo'))
		problems.push(`should not ship: ${f}`);
}

function checkIcon(icon, fromFile) {
	const icons = typeof icon === 'string' ? [icon] : Object.values(icon || {});
	if (!icons.length) problems.push(`${fromFile}: no icon`);
	for (const i of icons) {
		const rel = path.posix.normalize(
			path.posix.join(path.posix.dirname(fromFile), i.replace(/^file:/, '')),
		);
		if (!files.has(rel))
			problems.push(`${fromFile}: icon ${i} resolves to ${rel}, which is not in the tarball`);
	}
}

for (const file of pkg.n8n.credentials) {
	const mod = require(path.join(root, file));
	const name = path.basename(file).replace('.credentials.js', '');
	const Cred = mod[name];
	if (typeof Cred !== 'function') {
		problems.push(`${file} does not export class ${name}`);
		continue;
	}
	const cred = new Cred();
	if (!cred.name || !cred.displayName || !Array.isArray(cred.properties))
		problems.push(`${file}: incomplete credential`);
	checkIcon(cred.icon, file);
}
for (const file of pkg.n8n.nodes) {
	const mod = require(path.join(root, file));
	const name = path.basename(file).replace('.node.js', '');
	const Node = mod[name];
	if (typeof Node !== 'function') {
		problems.push(`${file} does not export class ${name}`);
		continue;
	}
	const node = new Node();
	const d = node.description;
	if (!d || !d.name || !d.displayName || !Array.isArray(d.properties))
		problems.push(`${file}: incomplete description`);
	checkIcon(d.icon, file);
	for (const c of d.credentials || []) {
		if (
			!pkg.n8n.credentials.some((f) => {
				const C = require(path.join(root, f))[path.basename(f).replace('.credentials.js', '')];
				return new C().name === c.name;
			})
		) {
			problems.push(`${file}: uses credential ${c.name}, which the package does not declare`);
		}
	}
	const codex = file.replace(/\.js$/, '.json');
	if (!files.has(codex)) problems.push(`missing codex file ${codex}`);
	else JSON.parse(fs.readFileSync(path.join(root, codex), 'utf8'));
}

if (problems.length) {
	console.error('npm pack check failed:\n- ' + problems.join('\n- '));
	process.exit(1);
}
console.log(
	`npm pack check: ${files.size} files; ${pkg.n8n.nodes.length} node(s) ` +
		`and ${pkg.n8n.credentials.length} credential(s) load from dist/.`,
);
