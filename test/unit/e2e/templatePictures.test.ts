/**
 * Every template of workflows/ has its picture in docs/images/ (written by `node e2e/screenshots.js`,
 * part of `npm run test:e2e`), and workflows/README.md shows it in the template's row.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import * as fs from 'node:fs';
import * as path from 'node:path';

const { viewportFor } = require('../../../e2e/screenshots');

const root = path.join(__dirname, '../../..');
const templates = fs
	.readdirSync(path.join(root, 'workflows'))
	.filter((f) => f.endsWith('.json'))
	.map((f) => path.basename(f, '.json'))
	.sort();
const readme = fs.readFileSync(path.join(root, 'workflows', 'README.md'), 'utf8');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('template pictures', () => {
	it.each(templates)('%s: docs/images/<template>.png is a PNG', (name) => {
		const file = path.join(root, 'docs', 'images', `${name}.png`);
		expect(fs.existsSync(file)).toBe(true);
		expect(fs.readFileSync(file).subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
	});

	it.each(templates)('%s: the README row of the template shows its picture', (name) => {
		const row = readme.split('\n').find((l) => l.startsWith(`| \`${name}.json\` |`));
		expect(row).toContain(`<img src="../docs/images/${name}.png"`);
	});

	it('no picture is left for a template that is gone', () => {
		const pictures = fs
			.readdirSync(path.join(root, 'docs', 'images'))
			.filter((f) => f.endsWith('.png'))
			.map((f) => path.basename(f, '.png'));
		expect(pictures.filter((p) => !templates.includes(p))).toEqual([]);
	});

	it('the viewport follows the workflow size, within 1280 x 720 and 3840 x 2400', () => {
		const at = (x: number, y: number) => ({ type: 'n8n-nodes-base.set', position: [x, y] });
		expect(viewportFor({ nodes: [at(0, 0)] })).toEqual({ width: 1280, height: 720 });
		expect(viewportFor({ nodes: [at(0, 0), at(2000, 1000)] })).toEqual({
			width: Math.round(2096 * 0.8 + 320),
			height: Math.round(1140 * 0.8 + 320),
		});
		expect(viewportFor({ nodes: [at(0, 0), at(9000, 9000)] })).toEqual({
			width: 3840,
			height: 2400,
		});
	});
});
