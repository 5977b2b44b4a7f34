/**
 * Helpers to run this package inside a real n8n (the pinned install of ./setupN8n.js), headless:
 *
 *   const pkg = await buildAndPack({ root });                        // npm run build + npm pack
 *   const n8n = await createN8nInstance({ runtime, tarball: pkg.tarball });   // fresh user folder
 *   await n8n.importCredentials([{ id, name, type, data: { ... } }]);
 *   await n8n.importWorkflow(workflowJson);
 *   const result = await n8n.execute(workflowJson.id);               // n8n execute --rawOutput
 *   await n8n.cleanup();
 *
 * Every child process is spawned asynchronously, so a sandbox running in this process keeps
 * answering while n8n runs.
 */
'use strict';

const fs = require('node:fs');
const fsp = require('node:fs/promises');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');

const PACKAGE_ROOT = path.resolve(__dirname, '..');

/** Runs a command; resolves { code, stdout, stderr, ms }; rejects on a non-zero exit unless allowFailure. */
function exec(cmd, args, options = {}) {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, {
			cwd: options.cwd,
			env: options.env || process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => {
			stdout += d;
			if (options.echo) process.stderr.write(d);
		});
		child.stderr.on('data', (d) => {
			stderr += d;
			if (options.echo) process.stderr.write(d);
		});
		const timer = options.timeoutMs
			? setTimeout(() => {
					child.kill('SIGKILL');
				}, options.timeoutMs)
			: undefined;
		child.on('error', (e) => {
			if (timer) clearTimeout(timer);
			reject(e);
		});
		child.on('close', (code, signal) => {
			if (timer) clearTimeout(timer);
			const result = { code, signal, stdout, stderr, ms: Date.now() - started };
			if ((code !== 0 || signal) && !options.allowFailure) {
				const err = new Error(
					`${path.basename(cmd)} ${args.join(' ')} ` +
						`failed (${signal ? `signal ${signal}` : `exit code ${code}`}):\n${tail(stderr || stdout)}`,
				);
				err.result = result;
				reject(err);
			} else resolve(result);
		});
	});
}

function tail(text, chars = 3000) {
	const t = String(text || '').trim();
	return t.length > chars ? `…${t.slice(-chars)}` : t;
}

/** A free TCP port on the loopback interface. */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

const npmCmd = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * `npm run build` then `npm pack --ignore-scripts` in the project root. The tarball goes to
 * `destination` (default a temp folder, so the checkout stays clean); its name comes from npm's
 * JSON output. Returns { tarball, filename, buildMs, packMs }.
 */
async function buildAndPack(options = {}) {
	const root = options.root || PACKAGE_ROOT;
	const log = options.log || (() => {});
	const destination =
		options.destination || (await fsp.mkdtemp(path.join(os.tmpdir(), 'avc-e2e-pack-')));
	let buildMs = 0;
	if (options.build !== false) {
		log('npm run build');
		buildMs = (await exec(npmCmd, ['run', 'build'], { cwd: root })).ms;
	}
	log('npm pack --ignore-scripts');
	const pack = await exec(
		npmCmd,
		['pack', '--ignore-scripts', '--json', '--pack-destination', destination],
		{ cwd: root },
	);
	let filename;
	try {
		filename = JSON.parse(pack.stdout)[0].filename;
	} catch {
		// Older npm: the last line of the plain output is the file name.
		filename = pack.stdout.trim().split('\n').pop().trim();
	}
	const tarball = path.join(destination, filename);
	if (!fs.existsSync(tarball))
		throw new Error(`npm pack reported ${filename}, but ${tarball} does not exist`);
	return { tarball, filename, destination, buildMs, packMs: pack.ms };
}

/**
 * A fresh N8N_USER_FOLDER with the packed package installed as a community package
 * (<folder>/.n8n/nodes, as n8n's own installer does), and functions to drive `n8n` in it.
 *
 * runtime: the result of ensureN8n() (nodeBin, nodeBinDir, n8nBin). tarball: from buildAndPack().
 * Options: userFolder (default a new temp folder), keep (do not delete it in cleanup()), env (extra).
 */
