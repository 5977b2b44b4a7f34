import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { MapOptions, MappingIndex } from '../shared/domain/caseMapping';
import { mappingIndex, mappingRows } from '../shared/transport/mappingInput';
import { priceToleranceOf } from '../shared/descriptions/mapping';

/** The mapping and the mapping options of a run. */
export interface MapAsinCasePackOptions {
	index: MappingIndex;
	map: Partial<MapOptions>;
}

export function readOptions(context: IExecuteFunctions, itemIndex: number): MapAsinCasePackOptions {
	const source = context.getNodeParameter('mappingSource', itemIndex) as string;
	const index = mappingIndex.call(context, source, mappingRows.call(context, source));
	const extra = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const chosen = <K extends keyof MapOptions>(key: K): Partial<MapOptions> =>
		extra[key] ? { [key]: extra[key] as MapOptions[K] } : {};
	return {
		index,
		map: {
			matchFirst: context.getNodeParameter('matchFirst', itemIndex) as MapOptions['matchFirst'],
			...chosen('notMultiple'),
			...chosen('partialPo'),
			...chosen('discontinued'),
			priceTolerance: priceToleranceOf(extra),
		},
	};
}
