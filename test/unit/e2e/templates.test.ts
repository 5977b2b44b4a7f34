/**
 * Static checks of every template in workflows/: what n8n refuses on import (duplicate node ids
 * or names, connections to missing nodes) and the template conventions (stable id, credentials by
 * name only, templateCredsSetupCompleted false, no Code node, a Configuration node after the
 * trigger, Data Tables addressed by name). Running them is `npm run test:e2e`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id?: string; name?: string }>;
}
interface Workflow {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, { main?: Array<Array<{ node: string }> | null> }>;
	meta?: { templateCredsSetupCompleted?: boolean };
}

const dir = path.join(__dirname, '../../../workflows');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
const load = (f: string): Workflow => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));

describe('template workflows', () => {
	it('there are templates for the three platforms', () => {
		for (const f of [
			'setup-data-tables.json',
			'shopify-po-intake.json',
			'magento-po-intake.json',
			'shopify-supercycle-po-intake.json',
			'remittance-journal.json',
			'exception-queue.json',
		])
			expect(files).toContain(f);
	});

	it('workflow ids are 16 characters and distinct', () => {
		const ids = files.map((f) => load(f).id);
		expect(ids.every((id) => typeof id === 'string' && id.length === 16)).toBe(true);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it.each(files)('%s: node ids and names are unique, connections name existing nodes', (f) => {
		const wf = load(f);
		const ids = wf.nodes.map((n) => n.id);
		const names = wf.nodes.map((n) => n.name);
		expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
		expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
		const targets = Object.entries(wf.connections).flatMap(([from, c]) => [
			from,
			...(c.main ?? []).flatMap((out) => (out ?? []).map((t) => t.node)),
		]);
		expect(targets.filter((t) => !names.includes(t))).toEqual([]);
	});

	it.each(files)('%s: template conventions', (f) => {
		const wf = load(f);
		expect(wf.meta?.templateCredsSetupCompleted).toBe(false);
		for (const n of wf.nodes)
			for (const c of Object.values(n.credentials ?? {}))
				expect(c).toEqual({ name: expect.any(String) });
		expect(wf.nodes.filter((n) => n.type === 'n8n-nodes-base.code').map((n) => n.name)).toEqual([]);
		expect(
			wf.nodes.some((n) => n.name === 'Configuration' && n.type === 'n8n-nodes-base.set'),
		).toBe(true);
		expect(wf.nodes.some((n) => n.type === 'n8n-nodes-base.stickyNote')).toBe(true);
		for (const n of wf.nodes.filter(
			(x) => x.type === 'n8n-nodes-base.dataTable' && x.parameters.resource !== 'table',
		)) {
			// By name: a table of the package written in the node, or the Configuration's value.
			expect(n.parameters.dataTableId).toMatchObject({ mode: 'name' });
			const table = String((n.parameters.dataTableId as { value: unknown }).value);
			expect(/^(avc|ims)_[a-z_]+$/.test(table) || table.includes("$('Configuration')")).toBe(true);
		}
	});
});

describe('documents queued for EDI', () => {
	type Placed = WorkflowNode & { position: [number, number] };
	/** n8n's v1 order runs the children of a node top first (smallest y), then leftmost. */
	const runsBefore = (a: Placed, b: Placed) =>
		a.position[1] < b.position[1] ||
		(a.position[1] === b.position[1] && a.position[0] < b.position[0]);

	it('are queued before anything else the building node feeds records them as done', () => {
		let queues = 0;
		for (const f of files) {
			const wf = load(f) as Workflow & { nodes: Placed[] };
			const byName = new Map<string, Placed>(wf.nodes.map((n) => [n.name, n as Placed]));
			for (const [source, { main = [] }] of Object.entries(wf.connections)) {
				const children = main.flatMap((out) => out ?? []).map((c) => byName.get(c.node)!);
				for (const queue of children.filter((n) => / for EDI$/.test(n.name))) {
					queues++;
					for (const other of children.filter((n) => n !== queue))
						expect([f, source, queue.name, other.name, runsBefore(queue, other)]).toEqual([
							f,
							source,
							queue.name,
							other.name,
							true,
						]);
				}
			}
		}
		// Queue 855 (intake), Queue 856 and Queue 810 (shipping).
		expect(queues).toBe(3);
	});
});
