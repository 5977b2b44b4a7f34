/**
 * Where the sandbox finds the project root and Amazon's model files, whether it runs from the
 * TypeScript sources (jest) or from the compiled `.sandbox-build/` output.
 */
import fs from 'node:fs';
import path from 'node:path';

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
		if (parent === dir) throw new Error(`Could not find the ${PACKAGE_NAME} project root above ${from}`);
		dir = parent;
	}
}

/**
 * Amazon's official models: the `modelsDir` option, else $SANDBOX_AMAZON_MODELS_DIR, else
 * `../shared/amazon-models` next to the project root.
 */
export function amazonModelsDir(override?: string): string {
	if (override) return path.resolve(override);
	const fromEnv = process.env.SANDBOX_AMAZON_MODELS_DIR;
	if (fromEnv) return path.resolve(fromEnv);
	return path.resolve(projectRoot(), '..', 'shared', 'amazon-models');
}
