/**
 * `npm run sandbox`: starts the sandbox and prints its URL and the seeded credentials.
 *
 * Options (flags win over environment variables):
 *   --port <n>             SANDBOX_PORT               default 4010 (0 = any free port)
 *   --sftp-port <n>        SANDBOX_SFTP_PORT          start the EDI mailbox's SFTP server on this
 *                                                    port (0 = any free port); default none
 *   --host <h>             SANDBOX_HOST               default 127.0.0.1
 *   --transaction-ms <n>   SANDBOX_TRANSACTION_MS     default 2000
 *   --token-lifetime <s>   SANDBOX_TOKEN_LIFETIME     default 3600
 *   --seed <file.json>     SANDBOX_SEED               a seed file (the POST /__sandbox/seed body)
 *   --fixtures                                        also seed Amazon's sandbox example orders
 *   --no-rate-limits                                  turn the usage-plan buckets off
 *   --models-dir <dir>     SANDBOX_AMAZON_MODELS_DIR  Amazon's model files
 */
import fs from 'node:fs';
import { startSandbox, type SandboxHandle, type SandboxOptions } from './server';
import type { SandboxSeed } from './control';

export function parseArgs(argv: string[]): Record<string, string | true> {
	const out: Record<string, string | true> = {};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (!arg.startsWith('--')) throw new Error(`Unexpected argument ${arg}`);
		const [name, inline] = arg.slice(2).split('=', 2);
		if (inline !== undefined) out[name] = inline;
		else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) out[name] = argv[++i];
		else out[name] = true;
	}
	return out;
}

function numberOption(value: string | true | undefined, name: string): number | undefined {
	if (value === undefined) return undefined;
	const n = Number(value);
	if (value === true || !Number.isFinite(n) || n < 0)
		throw new Error(`--${name} needs a number >= 0`);
	return n;
}

/** The sandbox's options from the command line's flags, else the environment variables. */
export function sandboxOptions(
	args: Record<string, string | true>,
	env: NodeJS.ProcessEnv = {},
): SandboxOptions {
	const pick = (flag: string, envName: string) => args[flag] ?? env[envName];
	const seedFile = pick('seed', 'SANDBOX_SEED');
	let seed: SandboxSeed = {};
	if (typeof seedFile === 'string')
		seed = JSON.parse(fs.readFileSync(seedFile, 'utf8')) as SandboxSeed;
	if (args.fixtures)
		seed = { ...seed, amazon: { ...(seed.amazon ?? {}), loadAmazonFixtures: true } };
	const modelsDir = pick('models-dir', 'SANDBOX_AMAZON_MODELS_DIR');
	const sftpPort = numberOption(pick('sftp-port', 'SANDBOX_SFTP_PORT'), 'sftp-port');
	return {
		port: numberOption(pick('port', 'SANDBOX_PORT'), 'port') ?? 4010,
		host:
			typeof pick('host', 'SANDBOX_HOST') === 'string'
				? (pick('host', 'SANDBOX_HOST') as string)
				: '127.0.0.1',
		transactionProcessingMs:
			numberOption(pick('transaction-ms', 'SANDBOX_TRANSACTION_MS'), 'transaction-ms') ?? 2000,
		tokenLifetimeSeconds:
			numberOption(pick('token-lifetime', 'SANDBOX_TOKEN_LIFETIME'), 'token-lifetime') ?? 3600,
		rateLimits: !args['no-rate-limits'],
		modelsDir: typeof modelsDir === 'string' ? modelsDir : undefined,
		seed,
		...(sftpPort !== undefined ? { sftpPort } : {}),
	};
}

/** What the CLI prints once the sandbox listens: its addresses and the credentials to use. */
export function startupText(sandbox: SandboxHandle, options: SandboxOptions): string {
	const creds = sandbox.control.credentials();
	const orders = (sandbox.control.state().amazon as { purchaseOrders: unknown[] }).purchaseOrders
		.length;
	const sftp = sandbox.sftp
		? [
				'',
				'Amazon EDI mailbox (SFTP, password login; see sandbox/README.md):',
				`  SFTP host         ${sandbox.sftp.host}`,
				`  SFTP port         ${sandbox.sftp.port}`,
				`  Username          ${sandbox.sftp.username}`,
				`  Password          ${sandbox.sftp.password}`,
				'  Folders           /inbound (Amazon to you), /outbound (you to Amazon)',
			]
		: [];
	return [
		`Vendor Central sandbox listening on ${sandbox.url}`,
		'',
		'Amazon (use "custom endpoints" in the credential):',
		`  SP-API base URL   ${sandbox.url}`,
		`  LWA token URL     ${sandbox.tokenUrl}`,
		`  Client ID         ${creds.clientId}`,
		`  Client secret     ${creds.clientSecret}`,
		`  Refresh token     ${creds.refreshToken}`,
		`  Vendor code       ${creds.vendorCode}`,
		`  Purchase orders   ${orders} seeded`,
		...sftp,
		'',
		`Shopify             ${sandbox.url}/admin/api/2026-04/graphql.json ` +
			`(credential values: GET ${sandbox.url}/__sandbox/shopify)`,
		`Magento 2           ${sandbox.url}/rest/default/V1 (credential values: GET ${sandbox.url}/__sandbox/magento)`,
		`Supercycle          ${sandbox.url}/api/v1 (see sandbox/supercycle/README.md)`,
		`Control API         ${sandbox.url}/__sandbox (see sandbox/README.md)`,
		`Transactions take ${options.transactionProcessingMs} ms; ` +
			`access tokens last ${options.tokenLifetimeSeconds} s. Ctrl-C stops.`,
		'',
	].join('\n');
}

async function main(): Promise<void> {
	const options = sandboxOptions(parseArgs(process.argv.slice(2)), process.env);
	const sandbox = await startSandbox(options);
	process.stdout.write(startupText(sandbox, options));
	const stop = () => {
		void sandbox.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

if (require.main === module)
	main().catch((e: unknown) => {
		process.stderr.write(`sandbox: ${(e as Error).message}\n`);
		process.exit(1);
	});
