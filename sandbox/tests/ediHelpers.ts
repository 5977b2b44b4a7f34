/**
 * Helpers of the EDI tests: a sandbox with its SFTP mailbox, a real ssh2 SFTP client, the fixture
 * documents of fixtures/edi/ and node-x12 (an independent parser) to read what Amazon writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { X12Parser } from 'node-x12';
import { Client, type SFTPWrapper } from 'ssh2';
import type { SftpAccess } from '../server';
import { startTestSandbox, type TestSandbox } from './helpers';

export const PO = '2JK3S9VC';

/** Purchase order 2JK3S9VC of the sandbox README's seed (vendor API01). */
export const SEED_ORDER = {
	purchaseOrderNumber: PO,
	purchaseOrderState: 'New',
	orderDetails: {
		purchaseOrderDate: '2026-03-02T09:15:00Z',
		purchaseOrderStateChangedDate: '2026-03-02T09:15:00Z',
		purchaseOrderType: 'RegularOrder',
		paymentMethod: 'Invoice',
		buyingParty: { partyId: 'AMZN' },
		sellingParty: { partyId: 'API01' },
		shipToParty: { partyId: 'ABE2' },
		billToParty: { partyId: 'AMZN' },
		deliveryWindow: '2026-03-09T07:00:00Z--2026-03-13T07:00:00Z',
		items: [
			{
				itemSequenceNumber: '1',
				amazonProductIdentifier: 'B07DFVDRAB',
				vendorProductIdentifier: '8806098286500',
				orderedQuantity: { amount: 12, unitOfMeasure: 'Eaches', unitSize: 1 },
				isBackOrderAllowed: false,
				netCost: { currencyCode: 'USD', amount: '14.50' },
				listPrice: { currencyCode: 'USD', amount: '24.99' },
			},
			{
				itemSequenceNumber: '2',
				amazonProductIdentifier: 'B01LNRIIAB',
				vendorProductIdentifier: 'SKU-CASE-6',
				orderedQuantity: { amount: 4, unitOfMeasure: 'Cases', unitSize: 6 },
				isBackOrderAllowed: true,
				netCost: { currencyCode: 'USD', amount: '3.20' },
			},
		],
	},
};

export const PARTNER = { vendorCode: 'API01', qualifier: 'ZZ', id: 'VENDOR01' };

export function fixture(name: string): string {
	return fs.readFileSync(path.join(__dirname, 'fixtures', 'edi', name), 'utf8');
}

/** The same interchange with another ISA13 / IEA02 (and GS06 / GE02). */
export function withControlNumber(text: string, n: number): string {
	const isa13 = String(n).padStart(9, '0');
	return text
		.replace(/^(ISA(?:\*[^*]*){12}\*)\d{9}/, `$1${isa13}`)
		.replace(/IEA\*(\d+)\*\d{9}/, `IEA*$1*${isa13}`)
		.replace(/(GS(?:\*[^*~]*){5}\*)\d+/, `$1${n}`)
		.replace(/GE\*(\d+)\*\d+/, `GE*$1*${n}`);
}

export interface Sftp {
	list(dir: string): Promise<string[]>;
	read(file: string): Promise<string>;
	write(file: string, text: string): Promise<void>;
	remove(file: string): Promise<void>;
	rename(from: string, to: string): Promise<void>;
	mkdir(dir: string): Promise<void>;
	stat(file: string): Promise<{ size: number; isDirectory: boolean }>;
	/** A download in parallel chunks to a local file (ssh2's fastGet: stat, then concurrent reads). */
	fastGet(file: string, localPath: string): Promise<void>;
	end(): void;
}

const done =
	<T>(resolve: (v: T) => void, reject: (e: Error) => void) =>
	(err: Error | null | undefined, value?: T) =>
		err ? reject(err) : resolve(value as T);

export async function connectSftp(access: SftpAccess, password = access.password): Promise<Sftp> {
	const client = new Client();
	await new Promise<void>((resolve, reject) => {
		client.once('ready', () => {
			client.setNoDelay(true);
			resolve();
		});
		client.once('error', reject);
		// As n8n's FTP node connects in SFTP mode (ssh2-sftp-client): zlib compression preferred.
		client.connect({
			host: access.host,
			port: access.port,
			username: access.username,
			password,
			algorithms: { compress: ['zlib@openssh.com', 'zlib', 'none'] },
		});
	});
	const sftp = await new Promise<SFTPWrapper>((resolve, reject) =>
		client.sftp(done(resolve, reject)),
	);
	const call = <T>(run: (cb: (err: Error | null | undefined, value?: T) => void) => void) =>
		new Promise<T>((resolve, reject) => run(done(resolve, reject)));
	return {
		list: async (dir) =>
			(await call<Array<{ filename: string }>>((cb) => sftp.readdir(dir, cb)))
				.map((e) => e.filename)
				.sort(),
		read: async (file) => (await call<Buffer>((cb) => sftp.readFile(file, cb))).toString('utf8'),
		write: (file, text) => call<void>((cb) => sftp.writeFile(file, text, cb)),
		remove: (file) => call<void>((cb) => sftp.unlink(file, cb)),
		rename: (from, to) => call<void>((cb) => sftp.rename(from, to, cb)),
		mkdir: (dir) => call<void>((cb) => sftp.mkdir(dir, cb)),
		stat: async (file) => {
			const s = await call<{ size: number; isDirectory(): boolean }>((cb) => sftp.stat(file, cb));
			return { size: s.size, isDirectory: s.isDirectory() };
		},
		fastGet: (file, localPath) =>
			call<void>((cb) => sftp.fastGet(file, localPath, { concurrency: 4, chunkSize: 64 }, cb)),
		end: () => client.end(),
	};
}

/** A sandbox with the SFTP mailbox, partner VENDOR01 for API01 and purchase order 2JK3S9VC. */
export async function startEdiSandbox(): Promise<TestSandbox> {
	const sandbox = await startTestSandbox({ sftpPort: 0, transactionProcessingMs: 0 });
	sandbox.control.seed({
		amazon: { purchaseOrders: [SEED_ORDER as never] },
		edi: { partners: [PARTNER] },
	});
	return sandbox;
}

/** The segments of an interchange as node-x12 reads it in strict mode: [tag, ...values]. */
export function segmentsOf(text: string): string[][] {
	const parsed = new X12Parser(true).parse(text) as any;
	const values = (seg: any) => [seg.tag, ...seg.elements.map((e: any) => e.value)];
	const out: string[][] = [values(parsed.header)];
	for (const g of parsed.functionalGroups) {
		out.push(values(g.header));
		for (const t of g.transactions)
			out.push(values(t.header), ...t.segments.map(values), values(t.trailer));
		out.push(values(g.trailer));
	}
	out.push(values(parsed.trailer));
	return out;
}

/** The segments of a 997 (or TA1) with the given ids, in order. */
export function pick(text: string, ...ids: string[]): string[][] {
	const all = text
		.split('~')
		.filter(Boolean)
		.map((s) => s.trim().split('*'));
	return all.filter((s) => ids.includes(s[0]));
}
