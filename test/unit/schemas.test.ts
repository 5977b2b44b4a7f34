/**
 * The generated schemas against Amazon's own sandbox request bodies and hand-made invalid bodies,
 * with the readable issues produced by validation.ts.
 */
import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import {
	DATE_TIME_PATTERN,
	DECIMAL_PATTERN,
	GetPurchaseOrdersResponseSchema,
	REQUEST_BODY_SCHEMAS as ORDER_BODIES,
	SubmitAcknowledgementRequestSchema,
	type SubmitAcknowledgementRequest,
} from '../../nodes/shared/generated/vendorOrders';
import {
	REQUEST_BODY_SCHEMAS as SHIPMENT_BODIES,
	SubmitShipmentConfirmationsRequestSchema,
	SubmitShipmentsSchema,
} from '../../nodes/shared/generated/vendorShipments';
import {
	REQUEST_BODY_SCHEMAS as INVOICE_BODIES,
	SubmitInvoicesRequestSchema,
} from '../../nodes/shared/generated/vendorInvoices';
import { GetTransactionResponseSchema } from '../../nodes/shared/generated/vendorTransactionStatus';
import {
	describeValue,
	findUnknownKeys,
	formatIssues,
	formatPath,
	validateAgainst,
	type ValidationIssue,
} from '../../nodes/shared/domain/validation';

const MODELS_DIR = path.resolve(__dirname, '../../schemas/amazon');

type Json = any;

function model(name: string): Json {
	return JSON.parse(fs.readFileSync(path.join(MODELS_DIR, `${name}.json`), 'utf8'));
}

interface SandboxCase {
	request: { parameters: Record<string, { value?: unknown }> };
	response: Json;
}

/** Both sandbox extensions of one response: `x-amzn-api-sandbox.static[]` and `x-amazon-spds-sandbox-behaviors[]`. */
function sandboxCases(m: Json, apiPath: string, method: string, status: string): SandboxCase[] {
	const response = m.paths[apiPath][method].responses[status];
	return [
		...(response['x-amzn-api-sandbox']?.static ?? []),
		...(response['x-amazon-spds-sandbox-behaviors'] ?? []),
	];
}

function bodyOf(c: SandboxCase): unknown {
	return c.request.parameters.body?.value;
}

function issuesOf(result: ReturnType<typeof validateAgainst>): ValidationIssue[] {
	if (result.ok) throw new Error('expected validation to fail');
	return result.issues;
}

const orders = model('vendorOrders');
const shipments = model('vendorShipments');
const invoices = model('vendorInvoices');
const transactions = model('vendorTransactionStatus');

const DECIMAL_MESSAGE =
	'must be a decimal number written as a string, e.g. "12.50" (pattern ^-?(0|([1-9]\\d*))(\\.\\d+)?([eE][+-]?\\d+)?$)';
const DATE_TIME_MESSAGE =
	'must be an ISO 8601 date-time with a time zone, e.g. "2024-05-01T12:00:00Z"';

describe('request body schemas', () => {
	it('are the model definitions each POST operation names', () => {
		expect(ORDER_BODIES).toEqual({ submitAcknowledgement: SubmitAcknowledgementRequestSchema });
		expect(SHIPMENT_BODIES).toEqual({
			SubmitShipmentConfirmations: SubmitShipmentConfirmationsRequestSchema,
			SubmitShipments: SubmitShipmentsSchema,
		});
		expect(INVOICE_BODIES).toEqual({ submitInvoices: SubmitInvoicesRequestSchema });
	});
});

