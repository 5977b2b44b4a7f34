/**
 * What the hand-written e2e runners checked in the template files themselves, before any run (the
 * runs are scenarios now: e2e/scenarios/): each template's Configuration, and the node settings the
 * flows depend on.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface WorkflowNode {
	name: string;
	type: string;
	executeOnce?: boolean;
	parameters: Record<string, unknown> & {
		assignments?: { assignments: Array<{ name: string; value: unknown }> };
	};
}
interface Workflow {
	id: string;
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string; index: number }> | null> }>;
	meta?: { templateCredsSetupCompleted?: boolean; templateId?: string };
}

const load = (file: string): Workflow =>
	JSON.parse(fs.readFileSync(path.join(__dirname, '../../../workflows', file), 'utf8'));

const configuration = (wf: Workflow): Record<string, unknown> =>
	Object.fromEntries(
		(
			wf.nodes.find((n) => n.name === 'Configuration')?.parameters.assignments?.assignments ?? []
		).map((a) => [a.name, a.value]),
	);

describe('Shopify PO intake and mapping seed templates', () => {
	const intake = load('shopify-po-intake.json');
	const seed = load('shopify-seed-mapping.json');

	it.each([
		['shopify-po-intake.json', intake],
		['shopify-seed-mapping.json', seed],
	])('%s: a templateId, Configuration with shopUrl and Shopify API version 2026-04', (_f, wf) => {
		expect(wf.meta?.templateCredsSetupCompleted).toBe(false);
		expect(wf.meta?.templateId).toEqual(expect.any(String));
		expect(configuration(wf)).toHaveProperty('shopUrl');
		expect(configuration(wf).shopifyApiVersion).toBe('2026-04');
	});

	it('the intake names the mapping and exception tables and reads the mapping once per execution', () => {
		expect(configuration(intake)).toMatchObject({
			mappingTable: 'avc_asin_mapping',
			exceptionTable: 'avc_exceptions',
		});
		expect(intake.nodes.find((n) => n.name === 'Read ASIN Mapping')?.executeOnce).toBe(true);
	});
});