async function createN8nInstance({
	runtime,
	tarball,
	userFolder,
	from,
	keep = false,
	env: extraEnv = {},
	log = () => {},
}) {
	const folder = userFolder || (await fsp.mkdtemp(path.join(os.tmpdir(), 'avc-e2e-n8n-')));
	if (from) {
		// A copy of a base folder (createBaseFolder): the package is installed and the database
		// migrated already, which saves an npm install and n8n's migrations per scenario.
		log(`copying the base user folder ${from}`);
		await fsp.cp(from, folder, { recursive: true });
		tarball = undefined;
	}
	const nodesDir = path.join(folder, '.n8n', 'nodes');
	await fsp.mkdir(nodesDir, { recursive: true });
	const nodesPkg = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(nodesPkg))
		await fsp.writeFile(
			nodesPkg,
			`${JSON.stringify({ name: 'installed-nodes', private: true }, null, 2)}\n`,
		);
	let installMs = 0;
	if (tarball) {
		log(`installing ${path.basename(tarball)} into ${nodesDir}`);
		installMs = (
			await exec(
				npmCmd,
				[
					'install',
					'--ignore-scripts',
					'--legacy-peer-deps',
					'--no-audit',
					'--no-fund',
					'--no-package-lock',
					tarball,
				],
				{ cwd: nodesDir },
			)
		).ms;
	}

	const env = {
		...process.env,
		PATH: [runtime.nodeBinDir, process.env.PATH || ''].join(path.delimiter),
		N8N_USER_FOLDER: folder,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_PORT: String(await freePort()),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		...extraEnv,
	};
	// The npm config of the calling `npm run` (npm_config_*) must not leak into n8n's own npm use.
	for (const key of Object.keys(env)) if (key.toLowerCase().startsWith('npm_')) delete env[key];

	/** `n8n <args>` with Node 24 (first on PATH, and running the bin directly). */
	const n8n = (args, options = {}) =>
		exec(runtime.nodeBin, [runtime.n8nBin, ...args], {
			env,
			cwd: folder,
			timeoutMs: 180_000,
			...options,
		});

	async function writeJson(name, value) {
		const file = path.join(folder, name);
		await fsp.writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
		return file;
	}

	let counter = 0;
	return {
		userFolder: folder,
		env,
		installMs,
		nodeBin: runtime.nodeBin,
		n8nBin: runtime.n8nBin,
		n8n,
		/** Credentials with plain `data` objects (n8n encrypts them on import). */
		async importCredentials(credentials) {
			const file = await writeJson(
				`credentials-${++counter}.json`,
				Array.isArray(credentials) ? credentials : [credentials],
			);
			return n8n(['import:credentials', `--input=${file}`]);
		},
		/** Several workflow objects in one `n8n import:workflow --separate` (one n8n start-up instead of one per file). */
		async importWorkflows(workflows) {
			const dir = path.join(folder, `workflows-${++counter}`);
			await fsp.mkdir(dir, { recursive: true });
			for (const [i, w] of workflows.entries())
				await fsp.writeFile(
					path.join(dir, `${String(i).padStart(2, '0')}.json`),
					`${JSON.stringify(w, null, 2)}\n`,
				);
			return n8n(['import:workflow', '--separate', `--input=${dir}`]);
		},
		/** A workflow object (n8n's export format, with an id) or the path of such a file. */
		async importWorkflow(workflow) {
			const file =
				typeof workflow === 'string'
					? path.resolve(workflow)
					: await writeJson(`workflow-${++counter}.json`, workflow);
			return n8n(['import:workflow', `--input=${file}`]);
		},
		/**
		 * `n8n execute --id=<id> --rawOutput`. Resolves { ok, code, ms, result, stdout, stderr }:
		 * result is the parsed run data (or undefined when n8n printed no JSON).
		 */
		async execute(id) {
			const r = await n8n(['execute', `--id=${id}`, '--rawOutput'], { allowFailure: true });
			const result = parseJsonOutput(r.stdout);
			return {
				ok: r.code === 0 && !r.signal && result !== undefined,
				code: r.code,
				ms: r.ms,
				result,
				stdout: r.stdout,
				stderr: r.stderr,
			};
		},
		async cleanup() {
			if (!keep) await fsp.rm(folder, { recursive: true, force: true });
		},
	};
}

/**
 * The JSON n8n prints with --rawOutput, even when log lines come before it or after it (n8n 2.40 may
 * print `Registered runner "JS Task Runner"` once the run data is out): the document runs from a line
 * starting with `{` to the last line that is `}`.
 */
function parseJsonOutput(stdout) {
	const text = String(stdout || '').trim();
	if (!text) return undefined;
	try {
		return JSON.parse(text);
	} catch {
		const lines = text.split('\n');
		const last = lines.map((l) => l.trimEnd()).lastIndexOf('}');
		if (last < 0) return undefined;
		for (let i = 0; i < last; i++) {
			if (!lines[i].startsWith('{')) continue;
			try {
				return JSON.parse(lines.slice(i, last + 1).join('\n'));
			} catch {
				/* keep looking */
			}
		}
		return undefined;
	}
}

/** The output items of a node in a parsed result: runData[node][run].data.main[output] -> json[]. */
function nodeOutput(result, nodeName, output = 0, run = 0) {
	const runData = result?.data?.resultData?.runData ?? result?.resultData?.runData;
	const main = runData?.[nodeName]?.[run]?.data?.main;
	return (main?.[output] ?? []).map((i) => i.json);
}

