import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { InvalidInputError } from '../shared/domain/inputError';
import { readJsonPath } from '../shared/domain/jsonPath';
import type {
	AtpOptions,
	ChannelRule,
	SentFigure,
	StockInput,
	StockSyncOptions,
} from '../shared/domain/stock';

export interface AvailableToPromiseRun {
	rows: StockInput[];
	lastSent: SentFigure[];
	sync: StockSyncOptions;
}

type FieldNames = Record<keyof StockInput, string>;

const FIELD_DEFAULTS: FieldNames = {
	sku: 'sku',
	onHand: 'onHand',
	committed: 'committed',
	openPoAccepted: 'openPoAccepted',
	casePack: 'casePack',
	circularReserve: 'circularReserve',
};

function fieldNames(context: IExecuteFunctions): FieldNames {
	const given = context.getNodeParameter('fields', 0, {}) as IDataObject;
	const out = { ...FIELD_DEFAULTS };
	for (const key of Object.keys(out) as Array<keyof StockInput>) {
		const name = given[key];
		if (typeof name === 'string' && name.trim() !== '') out[key] = name.trim();
	}
	return out;
}

/** A stock row from an item: each value at its field path (absent values stay absent). */
function stockRow(json: IDataObject, names: FieldNames, itemIndex: number): StockInput {
	const row: Record<string, unknown> = {};
	for (const [key, path] of Object.entries(names)) {
		const value = readJsonPath(json, path);
		if (value !== undefined && value !== null) row[key] = value;
	}
	if (typeof row.sku === 'number') row.sku = String(row.sku);
	if (row.onHand === undefined)
		throw new InvalidInputError(
			`stock row ${itemIndex} has no on-hand quantity in field "${names.onHand}"`,
			`rows[${itemIndex}].onHand`,
			itemIndex,
		);
	return row as unknown as StockInput;
}

function capOf(value: unknown, index: number): number | undefined {
	const text = String(value ?? '').trim();
	if (text === '') return undefined;
	const n = Number(text);
	if (!Number.isSafeInteger(n) || n < 0)
		throw new InvalidInputError(
			`channel ${index + 1}: Cap must be a whole number of eaches or empty, got "${text}"`,
			`channels[${index}].cap`,
		);
	return n;
}

function channelRules(context: IExecuteFunctions, allocation: string): ChannelRule[] {
	const given = context.getNodeParameter('channels.channel', 0, []) as IDataObject[];
	return given.map((c, i) => {
		const cap = capOf(c.cap, i);
		return {
			name: String(c.name ?? '').trim(),
			...(allocation === 'share' ? { share: Number(c.share ?? 0) } : {}),
			...(allocation === 'priority' ? { priority: Number(c.priority ?? 0) } : {}),
			...(cap !== undefined ? { cap } : {}),
			bufferEaches: Number(c.bufferEaches ?? 0),
			reservePercent: Number(c.reservePercent ?? 0),
			wholeCases: c.wholeCases === true,
		};
	});
}

/**
 * The last figures sent. An empty item is no row: a Data Table read set to always output data
 * gives one when the table is still empty.
 */
function lastSentOf(items: INodeExecutionData[]): SentFigure[] {
	const rows = items.filter((item) => Object.keys(item.json).length > 0);
	return rows.map((item, i) => {
		const { sku, channel, available } = item.json;
		const number = typeof available === 'string' ? Number(available) : available;
		if (typeof sku !== 'string' && typeof sku !== 'number')
			throw new InvalidInputError(`Last Sent item ${i} has no sku`, `lastSent[${i}].sku`);
		return { sku: String(sku), channel: channel as string, available: number as number };
	});
}

/** Everything the run needs, read once: rows from input 1, last figures from input 2, the rules. */
export function readRun(context: IExecuteFunctions): AvailableToPromiseRun {
	const names = fieldNames(context);
	const rows = context.getInputData(0).map((item, i) => stockRow(item.json, names, i));
	const allocation = context.getNodeParameter('allocation', 0) as AtpOptions['allocation'];
	const channels = channelRules(context, allocation ?? 'all');
	const given = context.getNodeParameter('channels.channel', 0, []) as IDataObject[];
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const guardOn = context.getNodeParameter('guard', 0, true) as boolean;
	return {
		rows,
		lastSent: lastSentOf(context.getInputData(1) ?? []),
		sync: {
			atp: {
				channels,
				allocation,
				safetyStock: context.getNodeParameter('safetyStock', 0, 0) as number,
			},
			guard: guardOn,
			guardOptions: {
				maxZeroShare: Number(options.maxZeroSharePercent ?? 20) / 100,
				maxTotalDropPercent: Number(options.maxTotalDropPercent ?? 50),
				minIncrease: Number(options.minIncrease ?? 1),
			},
			fullUpdateChannels: given.filter((c) => c.fullUpdate === true).map((c) => String(c.name)),
		},
	};
}