describe("Amazon's sandbox request bodies", () => {
	it('accepts the valid acknowledgement (TestOrder202) and keeps it unchanged', () => {
		const [valid] = sandboxCases(orders, '/vendor/orders/v1/acknowledgements', 'post', '202');
		const body = bodyOf(valid) as SubmitAcknowledgementRequest;
		expect(body.acknowledgements?.[0].purchaseOrderNumber).toBe('TestOrder202');
		const result = validateAgainst(SubmitAcknowledgementRequestSchema, body);
		expect(result).toEqual({ ok: true, data: body, unknownKeys: [] });
	});

	it('accepts the valid shipment confirmation (TestShipmentConfirmation202)', () => {
		const [valid] = sandboxCases(
			shipments,
			'/vendor/shipping/v1/shipmentConfirmations',
			'post',
			'202',
		);
		const result = validateAgainst(SubmitShipmentConfirmationsRequestSchema, bodyOf(valid), {
			unknownKeys: 'reject',
		});
		expect(result.ok).toBe(true);
		if (result.ok) {
			expect(result.data.shipmentConfirmations?.[0].shipmentIdentifier).toBe(
				'TestShipmentConfirmation202',
			);
			expect(
				result.data.shipmentConfirmations?.[0].shippedItems[1].shippedQuantity.totalWeight,
			).toEqual({ amount: '332.8', unitOfMeasure: 'POUNDS' });
		}
	});

	it('accepts the valid invoice (TestInvoice202)', () => {
		const [valid] = sandboxCases(invoices, '/vendor/payments/v1/invoices', 'post', '202');
		const result = validateAgainst(SubmitInvoicesRequestSchema, bodyOf(valid), {
			unknownKeys: 'reject',
		});
		expect(result.ok).toBe(true);
		if (result.ok)
			expect(result.data.invoices?.[0].invoiceTotal).toEqual({
				amount: '112.05',
				currencyCode: 'USD',
			});
	});

	it('rejects TestOrder400 (empty sellingParty) at the exact paths', () => {
		const [invalid] = sandboxCases(orders, '/vendor/orders/v1/acknowledgements', 'post', '400');
		expect(issuesOf(validateAgainst(SubmitAcknowledgementRequestSchema, bodyOf(invalid)))).toEqual([
			{ path: 'acknowledgements[0].sellingParty.partyId', message: 'is required' },
			{ path: 'acknowledgements[0].acknowledgementDate', message: 'is required' },
			{ path: 'acknowledgements[0].items', message: 'is required' },
		]);
	});

	it('rejects invoiceType "Invoic" and lists the allowed values', () => {
		const [invalid] = sandboxCases(invoices, '/vendor/payments/v1/invoices', 'post', '400');
		expect(issuesOf(validateAgainst(SubmitInvoicesRequestSchema, bodyOf(invalid)))).toEqual([
			{
				path: 'invoices[0].invoiceType',
				message: 'must be one of: Invoice, CreditNote (got "Invoic")',
			},
			{ path: 'invoices[0].id', message: 'is required' },
			{ path: 'invoices[0].date', message: 'is required' },
			{ path: 'invoices[0].remitToParty', message: 'is required' },
			{ path: 'invoices[0].invoiceTotal', message: 'is required' },
		]);
	});

	it('rejects the MOCKSHIPMENTID shipment confirmation (only an identifier)', () => {
		const [invalid] = sandboxCases(
			shipments,
			'/vendor/shipping/v1/shipmentConfirmations',
			'post',
			'400',
		);
		expect(
			issuesOf(validateAgainst(SubmitShipmentConfirmationsRequestSchema, bodyOf(invalid))).map(
				(i) => i.path,
			),
		).toEqual([
			'shipmentConfirmations[0].shipmentConfirmationType',
			'shipmentConfirmations[0].shipmentConfirmationDate',
			'shipmentConfirmations[0].sellingParty',
			'shipmentConfirmations[0].shipFromParty',
			'shipmentConfirmations[0].shipToParty',
			'shipmentConfirmations[0].shippedItems',
		]);
	});

	it(
		"rejects the SubmitShipments 'New' example: Each, IN, " +
			'KG, "string" as a weight, date-times without a time zone',
		() => {
			const [created, cancelled] = sandboxCases(
				shipments,
				'/vendor/shipping/v1/shipments',
				'post',
				'202',
			);
			const noZone = (p: string) => ({
				path: p,
				message: `${DATE_TIME_MESSAGE} (got "2019-08-07T19:56:45.632")`,
			});
			expect(issuesOf(validateAgainst(SubmitShipmentsSchema, bodyOf(created)))).toEqual([
				noZone('shipments[0].transactionDate'),
				noZone('shipments[0].collectFreightPickupDetails.requestedPickUp'),
				{
					path: 'shipments[0].importDetails.billableWeight.value',
					message: `${DECIMAL_MESSAGE} (got "string")`,
				},
				{
					path: 'shipments[0].containers[0].dimensions.unitOfMeasure',
					message: 'must be one of: In, Ft, Meter, Yard (got "IN")',
				},
				{
					path: 'shipments[0].containers[0].weight.unitOfMeasure',
					message: 'must be one of: G, Kg, Oz, Lb (got "KG")',
				},
				{
					path: 'shipments[0].containers[0].packedItems[0].packedQuantity.unitOfMeasure',
					message: 'must be one of: Cases, Eaches (got "Each")',
				},
				{
					path: 'shipments[0].containers[1].dimensions.unitOfMeasure',
					message: 'must be one of: In, Ft, Meter, Yard (got "IN")',
				},
				{
					path: 'shipments[0].containers[1].weight.unitOfMeasure',
					message: 'must be one of: G, Kg, Oz, Lb (got "KG")',
				},
				{
					path: 'shipments[0].containers[1].packedItems[0].packedQuantity.unitOfMeasure',
					message: 'must be one of: Cases, Eaches (got "Each")',
				},
				noZone('shipments[0].transportationDetails.shippedDate'),
				noZone('shipments[0].transportationDetails.estimatedDeliveryDate'),
				noZone('shipments[0].transportationDetails.shipmentDeliveryDate'),
			]);
			expect(issuesOf(validateAgainst(SubmitShipmentsSchema, bodyOf(cancelled)))).toEqual([
				noZone('shipments[0].transactionDate'),
			]);
		},
	);

	it('rejects the MOCKSHIPID shipment', () => {
		const [invalid] = sandboxCases(shipments, '/vendor/shipping/v1/shipments', 'post', '400');
		expect(
			issuesOf(validateAgainst(SubmitShipmentsSchema, bodyOf(invalid))).map((i) => i.path),
		).toEqual([
			'shipments[0].transactionType',
			'shipments[0].transactionDate',
			'shipments[0].sellingParty',
			'shipments[0].shipFromParty',
			'shipments[0].shipToParty',
		]);
	});

	it('reports a missing body (the catch-all sandbox cases send none) at (root)', () => {
		const catchAll = sandboxCases(orders, '/vendor/orders/v1/acknowledgements', 'post', '202')[1];
		expect(bodyOf(catchAll)).toBeUndefined();
		expect(issuesOf(validateAgainst(SubmitAcknowledgementRequestSchema, bodyOf(catchAll)))).toEqual(
			[{ path: '(root)', message: 'is required' }],
		);
	});

	describe('the invoice body example of the model', () => {
		const example = invoices.paths['/vendor/payments/v1/invoices'].post.parameters.find(
			(p: Json) => p.in === 'body',
		).schema.example;

		it(
			'is wrapped in {"payload": ...}: stripped to an empty ' +
				'request by default, rejected with unknownKeys: reject',
			() => {
				const stripped = validateAgainst(SubmitInvoicesRequestSchema, example);
				expect(stripped).toEqual({ ok: true, data: {}, unknownKeys: ['payload'] });
				expect(
					issuesOf(
						validateAgainst(SubmitInvoicesRequestSchema, example, { unknownKeys: 'reject' }),
					),
				).toEqual([{ path: 'payload', message: "is not a field of Amazon's model" }]);
			},
		);

		it('unwrapped, fails on countryCode "USA" (maxLength 2) in every party', () => {
			const tooLong = (party: string) => ({
				path: `invoices[0].${party}.address.countryCode`,
				message: 'must be at most 2 characters long (got 3: "USA")',
			});
			expect(issuesOf(validateAgainst(SubmitInvoicesRequestSchema, example.payload))).toEqual([
				tooLong('remitToParty'),
				tooLong('shipToParty'),
				tooLong('shipFromParty'),
				tooLong('billToParty'),
			]);
		});
	});
});