/** The error of a parsed result, if the run failed. */
function runError(result) {
	const error = result?.data?.resultData?.error ?? result?.resultData?.error;
	if (!error) return undefined;
	const node = error.node?.name ? `${error.node.name}: ` : '';
	return `${node}${error.message}${error.description ? ` (${error.description})` : ''}`;
}

/**
 * A user folder to copy for each scenario (createN8nInstance({ from })): the package installed from
 * `tarball` and n8n's database created and migrated (by `n8n list:workflow`, which starts n8n's
 * database and exits). The copies share the folder's encryption key, which is only a test key.
 * Resolves the folder's path; the caller removes it.
 */
async function createBaseFolder({ runtime, tarball, log = () => {} }) {
	const base = await createN8nInstance({ runtime, tarball, keep: true, log });
	const { ms } = await base.n8n(['list:workflow']);
	log(`base user folder ${base.userFolder}: package installed, database migrated (${ms} ms)`);
	return base.userFolder;
}

/**
 * Steps every run starts with: the n8n install, the packed package, the sandbox (compiled and
 * started in-process) and a fresh n8n user folder with the package installed. Fills `env` as it
 * goes ({ runtime, pkg, sandbox, n8n }), so that the caller can clean up after a failure halfway.
 */
// Within one process, the sandbox is compiled once and a packed tarball may be reused (runScenarios).
let sandboxCompiled = false;

async function prepare(
	env,
	{
		n8nDir,
		build = true,
		keep = false,
		log,
		n8nEnv = {},
		sandboxPort = 0,
		sftpPort,
		tarball,
		baseFolder,
	},
) {
	const indent = (l) => log(`   ${l}`);
	log('1. n8n install');
	env.runtime = require('./setupN8n').ensureN8n({ dir: n8nDir, log: indent });
	if (tarball) {
		log(`2. package: ${path.basename(tarball)} (packed before)`);
		env.pkg = { tarball, destination: undefined };
	} else {
		log(`2. package: ${build ? 'npm run build + npm pack' : 'npm pack (no build)'}`);
		env.pkg = await buildAndPack({ build, log: indent });
	}
	if (!sandboxCompiled) {
		log('3. sandbox: npx tsc -p sandbox/tsconfig.json');
		await exec(
			process.platform === 'win32' ? 'npx.cmd' : 'npx',
			['tsc', '-p', 'sandbox/tsconfig.json'],
			{ cwd: PACKAGE_ROOT },
		);
		sandboxCompiled = true;
	}
	const { startSandbox } = require(
		path.join(PACKAGE_ROOT, '.sandbox-build', 'sandbox', 'server.js'),
	);
	// sftpPort (0 = any free port): the SFTP mailbox of the sandbox's EDI side; none without it.
	env.sandbox = await startSandbox({
		port: sandboxPort,
		transactionProcessingMs: 0,
		...(sftpPort !== undefined ? { sftpPort } : {}),
	});
	indent(env.sandbox.url);
	if (env.sandbox.sftp) indent(`SFTP mailbox ${env.sandbox.sftp.host}:${env.sandbox.sftp.port}`);
	log('4. n8n user folder with the community package');
	env.n8n = await createN8nInstance({
		runtime: env.runtime,
		tarball: env.pkg.tarball,
		from: baseFolder,
		keep,
		env: n8nEnv,
		log: indent,
	});
	indent(`N8N_USER_FOLDER=${env.n8n.userFolder}`);
	return env;
}

/** Closes the sandbox, removes the n8n user folder (unless kept) and the packed tarball. */
async function cleanup(env) {
	if (env.sandbox) await env.sandbox.close().catch(() => {});
	if (env.n8n) await env.n8n.cleanup().catch(() => {});
	if (env.pkg?.destination) fs.rmSync(env.pkg.destination, { recursive: true, force: true });
}

/** The data of an Amazon Vendor Central API credential pointed at the sandbox. */
function sandboxAmazonCredential(sandbox) {
	const { clientId, clientSecret, refreshToken } = sandbox.control.credentials();
	return {
		region: 'na',
		sandbox: false,
		clientId,
		clientSecret,
		refreshToken,
		useCustomEndpoints: true,
		customBaseUrl: sandbox.url,
		customTokenUrl: sandbox.tokenUrl,
	};
}

module.exports = {
	PACKAGE_ROOT,
	exec,
	freePort,
	buildAndPack,
	createN8nInstance,
	createBaseFolder,
	parseJsonOutput,
	nodeOutput,
	runError,
	prepare,
	cleanup,
	sandboxAmazonCredential,
};
