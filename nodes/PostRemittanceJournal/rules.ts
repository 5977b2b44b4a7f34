/** The classification rules of a run: the Rules table, then Additional Rules (JSON), compiled. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import {
	compileRules,
	type ClassificationRule,
	type CompiledRules,
	type RuleMatch,
} from '../shared/domain/remittance/classify';
import { text } from './inputs';

/** Operator rules of the Rules table, in order. */
export function tableRules(rows: IDataObject[]): ClassificationRule[] {
	return rows.map((row, index) => {
		const value = text(row.value);
		const matchOn = String(row.matchOn ?? 'referenceSuffix');
		const match: RuleMatch = {};
		if (matchOn === 'hasAgreementNumber') match.hasAgreementNumber = !/^(false|no|0)$/i.test(value);
		else if (matchOn === 'lineKind') match.lineKind = value.toLowerCase() as RuleMatch['lineKind'];
		else (match as Record<string, string>)[matchOn] = value;
		if (row.amountSign === 'positive' || row.amountSign === 'negative')
			match.amountSign = row.amountSign;
		const rule: ClassificationRule = {
			id: text(row.id) || `rule-${index + 1}`,
			match,
			type: text(row.type),
		};
		const invoiceReference = row.invoiceReference;
		if (invoiceReference === 'self' || invoiceReference === 'stripSuffix')
			rule.invoiceReference = invoiceReference;
		return rule;
	});
}

/** The rules of Additional Rules (JSON): a list, given as JSON text or as a list. */
function jsonRules(context: IExecuteFunctions, rawJson: unknown): ClassificationRule[] {
	if (rawJson === undefined || rawJson === '' || rawJson === '[]') return [];
	let parsed: unknown = rawJson;
	if (typeof rawJson === 'string') {
		try {
			parsed = JSON.parse(rawJson);
		} catch (error) {
			throw new NodeOperationError(
				context.getNode(),
				`Additional Rules (JSON) is not valid JSON: ${(error as Error).message}`,
			);
		}
	}
	if (!Array.isArray(parsed))
		throw new NodeOperationError(
			context.getNode(),
			'Additional Rules (JSON) must be a list of rules',
		);
	return parsed as ClassificationRule[];
}

export function readRules(context: IExecuteFunctions, options: IDataObject): CompiledRules {
	const operatorRules = tableRules(context.getNodeParameter('rules.rule', 0, []) as IDataObject[]);
	operatorRules.push(...jsonRules(context, options.rulesJson));
	try {
		return compileRules(operatorRules, {
			replaceDefaults: context.getNodeParameter('replaceDefaultRules', 0, false) as boolean,
		});
	} catch (error) {
		throw new NodeOperationError(
			context.getNode(),
			`The classification rules cannot be used: ${(error as Error).message}`,
		);
	}
}