describe('hand-made invalid bodies', () => {
	const validAck = (): Json => ({
		acknowledgements: [
			{
				purchaseOrderNumber: '2JK3S9VC',
				sellingParty: { partyId: '999US' },
				acknowledgementDate: '2024-05-01T12:00:00Z',
				items: [
					{
						itemSequenceNumber: '1',
						amazonProductIdentifier: 'B07DFVDRAB',
						orderedQuantity: { amount: 1, unitOfMeasure: 'Eaches', unitSize: 1 },
						netCost: { currencyCode: 'USD', amount: '346.27' },
						itemAcknowledgements: [
							{
								acknowledgementCode: 'Accepted',
								acknowledgedQuantity: { amount: 1, unitOfMeasure: 'Eaches' },
							},
						],
					},
					{
						itemSequenceNumber: '2',
						orderedQuantity: { amount: 5, unitOfMeasure: 'Cases', unitSize: 10 },
						netCost: { currencyCode: 'USD', amount: '94.97', unitOfMeasure: 'POUNDS' },
						itemAcknowledgements: [
							{
								acknowledgementCode: 'Accepted',
								acknowledgedQuantity: { amount: 3, unitOfMeasure: 'Cases', unitSize: 10 },
								scheduledShipDate: '2024-05-03T00:00:00+02:00',
							},
							{
								acknowledgementCode: 'Backordered',
								acknowledgedQuantity: { amount: 2, unitOfMeasure: 'Cases', unitSize: 10 },
								scheduledShipDate: '2024-05-20T00:00:00.000Z',
							},
						],
					},
				],
			},
		],
	});

	it('the baseline is valid', () => {
		expect(
			validateAgainst(SubmitAcknowledgementRequestSchema, validAck(), { unknownKeys: 'reject' }).ok,
		).toBe(true);
	});

	it('missing required field', () => {
		const body = validAck();
		delete body.acknowledgements[0].purchaseOrderNumber;
		delete body.acknowledgements[0].items[1].itemAcknowledgements[0].acknowledgementCode;
		const issues = issuesOf(validateAgainst(SubmitAcknowledgementRequestSchema, body));
		expect(issues).toEqual([
			{ path: 'acknowledgements[0].purchaseOrderNumber', message: 'is required' },
			{
				path: 'acknowledgements[0].items[1].itemAcknowledgements[0].acknowledgementCode',
				message: 'is required',
			},
		]);
		expect(formatIssues(issues)).toBe(
			'acknowledgements[0].purchaseOrderNumber: is ' +
				'required\nacknowledgements[0].items[1].itemAcknowledgements[0].acknowledgementCode: is required',
		);
	});

	it('wrong enum', () => {
		const body = validAck();
		body.acknowledgements[0].items[0].itemAcknowledgements[0].acknowledgementCode = 'Accept';
		body.acknowledgements[0].items[1].itemAcknowledgements[1].rejectionReason = 'OutOfStock';
		body.acknowledgements[0].items[1].orderedQuantity.unitOfMeasure = 'CASES';
		expect(issuesOf(validateAgainst(SubmitAcknowledgementRequestSchema, body))).toEqual([
			{
				path: 'acknowledgements[0].items[0].itemAcknowledgements[0].acknowledgementCode',
				message: 'must be one of: Accepted, Backordered, Rejected (got "Accept")',
			},
			{
				path: 'acknowledgements[0].items[1].orderedQuantity.unitOfMeasure',
				message: 'must be one of: Cases, Eaches (got "CASES")',
			},
			{
				path: 'acknowledgements[0].items[1].itemAcknowledgements[1].rejectionReason',
				message:
					'must be one of: TemporarilyUnavailable, InvalidProductIdentifier, ObsoleteProduct (got "OutOfStock")',
			},
		]);
	});

	it('bad Decimal strings and numbers instead of strings', () => {
		const body = validAck();
		body.acknowledgements[0].items[0].netCost.amount = '12,50';
		body.acknowledgements[0].items[1].netCost.amount = 94.97;
		expect(issuesOf(validateAgainst(SubmitAcknowledgementRequestSchema, body))).toEqual([
			{
				path: 'acknowledgements[0].items[0].netCost.amount',
				message: `${DECIMAL_MESSAGE} (got "12,50")`,
			},
			{
				path: 'acknowledgements[0].items[1].netCost.amount',
				message: 'must be a string (got 94.97)',
			},
		]);
	});

	it('string too long, non-integer quantity, bad date-time, wrong type', () => {
		const body = validAck();
		body.acknowledgements[0].items[0].netCost.currencyCode = 'USDX';
		body.acknowledgements[0].items[0].orderedQuantity.amount = 1.5;
		body.acknowledgements[0].acknowledgementDate = '2024-05-01 12:00';
		body.acknowledgements[0].items[1].itemAcknowledgements = { acknowledgementCode: 'Accepted' };
		expect(issuesOf(validateAgainst(SubmitAcknowledgementRequestSchema, body))).toEqual([
			{
				path: 'acknowledgements[0].acknowledgementDate',
				message: `${DATE_TIME_MESSAGE} (got "2024-05-01 12:00")`,
			},
			{
				path: 'acknowledgements[0].items[0].orderedQuantity.amount',
				message: 'must be a whole number (got 1.5)',
			},
			{
				path: 'acknowledgements[0].items[0].netCost.currencyCode',
				message: 'must be at most 3 characters long (got 4: "USDX")',
			},
			{
				path: 'acknowledgements[0].items[1].itemAcknowledgements',
				message: 'must be an array (got an object)',
			},
		]);
	});

	it('invoice: integer itemSequenceNumber, missing required nested fields', () => {
		const body = {
			invoices: [
				{
					invoiceType: 'Invoice',
					id: 'INV-1',
					date: '2024-05-01T12:00:00Z',
					remitToParty: { partyId: 'ABCDE', address: { name: 'Acme', countryCode: 'US' } },
					invoiceTotal: { currencyCode: 'USD', amount: '10' },
					items: [
						{
							itemSequenceNumber: '1',
							invoicedQuantity: { amount: 1 },
							netCost: { currencyCode: 'USD', amount: '10' },
						},
					],
				},
			],
		};
		expect(issuesOf(validateAgainst(SubmitInvoicesRequestSchema, body))).toEqual([
			{ path: 'invoices[0].remitToParty.address.addressLine1', message: 'is required' },
			{ path: 'invoices[0].items[0].itemSequenceNumber', message: 'must be a number (got "1")' },
			{ path: 'invoices[0].items[0].invoicedQuantity.unitOfMeasure', message: 'is required' },
		]);
	});

	it('shipment confirmation: pattern countryOfOrigin', () => {
		const [valid] = sandboxCases(
			shipments,
			'/vendor/shipping/v1/shipmentConfirmations',
			'post',
			'202',
		);
		const body = JSON.parse(JSON.stringify(bodyOf(valid)));
		body.shipmentConfirmations[0].shippedItems[0].itemDetails.countryOfOrigin = 'usa';
		expect(issuesOf(validateAgainst(SubmitShipmentConfirmationsRequestSchema, body))).toEqual([
			{
				path: 'shipmentConfirmations[0].shippedItems[0].itemDetails.countryOfOrigin',
				message: 'must match the pattern ^[A-Z]{2}$ (got "usa")',
			},
		]);
	});

	it('unknown keys: stripped and listed by default, issues with unknownKeys: reject', () => {
		const body = validAck();
		body.acknowledgements[0].items[0].colour = 'red';
		body.acknowledgements[0].acknowledgmentDate = 'typo';
		const stripped = validateAgainst(SubmitAcknowledgementRequestSchema, body);
		// In document order: `items` comes before the key added last.
		expect(stripped.ok && stripped.unknownKeys).toEqual([
			'acknowledgements[0].items[0].colour',
			'acknowledgements[0].acknowledgmentDate',
		]);
		expect(stripped.ok && 'colour' in (stripped.data.acknowledgements?.[0].items[0] ?? {})).toBe(
			false,
		);
		expect(
			issuesOf(
				validateAgainst(SubmitAcknowledgementRequestSchema, body, { unknownKeys: 'reject' }),
			),
		).toEqual([
			{ path: 'acknowledgements[0].items[0].colour', message: "is not a field of Amazon's model" },
			{
				path: 'acknowledgements[0].acknowledgmentDate',
				message: "is not a field of Amazon's model",
			},
		]);
	});
});

