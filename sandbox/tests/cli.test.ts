/**
 * `npm run sandbox` (sandbox/cli.ts): the options read from flags and environment variables, and
 * what it prints at start-up, with and without the EDI mailbox's SFTP server (--sftp-port).
 */
import { parseArgs, sandboxOptions, startupText } from '../cli';
import { startSandbox, type SandboxHandle } from '../server';
import { connectSftp } from './ediHelpers';

let sandbox: SandboxHandle | undefined;

afterEach(async () => {
	await sandbox?.close();
	sandbox = undefined;
});

describe('sandbox CLI options', () => {
	it('reads --sftp-port (0 = any free port), else SANDBOX_SFTP_PORT; no SFTP server without either', () => {
		expect(sandboxOptions(parseArgs(['--sftp-port', '0'])).sftpPort).toBe(0);
		expect(sandboxOptions(parseArgs(['--sftp-port=2222'])).sftpPort).toBe(2222);
		expect(sandboxOptions(parseArgs([]), { SANDBOX_SFTP_PORT: '2022' }).sftpPort).toBe(2022);
		expect(
			sandboxOptions(parseArgs(['--sftp-port', '0']), { SANDBOX_SFTP_PORT: '2022' }).sftpPort,
		).toBe(0);
		expect('sftpPort' in sandboxOptions(parseArgs(['--port', '0']))).toBe(false);
		expect(() => sandboxOptions(parseArgs(['--sftp-port']))).toThrow(
			'--sftp-port needs a number >= 0',
		);
		expect(() => sandboxOptions(parseArgs(['--sftp-port', '-1']))).toThrow(
			'--sftp-port needs a number >= 0',
		);
	});

	it('prints the SFTP host, port and login when the mailbox runs, and they log in', async () => {
		const options = sandboxOptions(
			parseArgs(['--port', '0', '--sftp-port', '0', '--transaction-ms', '0']),
		);
		sandbox = await startSandbox(options);
		const text = startupText(sandbox, options);
		expect(text).toContain(`Vendor Central sandbox listening on ${sandbox.url}`);
		expect(sandbox.sftp?.port).toBeGreaterThan(0);
		expect(text).toContain(`  SFTP host         127.0.0.1\n`);
		expect(text).toContain(`  SFTP port         ${sandbox.sftp!.port}\n`);
		expect(text).toContain('  Username          vendor\n');
		expect(text).toContain('  Password          sandbox-sftp-password\n');
		const sftp = await connectSftp(sandbox.sftp!);
		try {
			expect((await sftp.list('/inbound')).length).toBe(0);
		} finally {
			sftp.end();
		}
	});

	it('prints no SFTP lines without --sftp-port', async () => {
		const options = sandboxOptions(parseArgs(['--port', '0', '--transaction-ms', '0']));
		sandbox = await startSandbox(options);
		expect(sandbox.sftp).toBeUndefined();
		expect(startupText(sandbox, options)).not.toContain('SFTP');
	});
});
