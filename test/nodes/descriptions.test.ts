/**
 * What each node shows in the editor, as a snapshot: parameter names, defaults, options and display
 * rules are what the templates in workflows/ rely on, so a refactor of a node's files must leave its
 * description as it is. A change meant to alter a description updates the snapshot
 * (`npx jest test/nodes/descriptions.test.ts -u`) and says why in its commit.
 */
import type { INodeType } from 'n8n-workflow';
import * as packageJson from '../../package.json';

const nodePaths = packageJson.n8n.nodes.map((p: string) =>
	p.replace(/^dist\//, '../../').replace(/\.js$/, ''),
);

describe('node descriptions', () => {
	it.each(nodePaths)('%s is unchanged', async (modulePath) => {
		const className = modulePath
			.split('/')
			.pop()!
			.replace(/\.node$/, '');
		const loaded = (await import(modulePath)) as Record<string, new () => INodeType>;
		const node = new loaded[className]();
		expect(JSON.parse(JSON.stringify(node.description))).toMatchSnapshot();
	});
});
