/**
 * The operations table against Amazon's models in schemas/amazon: every row's path, method and
 * operationId are the model's, its rate and burst are the model's usage plan (or the vendor default
 * where the model states none), and its paging names a list, a token and a query parameter the
 * model has.
 */
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
	operationPath,
	pageReader,
	SP_API_OPERATIONS,
	type OperationSpec,
	type SpApiOperation,
} from '../../nodes/shared/transport/operations';
import { SP_API_RATE_LIMITS } from '../../nodes/shared/transport/rateLimit';
import { InvalidInputError } from '../../nodes/shared/domain/inputError';

type Schema = { $ref?: string; type?: string; properties?: Record<string, Schema>; items?: Schema };
interface Parameter {
	name: string;
	in: string;
}
interface Operation {
	operationId: string;
	description?: string;
	parameters?: Parameter[];
	responses: Record<string, { schema?: Schema }>;
}
interface Model {
	paths: Record<string, Record<string, Operation>>;
	definitions: Record<string, Schema>;
}

const models = new Map<string, Model>();
function model(file: string): Model {
	if (!models.has(file)) {
		const text = fs.readFileSync(path.join(__dirname, '../../schemas/amazon', file), 'utf8');
		models.set(file, JSON.parse(text) as Model);
	}
	return models.get(file)!;
}

function resolve(m: Model, schema: Schema | undefined): Schema | undefined {
	if (!schema?.$ref) return schema;
	return resolve(m, m.definitions[schema.$ref.replace('#/definitions/', '')]);
}

/** The schema at a dotted path of the success answer, through `payload` when the answer has one. */
function answerField(m: Model, operation: Operation, dotted: string): Schema | undefined {
	const answer = resolve(m, (operation.responses['200'] ?? operation.responses['202'])?.schema);
	let current = answer?.properties?.payload ? resolve(m, answer.properties.payload) : answer;
	for (const part of dotted.split('.')) current = resolve(m, current?.properties?.[part]);
	return current;
}

/** The "Usage plan" table of an operation's description: | rate | burst |. */
function usagePlan(operation: Operation): { rate: number; burst: number } | undefined {
	const match =
		/\| *Rate \(requests per second\) *\| *Burst *\|\s*\n\|[- |]+\|\s*\n\| *([\d.]+) *\| *([\d.]+) *\|/.exec(
			operation.description ?? '',
		);
	return match ? { rate: Number(match[1]), burst: Number(match[2]) } : undefined;
}

const rows = Object.entries(SP_API_OPERATIONS) as Array<[SpApiOperation, OperationSpec]>;

describe('the SP-API operations table', () => {
	it.each(rows)("%s is the model's path, method and operationId", (_key, spec) => {
		const operation = model(spec.model).paths[spec.path]?.[spec.method.toLowerCase()];
		expect(operation).toBeDefined();
		expect(operation.operationId).toBe(spec.operationId);
	});

	it.each(rows)("%s paces at the model's usage plan", (key, spec) => {
		const plan = usagePlan(model(spec.model).paths[spec.path][spec.method.toLowerCase()]);
		// The Finances Invoices model states no plan: the vendor default of 10 and 10 is used.
		if (!spec.model.startsWith('financesInvoices')) expect(plan).toBeDefined();
		expect({ rate: spec.rate, burst: spec.burst }).toEqual(plan ?? { rate: 10, burst: 10 });
		expect(SP_API_RATE_LIMITS[key]).toEqual({ rate: spec.rate, burst: spec.burst });
	});

	it.each(rows.filter(([, spec]) => spec.paging))(
		"%s pages through the model's list and token",
		(_key, spec) => {
			const m = model(spec.model);
			const operation = m.paths[spec.path][spec.method.toLowerCase()];
			const paging = spec.paging!;
			expect(answerField(m, operation, paging.items)?.type).toBe('array');
			expect(answerField(m, operation, paging.nextToken)?.type).toBe('string');
			expect(operation.parameters).toContainEqual(
				expect.objectContaining({ name: paging.tokenParam, in: 'query' }),
			);
		},
	);

	it("has every path parameter of the model's path in its template, and no other", () => {
		for (const [, spec] of rows) {
			const operation = model(spec.model).paths[spec.path][spec.method.toLowerCase()];
			const declared = (operation.parameters ?? [])
				.filter((p) => p.in === 'path')
				.map((p) => p.name);
			const inTemplate = [...spec.path.matchAll(/\{(\w+)\}/g)].map((x) => x[1]);
			expect(inTemplate.sort()).toEqual(declared.sort());
		}
	});
});

describe('operationPath', () => {
	it('puts each path parameter URL-encoded in its place, whatever the text', () => {
		fc.assert(
			fc.property(fc.string(), fc.string(), (purchaseOrderNumber, invoiceIdentifier) => {
				const po = operationPath('getPurchaseOrder', { purchaseOrderNumber });
				expect(po).toBe(
					`/vendor/orders/v1/purchaseOrders/${encodeURIComponent(purchaseOrderNumber)}`,
				);
				const invoice = operationPath('getInvoice', { invoiceIdentifier });
				const prefix = '/finances/invoices/2026-06-25/invoices/';
				expect(invoice.startsWith(prefix)).toBe(true);
				expect(decodeURIComponent(invoice.slice(prefix.length))).toBe(invoiceIdentifier);
				expect(invoice.slice(prefix.length)).not.toMatch(/[/?#]/);
			}),
			{ numRuns: 200 },
		);
	});

	it('refuses a missing or non-text path parameter with an InvalidInputError naming it', () => {
		for (const value of [undefined, null, {}, [], true]) {
			const call = () =>
				operationPath('getTransaction', { transactionId: value } as unknown as Record<
					string,
					string
				>);
			expect(call).toThrow(InvalidInputError);
			expect(call).toThrow('getTransaction needs the path parameter transactionId');
		}
		expect(operationPath('getPurchaseOrders')).toBe('/vendor/orders/v1/purchaseOrders');
	});

	it('reads pages of the vendor and of the Finances answers', () => {
		expect(
			pageReader('getPurchaseOrdersStatus')({
				payload: { ordersStatus: [{ a: 1 }], pagination: { nextToken: 'n' } },
			}),
		).toEqual({ items: [{ a: 1 }], nextToken: 'n' });
		expect(pageReader('getInvoices')({ invoices: [{ b: 2 }], nextToken: '' })).toEqual({
			items: [{ b: 2 }],
		});
	});
});