describe('Decimal and date-time patterns', () => {
	it.each(['0', '10', '-1.5', '12.50', '110.00', '1e5', '2.5E-3', '0.0001'])(
		'Decimal accepts %s',
		(v) => expect(DECIMAL_PATTERN.test(v)).toBe(true),
	);
	it.each(['012', '12,50', '1.', '.5', '+1', ' 1', '1 000', '', 'NaN', '0x10'])(
		'Decimal rejects %p',
		(v) => expect(DECIMAL_PATTERN.test(v)).toBe(false),
	);
	it.each([
		'2019-08-27T18:23:57Z',
		'2021-03-12T17:35:26.308Z',
		'2024-05-01T12:00:00+02:00',
		'2024-02-29T23:59:60-05:30',
	])('date-time accepts %s', (v) => expect(DATE_TIME_PATTERN.test(v)).toBe(true));
	it.each([
		'2019-08-07T19:56:45.632',
		'2024-05-01',
		'2024-13-01T00:00:00Z',
		'2024-05-01T24:00:00Z',
		'2024-05-01 12:00:00Z',
		'2024-05-01T12:00Z',
	])('date-time rejects %p', (v) => expect(DATE_TIME_PATTERN.test(v)).toBe(false));
});

describe('response schemas against the sandbox responses', () => {
	it(
		'getPurchaseOrders static #0 breaks the model with ' +
			'unitOfMeasure "CASES" (why the canonical normaliser exists)',
		() => {
			const [first] = sandboxCases(orders, '/vendor/orders/v1/purchaseOrders', 'get', '200');
			expect(issuesOf(validateAgainst(GetPurchaseOrdersResponseSchema, first.response))).toEqual([
				{
					path: 'payload.orders[1].orderDetails.items[0].orderedQuantity.unitOfMeasure',
					message: 'must be one of: Cases, Eaches (got "CASES")',
				},
			]);
		},
	);

	it('the catch-all getPurchaseOrders fixture omits the required purchaseOrderState', () => {
		const cases = sandboxCases(orders, '/vendor/orders/v1/purchaseOrders', 'get', '200');
		expect(issuesOf(validateAgainst(GetPurchaseOrdersResponseSchema, cases[6].response))).toEqual([
			{ path: 'payload.orders[0].purchaseOrderState', message: 'is required' },
			{
				path: 'payload.orders[0].orderDetails.purchaseOrderStateChangedDate',
				message: 'is required',
			},
			{ path: 'payload.orders[1].purchaseOrderState', message: 'is required' },
			{
				path: 'payload.orders[1].orderDetails.purchaseOrderStateChangedDate',
				message: 'is required',
			},
		]);
	});

	it('every getTransaction sandbox response matches the model', () => {
		const cases = sandboxCases(
			transactions,
			'/vendor/transactions/v1/transactions/{transactionId}',
			'get',
			'200',
		);
		expect(cases).toHaveLength(3);
		for (const c of cases)
			expect(
				validateAgainst(GetTransactionResponseSchema, c.response, { unknownKeys: 'reject' }).ok,
			).toBe(true);
		const failure = cases
			.map((c) => validateAgainst(GetTransactionResponseSchema, c.response))
			.find((r) => r.ok && r.data.payload?.transactionStatus?.status === 'Failure');
		expect(failure?.ok && failure.data.payload?.transactionStatus?.errors?.[0].code).toBe(
			'INVALID_ORDER_ID',
		);
	});
});

