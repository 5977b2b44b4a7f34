/**
 * A real SFTP server (the ssh2 package) on loopback over the in-memory mailbox: password login,
 * and the requests an SFTP client such as ssh2-sftp-client (n8n's FTP node in SFTP mode) makes to
 * list, download, upload, delete, rename, create directories and stat. The host key is generated
 * at start (ECDSA P-256, node:crypto); no key file exists.
 */
import { generateKeyPairSync, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Server, utils, type Attributes, type Connection, type SFTPWrapper } from 'ssh2';
import { Mailbox, MailboxError, normalisePath, type MailboxFile } from './mailbox';

const { STATUS_CODE, OPEN_MODE } = utils.sftp;

export interface SftpLogin {
	username: string;
	password: string;
}

export interface SftpServerOptions {
	host: string;
	port: number;
	mailbox: Mailbox;
	/** The current login (read at each attempt, so a seed may change it). */
	login: () => SftpLogin;
	/** Runs before every SFTP request (the sandbox settles due transactions and writes due files). */
	beforeRequest?: () => void;
	/** A file written over SFTP was closed (its upload is complete), or renamed to this path. */
	onFileClosed?: (path: string) => void;
}

export interface SftpServerHandle {
	host: string;
	port: number;
	close(): Promise<void>;
}

type Handle =
	| { kind: 'file'; path: string; write: boolean }
	| { kind: 'dir'; path: string; done: boolean };

