/**
 * Where the sandbox finds the project root and the official models and schemas in `schemas/`
 * (see schemas/README.md), whether it runs from the TypeScript sources (jest) or from the compiled
 * `.sandbox-build/` output.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const PACKAGE_NAME = 'n8n-nodes-amazon-vendor-central';

/** The directory holding this project's package.json, searched upwards from `from`. */
export function projectRoot(from: string = __dirname): string {
	let dir = path.resolve(from);
	for (;;) {
		const candidate = path.join(dir, 'package.json');
		if (fs.existsSync(candidate)) {
			try {
				const pkg = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string };
				if (pkg.name === PACKAGE_NAME) return dir;
			} catch {
				// not ours; keep looking
			}
		}
		const parent = path.dirname(dir);
		if (parent === dir)
			throw new Error(`Could not find the ${PACKAGE_NAME} project root above ${from}`);
		dir = parent;
	}
}

/** The repository's `schemas/` folder: Amazon's models, Shopify's and Adobe's schemas. */
export function schemasDir(): string {
	return path.join(projectRoot(), 'schemas');
}

/**
 * Amazon's official models: the `modelsDir` option, else $SANDBOX_AMAZON_MODELS_DIR, else
 * `schemas/amazon` in the repository.
 */
export function amazonModelsDir(override?: string): string {
	if (override) return path.resolve(override);
	const fromEnv = process.env.SANDBOX_AMAZON_MODELS_DIR;
	if (fromEnv) return path.resolve(fromEnv);
	return path.join(schemasDir(), 'amazon');
}

/**
 * The text of a schema file. `file` may name the plain file or its `.gz` copy: whichever exists is
 * read, the plain one first; a `.gz` file is decompressed.
 */
export function readSchemaText(file: string): string {
	const plain = file.endsWith('.gz') ? file.slice(0, -3) : file;
	if (fs.existsSync(plain)) return fs.readFileSync(plain, 'utf8');
	const gz = `${plain}.gz`;
	if (fs.existsSync(gz)) return zlib.gunzipSync(fs.readFileSync(gz)).toString('utf8');
	throw new Error(`Schema file not found: ${plain} (nor ${path.basename(gz)})`);
}

/** Whether `file` or its `.gz` copy exists. */
export function schemaFileExists(file: string): boolean {
	const plain = file.endsWith('.gz') ? file.slice(0, -3) : file;
	return fs.existsSync(plain) || fs.existsSync(`${plain}.gz`);
}
