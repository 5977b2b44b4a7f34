/**
 * One Build ASN item from its data to what the node does with it: read it, build and check the
 * shipment confirmation, and say whether it goes to Exceptions, to Built as checked only, or is
 * ready to be sent. Pure: no n8n imports.
 */
import {
	buildShipmentConfirmation,
	countSsccsToGenerate,
	type AsnRegion,
	type BuildShipmentOptions,
	type CarrierRow,
	type ShipmentConfirmationBuild,
	type ShipmentStructure,
} from '../shared/domain/asn';
import { InvalidInputError } from '../shared/domain/inputError';
import { isoSeconds, type Json } from '../shared/domain/values';
import { invalidInput, nothingSent } from '../shared/nodeSteps/outcomes';
import { addShipped, ssccsOf, usedShipmentIds, type AsnRunState, type KeptAsn } from './asnMemory';
import { readAsnItem, shipmentIdOf, shipmentOf, type AsnItemInput } from './asnItemInput';
import type { AsnItemOptions } from './options';

/** A build option the domain refused (a shipment structure it does not know, ...). */
export class AsnOptionsError extends InvalidInputError {
	constructor(message: string) {
		super(`The ASN options cannot be used: ${message}`, 'options');
		this.name = 'AsnOptionsError';
	}
}

function optionsError(error: unknown): AsnOptionsError {
	return new AsnOptionsError((error as Error).message);
}

export type AsnItemOutcome =
	| { output: 'exception'; json: Json }
	| { output: 'built'; json: Json }
	| (KeptAsn & { output: 'send'; built: Json; request: unknown });

export interface AsnRun {
	region: AsnRegion;
	carriers: readonly CarrierRow[];
}

/** The ASN of one item: to Exceptions, checked only (to Built), or ready to send. */
export function prepareAsn(
	json: Json,
	options: AsnItemOptions,
	run: AsnRun,
	state: AsnRunState,
	now: number,
): AsnItemOutcome {
	const shipmentId = shipmentIdOf(shipmentOf(json, options));
	const { confirmationType } = options;
	const context: Json = { shipmentIdentifier: shipmentId ?? null, confirmationType };
	let input: AsnItemInput;
	try {
		input = readAsnItem(json, options, state);
	} catch (error) {
		return { output: 'exception', json: invalidInput(error, context) };
	}
	const build = buildAsn(input, options, run, state, now);
	const figures = figuresOf(build, input, context);
	if (build.ok && build.checkedOnly) {
		// Checked with placeholder SSCCs: nothing is sent, printed or remembered.
		addShipped(state, build.shippedLines);
		if (confirmationType === 'Original' && shipmentId !== undefined)
			state.shipmentIds.add(shipmentId);
		return { output: 'built', json: checkedOnly(build, input, figures) };
	}
	if (!build.ok || !build.request || !build.confirmation)
		return { output: 'exception', json: refused(build, input, run, figures) };
	const asn: KeptAsn = {
		confirmation: build.confirmation,
		confirmationType,
		shippedLines: build.shippedLines,
		ssccs: ssccsOf(build.confirmation),
		...(input.previous ? { previous: input.previous } : {}),
	};
	return {
		output: 'send',
		...asn,
		request: build.request,
		built: builtOf(build, input, figures, now),
	};
}

function buildAsn(
	input: AsnItemInput,
	options: AsnItemOptions,
	run: AsnRun,
	state: AsnRunState,
	now: number,
): ShipmentConfirmationBuild {
	const structure = options.shipmentStructure;
	const buildOptions: BuildShipmentOptions = {
		region: run.region,
		carriers: run.carriers,
		now,
		confirmationType: options.confirmationType,
		usedShipmentIdentifiers: usedShipmentIds(state),
		sscc: input.sscc,
		quantityUnit: options.quantityUnit,
		...(input.previous ? { previous: input.previous } : {}),
		...(structure !== 'auto' ? { shipmentStructure: structure as ShipmentStructure } : {}),
		...(options.sellingPartyId ? { sellingPartyId: options.sellingPartyId } : {}),
		estimatedTransitDays: options.estimatedTransitDays,
	};
	try {
		return buildShipmentConfirmation(input.shipment, input.purchaseOrders, buildOptions);
	} catch (error) {
		throw optionsError(error);
	}
}

/** What every output of a built ASN shows. */
function figuresOf(build: ShipmentConfirmationBuild, input: AsnItemInput, context: Json): Json {
	return {
		...context,
		purchaseOrderNumbers: [...new Set(build.shippedLines.map((l) => l.purchaseOrderNumber))],
		shipmentStructure: build.shipmentStructure ?? null,
		carrierScac: build.carrierScac ?? null,
		shippedLines: build.shippedLines as unknown as Json[],
		...input.packingFigures,
		warnings: [...input.packingWarnings, ...build.warnings],
	};
}

function checkedOnly(build: ShipmentConfirmationBuild, input: AsnItemInput, figures: Json): Json {
	return {
		...figures,
		status: 'Checked',
		checkedOnly: true,
		ssccSerialsNeeded: build.ssccSerialsNeeded,
		cartons: input.shipment.cartons as unknown as Json[],
	};
}

/** An ASN that failed its checks: the problems, and how many serials it would need. */
function refused(
	build: ShipmentConfirmationBuild,
	input: AsnItemInput,
	run: AsnRun,
	figures: Json,
): Json {
	const companyPrefix = input.sscc?.companyPrefix;
	const needed = companyPrefix
		? countSsccsToGenerate(input.shipment, { region: run.region, sscc: { companyPrefix } })
		: 0;
	return {
		...figures,
		reason: 'invalidShipment',
		message: nothingSent(build.exceptions, 'the ASN could not be built'),
		exceptions: build.exceptions as unknown as Json[],
		ssccSerialsNeeded: needed,
	};
}

/** A built ASN as Built shows it; `originalSubmittedAt` starts the 7 days of a Replace. */
function builtOf(
	build: ShipmentConfirmationBuild,
	input: AsnItemInput,
	figures: Json,
	now: number,
): Json {
	const submittedAt = isoSeconds(now);
	return {
		...figures,
		submittedAt,
		// Only a Replace has a previous confirmation.
		originalSubmittedAt: input.previous?.submittedAt ?? submittedAt,
		labels: build.labels as unknown as Json[],
		generatedSsccs: build.generatedSsccs as unknown as Json[],
		confirmation: build.confirmation as unknown as Json,
		purchaseOrders: input.orders as unknown as Json[],
	};
}
