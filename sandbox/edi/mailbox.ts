/**
 * The in-memory file tree of the AS2 gateway's SFTP mailbox: `/inbound` (Amazon to the vendor:
 * 850, 860, 820, 997) and `/outbound` (the vendor to Amazon: 855, 856, 810, 846, 997). Paths are
 * absolute POSIX paths; directories are kept explicitly so that empty ones list.
 */
import path from 'node:path/posix';

export interface MailboxFile {
	data: Buffer;
	/** Epoch seconds. */
	mtime: number;
}

export class MailboxError extends Error {
	constructor(
		readonly code: 'noSuchFile' | 'exists' | 'notEmpty' | 'notADirectory',
		message: string,
	) {
		super(message);
	}
}

export const INBOUND = '/inbound';
export const OUTBOUND = '/outbound';

/** An absolute, normalised path ("inbound/a" and "/inbound/./a" both give "/inbound/a"). */
export function normalisePath(p: string): string {
	const joined = path.normalize(path.join('/', p || '.'));
	return joined.length > 1 && joined.endsWith('/') ? joined.slice(0, -1) : joined;
}

export class Mailbox {
	private files = new Map<string, MailboxFile>();

	private dirs = new Set<string>();

	constructor(private readonly nowSeconds: () => number) {
		this.clear();
	}

	clear(): void {
		this.files.clear();
		this.dirs = new Set(['/', INBOUND, OUTBOUND]);
	}

	isDirectory(p: string): boolean {
		return this.dirs.has(normalisePath(p));
	}

	file(p: string): MailboxFile | undefined {
		return this.files.get(normalisePath(p));
	}

	/** Writes (or replaces) a file; its directory must exist. */
	write(p: string, data: Buffer): void {
		const at = normalisePath(p);
		if (!this.dirs.has(path.dirname(at)))
			throw new MailboxError('noSuchFile', `No such directory: ${path.dirname(at)}`);
		if (this.dirs.has(at)) throw new MailboxError('exists', `${at} is a directory`);
		this.files.set(at, { data, mtime: Math.floor(this.nowSeconds()) });
	}

	remove(p: string): void {
		const at = normalisePath(p);
		if (!this.files.delete(at)) throw new MailboxError('noSuchFile', `No such file: ${at}`);
	}

	mkdir(p: string): void {
		const at = normalisePath(p);
		if (this.dirs.has(at) || this.files.has(at))
			throw new MailboxError('exists', `${at} already exists`);
		if (!this.dirs.has(path.dirname(at)))
			throw new MailboxError('noSuchFile', `No such directory: ${path.dirname(at)}`);
		this.dirs.add(at);
	}

	rmdir(p: string): void {
		const at = normalisePath(p);
		if (!this.dirs.has(at) || at === '/')
			throw new MailboxError('noSuchFile', `No such directory: ${at}`);
		if (this.list(at).length) throw new MailboxError('notEmpty', `${at} is not empty`);
		this.dirs.delete(at);
	}

	rename(from: string, to: string): void {
		const a = normalisePath(from);
		const b = normalisePath(to);
		if (this.files.has(b) || this.dirs.has(b))
			throw new MailboxError('exists', `${b} already exists`);
		if (!this.dirs.has(path.dirname(b)))
			throw new MailboxError('noSuchFile', `No such directory: ${path.dirname(b)}`);
		const file = this.files.get(a);
		if (file) {
			this.files.delete(a);
			this.files.set(b, file);
			return;
		}
		if (!this.dirs.has(a) || a === '/') throw new MailboxError('noSuchFile', `No such file: ${a}`);
		const moved = (x: string) => (x === a || x.startsWith(`${a}/`) ? b + x.slice(a.length) : x);
		this.dirs = new Set([...this.dirs].map(moved));
		this.files = new Map([...this.files].map(([k, v]) => [moved(k), v]));
	}

	/** The names directly in a directory, files and directories, sorted. */
	list(p: string): Array<{ name: string; directory: boolean; file?: MailboxFile }> {
		const at = normalisePath(p);
		if (!this.dirs.has(at)) {
			if (this.files.has(at)) throw new MailboxError('notADirectory', `${at} is not a directory`);
			throw new MailboxError('noSuchFile', `No such directory: ${at}`);
		}
		const entries: Array<{ name: string; directory: boolean; file?: MailboxFile }> = [];
		for (const d of this.dirs)
			if (d !== at && path.dirname(d) === at)
				entries.push({ name: path.basename(d), directory: true });
		for (const [f, file] of this.files)
			if (path.dirname(f) === at) entries.push({ name: path.basename(f), directory: false, file });
		return entries.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
	}

	/** Every file as { path, size }, for the state view. */
	summary(): Array<{ path: string; size: number }> {
		return [...this.files]
			.map(([p, f]) => ({ path: p, size: f.data.length }))
			.sort((x, y) => (x.path < y.path ? -1 : 1));
	}
}
