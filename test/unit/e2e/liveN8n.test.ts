/**
 * e2e/liveN8n.js: an `n8n start` that never gets ready is stopped, not left running.
 * A stand-in for n8n (a Node script that writes its pid and then waits) plays the process that
 * never answers /healthz/readiness.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startLiveN8n } = require('../../../e2e/liveN8n');

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

describe('startLiveN8n', () => {
	it('stops an n8n that does not get ready in time, and says so', async () => {
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'avc-live-test-'));
		const pidFile = path.join(folder, 'pid');
		const fake = path.join(folder, 'fake-n8n.js');
		fs.writeFileSync(
			fake,
			`require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid));\n` +
				'setInterval(() => {}, 1000);\n',
		);
		const instance = {
			nodeBin: process.execPath,
			n8nBin: fake,
			userFolder: folder,
			env: { ...process.env, N8N_PORT: String(await freePort()) },
		};
		try {
			await expect(startLiveN8n(instance, { readyTimeoutMs: 5000 })).rejects.toThrow(
				/did not become ready in 5 s/,
			);
			const pid = Number(fs.readFileSync(pidFile, 'utf8'));
			expect(pid).toBeGreaterThan(0);
			expect(isRunning(pid)).toBe(false);
		} finally {
			fs.rmSync(folder, { recursive: true, force: true });
		}
	}, 20_000);
});