function sameText(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

function fileAttrs(file: MailboxFile): Attributes {
	return {
		mode: 0o100644,
		uid: 1000,
		gid: 1000,
		size: file.data.length,
		atime: file.mtime,
		mtime: file.mtime,
	};
}

function dirAttrs(mtime: number): Attributes {
	return { mode: 0o040755, uid: 1000, gid: 1000, size: 4096, atime: mtime, mtime };
}

/** An `ls -l` line: clients such as ssh2-sftp-client read the entry type from its first character. */
function longname(name: string, attrs: Attributes): string {
	const dir = (attrs.mode & 0o040000) !== 0;
	const date = new Date(attrs.mtime * 1000).toUTCString().slice(8, 22);
	return `${dir ? 'drwxr-xr-x' : '-rw-r--r--'} 1 vendor vendor ${String(attrs.size).padStart(8)} ${date} ${name}`;
}

function statusOf(e: unknown): number {
	if (e instanceof MailboxError)
		return e.code === 'noSuchFile' ? STATUS_CODE.NO_SUCH_FILE : STATUS_CODE.FAILURE;
	return STATUS_CODE.FAILURE;
}

class SftpSession {
	private handles = new Map<number, Handle>();

	private nextHandle = 1;

	constructor(
		private readonly sftp: SFTPWrapper,
		private readonly options: SftpServerOptions,
	) {}

	private get mailbox(): Mailbox {
		return this.options.mailbox;
	}

	private now(): number {
		return Math.floor(Date.now() / 1000);
	}

	private handle(buffer: Buffer): Handle | undefined {
		return buffer.length === 4 ? this.handles.get(buffer.readUInt32BE(0)) : undefined;
	}

	private open(h: Handle): Buffer {
		const id = this.nextHandle++;
		this.handles.set(id, h);
		const b = Buffer.alloc(4);
		b.writeUInt32BE(id, 0);
		return b;
	}

	private attrsAt(p: string): Attributes | undefined {
		if (this.mailbox.isDirectory(p)) return dirAttrs(this.now());
		const f = this.mailbox.file(p);
		return f ? fileAttrs(f) : undefined;
	}

	/** Runs a request; a MailboxError becomes its SFTP status. */
	private run(reqid: number, action: () => void): void {
		try {
			this.options.beforeRequest?.();
			action();
		} catch (e) {
			this.sftp.status(reqid, statusOf(e), (e as Error).message);
		}
	}

	attach(): void {
		const s = this.sftp;
		s.on('REALPATH', (reqid, p) =>
			this.run(reqid, () => {
				const at = normalisePath(p);
				s.name(reqid, [{ filename: at, longname: at, attrs: dirAttrs(this.now()) }]);
			}),
		);
		const stat = (reqid: number, p: string) =>
			this.run(reqid, () => {
				const attrs = this.attrsAt(p);
				if (attrs) s.attrs(reqid, attrs);
				else s.status(reqid, STATUS_CODE.NO_SUCH_FILE, `No such file: ${normalisePath(p)}`);
			});
		s.on('STAT', stat);
		s.on('LSTAT', stat);
		s.on('FSTAT', (reqid, buffer) =>
			this.run(reqid, () => {
				const h = this.handle(buffer);
				const attrs = h && this.attrsAt(h.path);
				if (attrs) s.attrs(reqid, attrs);
				else s.status(reqid, STATUS_CODE.FAILURE, 'Invalid handle');
			}),
		);
		s.on('SETSTAT', (reqid) => this.run(reqid, () => s.status(reqid, STATUS_CODE.OK)));
		s.on('FSETSTAT', (reqid) => this.run(reqid, () => s.status(reqid, STATUS_CODE.OK)));
		s.on('OPENDIR', (reqid, p) =>
			this.run(reqid, () => {
				this.mailbox.list(p);
				s.handle(reqid, this.open({ kind: 'dir', path: normalisePath(p), done: false }));
			}),
		);
		s.on('READDIR', (reqid, buffer) =>
			this.run(reqid, () => {
				const h = this.handle(buffer);
				if (!h || h.kind !== 'dir')
					return void s.status(reqid, STATUS_CODE.FAILURE, 'Invalid handle');
				if (h.done) return void s.status(reqid, STATUS_CODE.EOF);
				h.done = true;
				const names = this.mailbox.list(h.path).map((entry) => {
					const attrs = entry.file ? fileAttrs(entry.file) : dirAttrs(this.now());
					return { filename: entry.name, longname: longname(entry.name, attrs), attrs };
				});
				if (!names.length) return void s.status(reqid, STATUS_CODE.EOF);
				s.name(reqid, names);
			}),
		);
		this.attachFiles();
		this.attachChanges();
	}

	private attachFiles(): void {
		const s = this.sftp;
		s.on('OPEN', (reqid, p, flags) =>
			this.run(reqid, () => {
				const at = normalisePath(p);
				const write = (flags & (OPEN_MODE.WRITE | OPEN_MODE.APPEND)) !== 0;
				const existing = this.mailbox.file(at);
				if (!write) {
					if (!existing)
						return void s.status(reqid, STATUS_CODE.NO_SUCH_FILE, `No such file: ${at}`);
					return void s.handle(reqid, this.open({ kind: 'file', path: at, write: false }));
				}
				if (existing && flags & OPEN_MODE.EXCL)
					return void s.status(reqid, STATUS_CODE.FAILURE, `${at} already exists`);
				if (!existing && !(flags & OPEN_MODE.CREAT))
					return void s.status(reqid, STATUS_CODE.NO_SUCH_FILE, `No such file: ${at}`);
				const keep = existing && !(flags & OPEN_MODE.TRUNC);
				this.mailbox.write(at, keep ? existing.data : Buffer.alloc(0));
				s.handle(reqid, this.open({ kind: 'file', path: at, write: true }));
			}),
		);
		s.on('READ', (reqid, buffer, offset, length) =>
			this.run(reqid, () => {
				const h = this.handle(buffer);
				const file = h?.kind === 'file' ? this.mailbox.file(h.path) : undefined;
				if (!file) return void s.status(reqid, STATUS_CODE.FAILURE, 'Invalid handle');
				if (offset >= file.data.length) return void s.status(reqid, STATUS_CODE.EOF);
				s.data(reqid, file.data.subarray(offset, Math.min(file.data.length, offset + length)));
			}),
		);
		s.on('WRITE', (reqid, buffer, offset, data) =>
			this.run(reqid, () => {
				const h = this.handle(buffer);
				const file = h?.kind === 'file' && h.write ? this.mailbox.file(h.path) : undefined;
				if (!h || !file) return void s.status(reqid, STATUS_CODE.FAILURE, 'Invalid handle');
				const size = Math.max(file.data.length, offset + data.length);
				const next = Buffer.alloc(size);
				file.data.copy(next);
				data.copy(next, offset);
				this.mailbox.write(h.path, next);
				s.status(reqid, STATUS_CODE.OK);
			}),
		);
		s.on('CLOSE', (reqid, buffer) =>
			this.run(reqid, () => {
				const h = this.handle(buffer);
				if (!h) return void s.status(reqid, STATUS_CODE.FAILURE, 'Invalid handle');
				this.handles.delete(buffer.readUInt32BE(0));
				s.status(reqid, STATUS_CODE.OK);
				if (h.kind === 'file' && h.write) this.options.onFileClosed?.(h.path);
			}),
		);
	}

	private attachChanges(): void {
		const s = this.sftp;
		const ok = (reqid: number) => s.status(reqid, STATUS_CODE.OK);
		s.on('REMOVE', (reqid, p) => this.run(reqid, () => (this.mailbox.remove(p), ok(reqid))));
		s.on('MKDIR', (reqid, p) => this.run(reqid, () => (this.mailbox.mkdir(p), ok(reqid))));
		s.on('RMDIR', (reqid, p) => this.run(reqid, () => (this.mailbox.rmdir(p), ok(reqid))));
		s.on('RENAME', (reqid, from, to) =>
			this.run(reqid, () => {
				this.mailbox.rename(from, to);
				ok(reqid);
				if (this.mailbox.file(to)) this.options.onFileClosed?.(normalisePath(to));
			}),
		);
	}
}

/** A PEM host key made now: ECDSA P-256 in SEC1 form, which ssh2 reads. */
function hostKey(): string {
	const { privateKey } = generateKeyPairSync('ec', {
		namedCurve: 'prime256v1',
		privateKeyEncoding: { type: 'sec1', format: 'pem' },
		publicKeyEncoding: { type: 'spki', format: 'pem' },
	});
	return privateKey;
}

export async function startSftpServer(options: SftpServerOptions): Promise<SftpServerHandle> {
	const clients = new Set<Connection>();
	const server = new Server({ hostKeys: [hostKey()] }, (client) => {
		clients.add(client);
		// Answers go out at once (without it each SFTP reply waits on Nagle's algorithm, ~40 ms).
		// ssh2's server connection has setNoDelay; @types/ssh2 1.15 declares it on Client only.
		(client as Connection & { setNoDelay(noDelay: boolean): void }).setNoDelay(true);
		client.on('close', () => clients.delete(client));
		client.on('authentication', (ctx) => {
			const login = options.login();
			if (
				ctx.method === 'password' &&
				sameText(ctx.username, login.username) &&
				sameText(ctx.password, login.password)
			)
				return ctx.accept();
			ctx.reject(['password']);
		});
		client.on('ready', () => {
			client.on('session', (accept) => {
				const session = accept();
				session.on('sftp', (acceptSftp) => new SftpSession(acceptSftp(), options).attach());
			});
		});
		client.on('error', () => undefined);
	});
	const address = await new Promise<AddressInfo>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, options.host, () => {
			server.off('error', reject);
			resolve(server.address() as AddressInfo);
		});
	});
	return {
		host: options.host,
		port: address.port,
		close: () =>
			new Promise<void>((resolve) => {
				for (const client of clients) client.end();
				server.close(() => resolve());
			}),
	};
}
