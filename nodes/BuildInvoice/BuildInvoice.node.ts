import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { toShipmentDateTime } from '../shared/domain/asn';
import {
	buildInvoice,
	type BuildInvoiceInput,
	type InvoiceAllowanceInput,
	type InvoiceBuild,
	type InvoiceChargeInput,
	type InvoicePartyInput,
	type TaxRate,
} from '../shared/domain/invoice';
import type { PaymentTerms } from '../shared/generated/vendorInvoices';
import { submitDocument } from '../shared/transport/documents';
import {
	InputError,
	isObject,
	pruneTimed,
	readAcknowledgedOrders,
	readPath,
	readQuantities,
	readStringList,
	type AcknowledgedOrderInput,
} from '../shared/domain/asn';
import { buildInvoiceProperties } from './description';
import { invoiceLinesFor, readInvoiceLineOverrides } from '../shared/domain/invoice';

const MAX_REMEMBERED_INVOICES = 5000;

interface RememberedInvoice {
	at: number;
	/** Submitted (not awaited), Processing, Success or Failure: a Failure may be resent. */
	status: string;
}

function iso(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function rows(value: unknown): IDataObject[] {
	return Array.isArray(value) ? (value as IDataObject[]) : [];
}

function text(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') return undefined;
	const t = value.trim();
	return t === '' ? undefined : t;
}

function summary(build: InvoiceBuild): string {
	const [first, ...rest] = build.mismatches;
	const more = rest.length
		? ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'})`
		: '';
	return `Nothing was sent: ${first?.message ?? 'the invoice could not be built'}${more}`;
}

/** The PO's bill-to party in the invoice's shape (postal code renamed by the domain). */
function billToOf(orders: readonly AcknowledgedOrderInput[]): InvoicePartyInput | undefined {
	const parties = orders
		.map((o) => o.purchaseOrder.billToParty)
		.filter((p): p is NonNullable<typeof p> => !!p && typeof p.partyId === 'string');
	if (!parties.length || new Set(parties.map((p) => p.partyId)).size > 1) return undefined;
	const party: InvoicePartyInput = { partyId: parties[0].partyId };
	const address = parties[0].address;
	if (
		isObject(address) &&
		typeof address.name === 'string' &&
		typeof address.addressLine1 === 'string' &&
		typeof address.countryCode === 'string'
	) {
		party.address = address as unknown as InvoicePartyInput['address'];
	}
	return party;
}

export class BuildInvoice implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Build Invoice',
		name: 'buildInvoice',
		icon: {
			light: 'file:../../icons/amazonVendorCentral.svg',
			dark: 'file:../../icons/amazonVendorCentral.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["dryRun"] ? "dry run" : "submit to Amazon"}}',
		description:
			"Builds Amazon's invoice from the shipped quantities at the acknowledged costs, checks total, quantities, costs and number, and submits it",
		defaults: { name: 'Build Invoice' },
		usableAsTool: true,
		inputs: [{ type: NodeConnectionTypes.Main, displayName: 'Shipped', required: true }],
		outputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Submitted or Built' },
			{ type: NodeConnectionTypes.Main, displayName: 'Exceptions' },
		],
		credentials: [
			{
				name: 'amazonVendorCentralApi',
				required: true,
				displayOptions: { show: { dryRun: [false] } },
			},
		],
		properties: buildInvoiceProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData(0);
		const done: INodeExecutionData[] = [];
		const exceptions: INodeExecutionData[] = [];
		if (!items.length) return [done, exceptions];
		const exception = (itemIndex: number, json: IDataObject) =>
			exceptions.push({ json, pairedItem: { item: itemIndex } });

		const dryRun = this.getNodeParameter('dryRun', 0, false) as boolean;
		const wait =
			!dryRun && (this.getNodeParameter('waitUntilFinal', 0, true) as boolean)
				? {
						maxWaitMs: (this.getNodeParameter('maxWaitSeconds', 0, 300) as number) * 1000,
						intervalMs: (this.getNodeParameter('pollIntervalSeconds', 0, 10) as number) * 1000,
					}
				: undefined;
		const staticData = this.getWorkflowStaticData('node');
		const memory = pruneTimed(
			(isObject(staticData.invoiceNumbers) ? staticData.invoiceNumbers : {}) as Record<
				string,
				RememberedInvoice
			>,
			Date.now(),
			Number.POSITIVE_INFINITY,
			MAX_REMEMBERED_INVOICES,
		);
		let remembered = false;
		/** Numbers built or sent by this run. */
		const runNumbers = new Set<string>();

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const json = items[itemIndex].json;
			const now = Date.now();
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const invoiceNumber = String(
				this.getNodeParameter('invoiceNumber', itemIndex, '') ?? '',
			).trim();
			const context: IDataObject = { invoiceNumber };
			if (json.shipmentIdentifier !== undefined)
				context.shipmentIdentifier = json.shipmentIdentifier;

			// 1. Read the item: purchase orders, shipped and invoiced quantities, ERP lines.
			let input: BuildInvoiceInput;
			let orders: AcknowledgedOrderInput[];
			let usedInvoiceNumbers: string[];
			try {
				const poField = this.getNodeParameter(
					'purchaseOrdersField',
					itemIndex,
					'purchaseOrders',
				) as string;
				orders = readAcknowledgedOrders(
					readPath(json, poField),
					poField,
					options.requireAcknowledgement !== false,
				);
				const shippedField = this.getNodeParameter(
					'shippedLinesField',
					itemIndex,
					'shippedLines',
				) as string;
				const shipped = readQuantities(readPath(json, shippedField), shippedField);
				const invoicedField = String(options.alreadyInvoicedField ?? 'alreadyInvoiced');
				const alreadyInvoiced = readQuantities(readPath(json, invoicedField), invoicedField);
				const linesField = String(options.invoiceLinesField ?? 'invoiceLines');
				const overrides = readInvoiceLineOverrides(readPath(json, linesField), linesField);
				const lines = invoiceLinesFor(orders, shipped, alreadyInvoiced, overrides, shippedField);
				const usedField = String(options.usedInvoiceNumbersField ?? 'usedInvoiceNumbers');
				usedInvoiceNumbers = [
					...readStringList(readPath(json, usedField), usedField),
					...Object.entries(memory)
						.filter(([, v]) => v.status !== 'Failure')
						.map(([k]) => k),
					...runNumbers,
				];

				const dateParameter = text(this.getNodeParameter('invoiceDate', itemIndex, ''));
				const date =
					dateParameter === undefined
						? iso(now)
						: (toShipmentDateTime(dateParameter) ?? dateParameter);
				const remitToPartyId =
					text(this.getNodeParameter('remitToPartyId', itemIndex, '')) ??
					orders[0].purchaseOrder.sellingParty?.partyId ??
					'';
				const remitToParty: InvoicePartyInput = { partyId: remitToPartyId };
				const address = this.getNodeParameter('remitToAddress', itemIndex, {}) as IDataObject;
				if (Object.values(address).some((v) => text(v) !== undefined)) {
					remitToParty.address = Object.fromEntries(
						Object.entries(address).filter(([, v]) => text(v) !== undefined),
					) as unknown as InvoicePartyInput['address'];
				}
				const taxNumber = text(options.remitToTaxNumber);
				if (taxNumber)
					remitToParty.taxRegistrationDetails = [
						{
							taxRegistrationType: options.remitToTaxType === 'GST' ? 'GST' : 'VAT',
							taxRegistrationNumber: taxNumber,
						},
					];

				const terms = this.getNodeParameter('paymentTerms', itemIndex, {}) as IDataObject;
				const paymentTerms: PaymentTerms = {};
				if (Object.keys(terms).length) {
					paymentTerms.type = (terms.type ?? 'Basic') as PaymentTerms['type'];
					if (text(terms.discountPercent) !== undefined)
						paymentTerms.discountPercent = text(terms.discountPercent);
					if (typeof terms.discountDueDays === 'number')
						paymentTerms.discountDueDays = terms.discountDueDays;
					if (typeof terms.netDueDays === 'number') paymentTerms.netDueDays = terms.netDueDays;
				}
				const taxes = rows(this.getNodeParameter('taxes.rows', itemIndex, [])).map(
					(r) => ({ taxType: r.taxType, taxRate: String(r.taxRate ?? '').trim() }) as TaxRate,
				);
				const amounts = <T>(name: string) =>
					rows(this.getNodeParameter(`${name}.rows`, itemIndex, [])).map((r) => {
						const out = { type: r.type, amount: String(r.amount ?? '').trim() } as IDataObject;
						if (text(r.description)) out.description = text(r.description);
						return out as unknown as T;
					});

				const currencyCode = lines[0].acknowledgedNetCost.currencyCode;
				input = { id: invoiceNumber, date, currencyCode, remitToParty, lines };
				const billTo = options.includeBillTo !== false ? billToOf(orders) : undefined;
				if (billTo) input.billToParty = billTo;
				if (Object.keys(paymentTerms).length) input.paymentTerms = paymentTerms;
				if (taxes.length) input.taxes = taxes;
				const charges = amounts<InvoiceChargeInput>('charges');
				if (charges.length) input.charges = charges;
				const allowances = amounts<InvoiceAllowanceInput>('allowances');
				if (allowances.length) input.allowances = allowances;
				if (text(options.referenceNumber)) input.referenceNumber = text(options.referenceNumber);
				const expected = readPath(json, String(options.expectedTotalField ?? 'expectedTotal'));
				if (expected !== undefined && expected !== null && expected !== '')
					input.expectedTotal = String(expected);
			} catch (error) {
				if (!(error instanceof InputError) && !(error instanceof TypeError))
					throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
				exception(itemIndex, {
					...context,
					reason: 'invalidInput',
					message: (error as Error).message,
				});
				continue;
			}

			// 2. Build and check: total, quantities against shipped, costs against acknowledged, number.
			const build = buildInvoice(input, {
				usedInvoiceNumbers,
				resendOfFailedInvoice: options.resendOfFailedInvoice === true,
				quantityUnit: options.quantityUnit === 'eaches' ? 'eaches' : 'purchaseOrder',
				now,
			});
			const figures: IDataObject = {
				...context,
				purchaseOrderNumbers: [...new Set(input.lines.map((l) => l.purchaseOrderNumber))],
				figures: (build.figures ?? null) as unknown as IDataObject,
				invoicedLines: build.lineMap.map((l) => ({
					purchaseOrderNumber: l.purchaseOrderNumber,
					itemSequenceNumber: l.purchaseOrderItemSequenceNumber,
					invoiceItemSequenceNumber: l.itemSequenceNumber,
					invoicedQuantity: l.invoicedQuantity,
					invoicedEaches: l.invoicedEaches,
					lineAmount: l.lineAmount,
				})),
				warnings: build.warnings,
			};
			if (!build.ok || !build.request || !build.invoice) {
				exception(itemIndex, {
					...figures,
					reason: 'mismatch',
					message: summary(build),
					mismatches: build.mismatches as unknown as IDataObject[],
					...(build.invoice ? { invoice: build.invoice as unknown as IDataObject } : {}),
				});
				continue;
			}
			const built: IDataObject = { ...figures, invoice: build.invoice as unknown as IDataObject };

			if (dryRun) {
				runNumbers.add(invoiceNumber);
				done.push({
					json: { ...built, dryRun: true, status: 'NotSent' },
					pairedItem: { item: itemIndex },
				});
				continue;
			}

			// 3. Submit and await the transaction.
			try {
				const result = await submitDocument.call(this, 'invoice', build.request, itemIndex, wait);
				const out: IDataObject = {
					...built,
					transactionId: result.transactionId,
					status: result.status,
					final: result.final,
					errors: result.errors as unknown as IDataObject[],
				};
				if (options.remember !== false) {
					memory[invoiceNumber] = { at: Date.now(), status: result.status };
					remembered = true;
				}
				if (result.status === 'Failure') {
					exception(itemIndex, {
						...out,
						reason: 'transactionFailure',
						message:
							'Amazon refused the invoice: correct it and send it again under the same number',
					});
					continue;
				}
				runNumbers.add(invoiceNumber);
				done.push({ json: out, pairedItem: { item: itemIndex } });
			} catch (error) {
				if (!(error instanceof NodeApiError) && !this.continueOnFail()) {
					throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
				}
				exception(itemIndex, {
					...built,
					reason: 'apiError',
					message: (error as Error).message,
					description: (error as NodeApiError).description ?? null,
				});
			}
		}

		if (remembered)
			staticData.invoiceNumbers = pruneTimed(
				memory,
				Date.now(),
				Number.POSITIVE_INFINITY,
				MAX_REMEMBERED_INVOICES,
			) as unknown as IDataObject;
		return [done, exceptions];
	}
}
