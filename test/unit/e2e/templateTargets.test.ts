/**
 * The template targets of issue 16 (item 2), checked on the templates that meet them: at most 25
 * nodes (sticky notes not counted), no expression longer than 300 characters, at most 3,000
 * expression characters in all (an expression is a parameter text starting with "=", counted after
 * it), no Code node, no sticky note over a node, no connection running right-to-left across more
 * than one node. Add a template to MEETING once it meets them; in the end it is every file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface WorkflowNode {
	name: string;
	type: string;
	position: [number, number];
	parameters: Record<string, unknown>;
}
interface Workflow {
	nodes: WorkflowNode[];
	connections: Record<string, { main?: Array<Array<{ node: string }> | null> }>;
}

const MEETING = [
	'exception-queue.json',
	'remittance-journal.json',
	'shopify-seed-mapping.json',
	'shopify-supercycle-po-intake.json',
	'supercycle-availability.json',
];

const STICKY = 'n8n-nodes-base.stickyNote';
/** n8n draws a node as a 100 x 100 box from its position. */
const NODE_SIZE = 100;
/** The horizontal distance between two neighbouring nodes in the templates. */
const COLUMN = 220;

const load = (file: string): Workflow =>
	JSON.parse(fs.readFileSync(path.join(__dirname, '../../../workflows', file), 'utf8'));

/** The length (after "=") of every expression in a node's parameters. */
function expressionLengths(value: unknown): number[] {
	if (typeof value === 'string') return value.startsWith('=') ? [value.length - 1] : [];
	if (value && typeof value === 'object') return Object.values(value).flatMap(expressionLengths);
	return [];
}

describe.each(MEETING)('%s meets the template targets', (file) => {
	const wf = load(file);
	const nodes = wf.nodes.filter((n) => n.type !== STICKY);
	const notes = wf.nodes.filter((n) => n.type === STICKY);

	it('has at most 25 nodes and no Code node', () => {
		expect(nodes.length).toBeLessThanOrEqual(25);
		expect(nodes.filter((n) => n.type === 'n8n-nodes-base.code').map((n) => n.name)).toEqual([]);
	});

	it('has no expression over 300 characters and at most 3,000 in all', () => {
		const lengths = nodes.map((n) => [n.name, expressionLengths(n.parameters)] as const);
		expect(lengths.filter(([, l]) => l.some((x) => x > 300)).map(([name]) => name)).toEqual([]);
		expect(lengths.flatMap(([, l]) => l).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(3000);
	});

	it('has no sticky note over a node', () => {
		const over = notes.flatMap((note) => {
			const [x, y] = note.position;
			const width = Number(note.parameters.width ?? 240);
			const height = Number(note.parameters.height ?? 160);
			return nodes
				.filter(({ position: [a] }) => a + NODE_SIZE > x && a < x + width)
				.filter(({ position: [, b] }) => b + NODE_SIZE > y && b < y + height)
				.map((n) => `${note.name} / ${n.name}`);
		});
		expect(over).toEqual([]);
	});

	it('has no connection running right-to-left across more than one node', () => {
		const at = Object.fromEntries(nodes.map((n) => [n.name, n.position[0]]));
		const back = Object.entries(wf.connections).flatMap(([from, c]) =>
			(c.main ?? [])
				.flatMap((out) => out ?? [])
				.filter((to) => at[from] - at[to.node] > COLUMN)
				.map((to) => `${from} -> ${to.node}`),
		);
		expect(back).toEqual([]);
	});

	it('explains its steps in sticky notes', () => {
		expect(notes.length).toBeGreaterThanOrEqual(3);
		for (const note of notes) expect(String(note.parameters.content).length).toBeGreaterThan(80);
	});
});
