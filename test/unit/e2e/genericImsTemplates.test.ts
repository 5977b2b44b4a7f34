/**
 * Static checks of the generic IMS templates (workflows/generic-ims-*.json): every Execute Workflow
 * node calls a shipped IMS sub-workflow with exactly the typed inputs that sub-workflow declares,
 * the IMS is reached only through those sub-workflows (Postgres nodes only in the adapter), each
 * file meets the template targets of issue 16, and the SQL names only tables of the schema.
 * Running them against PostgreSQL is the generic-ims scenarios (e2e/scenarios/generic-ims-*.json).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface WorkflowNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { name?: string }>;
}
interface Workflow {
	id: string;
	name: string;
	nodes: WorkflowNode[];
}

const dir = path.join(__dirname, '../../../workflows');
const files = fs.readdirSync(dir).filter((f) => /^generic-ims-.*\.json$/.test(f));
const load = (f: string): Workflow => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
const workflows = files.map((f) => ({ file: f, json: load(f) }));
const TRIGGER = 'n8n-nodes-base.executeWorkflowTrigger';
const isAdapter = (w: Workflow) => w.nodes.some((n) => n.type === TRIGGER);
const adapters = workflows.filter((w) => isAdapter(w.json));
const mains = workflows.filter((w) => !isAdapter(w.json));
const schema = fs.readFileSync(path.join(dir, 'generic-ims', 'schema.sql'), 'utf8');

/** Every expression (a parameter text starting with "=") of a node, without the "=". */
function expressions(value: unknown): string[] {
	if (typeof value === 'string') return value.startsWith('=') ? [value.slice(1)] : [];
	if (value && typeof value === 'object') return Object.values(value).flatMap(expressions);
	return [];
}

describe('generic IMS templates', () => {
	it('ship the three main templates and the six IMS sub-workflows', () => {
		expect(mains.map((w) => w.file).sort()).toEqual([
			'generic-ims-change-orders.json',
			'generic-ims-po-intake.json',
			'generic-ims-shipping.json',
		]);
		expect(adapters).toHaveLength(6);
	});

	it.each(workflows.map((w) => [w.file, w.json] as const))(
		'%s meets the template targets',
		(_file, wf) => {
			const nodes = wf.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote');
			const all = nodes.flatMap((n) => expressions(n.parameters));
			expect(nodes.length).toBeLessThanOrEqual(25);
			expect(Math.max(0, ...all.map((e) => e.length))).toBeLessThanOrEqual(300);
			expect(all.reduce((t, e) => t + e.length, 0)).toBeLessThanOrEqual(3000);
			expect(nodes.filter((n) => n.type === 'n8n-nodes-base.code')).toEqual([]);
		},
	);

	it.each(mains.map((w) => [w.file, w.json] as const))(
		'%s: every IMS call goes to a shipped sub-workflow with its declared inputs',
		(_file, wf) => {
			const calls = wf.nodes.filter((n) => n.type === 'n8n-nodes-base.executeWorkflow');
			expect(calls.length).toBeGreaterThan(0);
			for (const call of calls) {
				const target = call.parameters.workflowId as { value: string; cachedResultName: string };
				const sub = adapters.find((a) => a.json.id === target.value);
				expect(sub?.json.name).toBe(target.cachedResultName);
				const trigger = sub!.json.nodes.find((n) => n.type === TRIGGER)!;
				const declared = (
					trigger.parameters.workflowInputs as { values: Array<{ name: string; type: string }> }
				).values;
				const mapping = call.parameters.workflowInputs as {
					value: Record<string, unknown>;
					schema: Array<{ id: string; type: string }>;
				};
				expect(mapping.schema.map((s) => [s.id, s.type])).toEqual(
					declared.map((d) => [d.name, d.type]),
				);
				expect(Object.keys(mapping.value).sort()).toEqual(declared.map((d) => d.name).sort());
			}
			// The IMS is reached only through the sub-workflows.
			expect(wf.nodes.filter((n) => n.type === 'n8n-nodes-base.postgres')).toEqual([]);
		},
	);

	it.each(adapters.map((w) => [w.file, w.json] as const))(
		'%s: typed inputs, Postgres with the IMS credential, tables of the schema',
		(_file, wf) => {
			const trigger = wf.nodes.find((n) => n.type === TRIGGER)!;
			expect(trigger.parameters.inputSource).toBe('workflowInputs');
			const queries = wf.nodes.filter((n) => n.type === 'n8n-nodes-base.postgres');
			expect(queries.length).toBeGreaterThan(0);
			for (const q of queries) {
				expect(q.credentials).toEqual({ postgres: { name: 'IMS PostgreSQL' } });
				const sql = String(q.parameters.query);
				expect(sql.startsWith('=')).toBe(false);
				for (const table of sql.match(/\bims_[a-z_]+/g) ?? [])
					expect(schema).toMatch(
						new RegExp(
							`CREATE (TABLE IF NOT EXISTS|OR REPLACE VIEW|SEQUENCE IF NOT EXISTS) ${table}\\b`,
						),
					);
			}
			const notes = wf.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote');
			expect(notes.some((n) => String(n.parameters.content).startsWith('## IMS adapter'))).toBe(
				true,
			);
		},
	);
});