describe('validation helpers', () => {
	it('formatPath', () => {
		expect(formatPath([])).toBe('(root)');
		expect(formatPath([0])).toBe('[0]');
		expect(formatPath(['acknowledgements', 0, 'items', 2, 'netCost', 'amount'])).toBe(
			'acknowledgements[0].items[2].netCost.amount',
		);
		expect(formatPath(['labels', 'a key', 'x'])).toBe('labels["a key"].x');
	});

	it('describeValue', () => {
		expect(describeValue(undefined)).toBe('nothing');
		expect(describeValue(null)).toBe('null');
		expect(describeValue('a"b')).toBe('"a\\"b"');
		expect(describeValue('x'.repeat(61))).toBe(`"${'x'.repeat(60)}…"`);
		expect(describeValue([1, 2])).toBe('an array of 2');
		expect(describeValue({})).toBe('an object');
	});

	it('reports null where an object is expected', () => {
		const body = validAckLike();
		body.acknowledgements[0].sellingParty = null;
		expect(issuesOf(validateAgainst(SubmitAcknowledgementRequestSchema, body))).toEqual([
			{ path: 'acknowledgements[0].sellingParty', message: 'must be an object (got null)' },
		]);
	});

	it('messages for bounds, literals and unions (keywords the models may add later)', () => {
		const schema = z.object({
			code: z.string().min(2).max(4),
			exact: z.string().length(3),
			list: z.array(z.string()).min(1).max(2),
			count: z.number().int().gte(1).lte(10),
			ratio: z.number().gt(0).lt(1),
			kind: z.literal('A'),
			either: z.union([z.string(), z.number()]),
			nonEmpty: z.string().min(1),
		});
		const value = {
			code: 'ABCDE',
			exact: 'AB',
			list: [],
			count: 0,
			ratio: 1,
			kind: 'B',
			either: true,
			nonEmpty: '',
		};
		expect(issuesOf(validateAgainst(schema, value))).toEqual([
			{ path: 'code', message: 'must be at most 4 characters long (got 5: "ABCDE")' },
			{ path: 'exact', message: 'must be exactly 3 characters long (got 2)' },
			{ path: 'list', message: 'must contain at least 1 entry (got 0)' },
			{ path: 'count', message: 'must be at least 1 (got 0)' },
			{ path: 'ratio', message: 'must be less than 1 (got 1)' },
			{ path: 'kind', message: 'must be "A" (got "B")' },
			{
				path: 'either',
				message:
					'matches none of the allowed shapes (must be a string (got true) | must be a number (got true))',
			},
			{ path: 'nonEmpty', message: 'must not be empty' },
		]);
		expect(
			issuesOf(
				validateAgainst(schema, {
					...value,
					code: 'A',
					list: ['a', 'b', 'c'],
					count: 11,
					ratio: 0,
				}),
			).slice(0, 5),
		).toEqual([
			{ path: 'code', message: 'must be at least 2 characters long (got 1)' },
			{ path: 'exact', message: 'must be exactly 3 characters long (got 2)' },
			{ path: 'list', message: 'must contain at most 2 entries (got 3)' },
			{ path: 'count', message: 'must be at most 10 (got 11)' },
			{ path: 'ratio', message: 'must be greater than 0 (got 0)' },
		]);
	});

	it('findUnknownKeys walks arrays and nested objects', () => {
		expect(
			findUnknownKeys(SubmitAcknowledgementRequestSchema, {
				acknowledgements: [{ sellingParty: { partyId: 'A', x: 1 } }],
				y: 2,
			}),
		).toEqual(['acknowledgements[0].sellingParty.x', 'y']);
	});
});

function validAckLike(): Json {
	return {
		acknowledgements: [
			{
				purchaseOrderNumber: 'PO1',
				sellingParty: { partyId: 'A' },
				acknowledgementDate: '2024-05-01T12:00:00Z',
				items: [],
			},
		],
	};
}
