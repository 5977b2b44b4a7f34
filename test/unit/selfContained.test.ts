/**
 * The repository stands alone: the models and schemas it is built and tested against are in
 * `schemas/`, with their source and licence, and no code points outside the repository for them.
 * (.ci/run also runs everything in a copy that has nothing beside it.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { readSchemaText, schemasDir } from '../../sandbox/paths';

const ROOT = path.resolve(__dirname, '../..');

function filesUnder(dir: string, out: string[] = []): string[] {
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		if (
			['node_modules', 'dist', '.sandbox-build', '.n8n-e2e', 'schemas', '.git'].includes(entry.name)
		)
			continue;
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) filesUnder(full, out);
		else if (/\.(ts|js|mjs|json|md)$/.test(entry.name) || entry.name === 'run') out.push(full);
	}
	return out;
}

describe('a fresh clone works on its own', () => {
	it('no file outside schemas/ points at a folder beside the repository', () => {
		const outside = new RegExp(
			[
				String.raw`\.\.\/shared\/(amazon-models|shopify-admin-schema|magento-schema|research|seeds)`,
				String.raw`'\.\.',\s*'shared'`,
				String.raw`shared\/research\/`,
			].join('|'),
		);
		const offenders = filesUnder(ROOT)
			.filter((f) => !f.endsWith('package-lock.json') && f !== __filename)
			.filter((f) => outside.test(fs.readFileSync(f, 'utf8')))
			.map((f) => path.relative(ROOT, f));
		expect(offenders).toEqual([]);
	});

	it('each schemas/ folder carries its source, and the Apache-2.0 ones their licence', () => {
		for (const dir of ['amazon', 'shopify', 'magento'])
			expect(fs.existsSync(path.join(schemasDir(), dir, 'SOURCE.md'))).toBe(true);
		for (const file of ['amazon/LICENSE', 'amazon/NOTICE', 'magento/LICENSE'])
			expect(fs.existsSync(path.join(schemasDir(), file))).toBe(true);
	});

	it('reads a compressed schema by the name of the plain file', () => {
		const sdl = readSchemaText(path.join(schemasDir(), 'shopify', 'admin-2026-07.schema.graphql'));
		expect(sdl.startsWith('# Shopify Admin GraphQL 2026-07')).toBe(true);
		const magento = JSON.parse(
			readSchemaText(path.join(schemasDir(), 'magento', 'admin-schema-2.4.9.json')),
		) as { info: { version: string } };
		expect(magento.info.version).toBe('2.4.9');
		expect(() => readSchemaText(path.join(schemasDir(), 'nothing.json'))).toThrow(
			'Schema file not found',
		);
	});

	it('the npm package holds dist/ and workflows/ only, not the schemas', () => {
		const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
			files: string[];
		};
		expect(pkg.files).toEqual(['dist', 'workflows']);
	});
});
