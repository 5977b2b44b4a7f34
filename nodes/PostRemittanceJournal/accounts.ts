/** The ledger accounts of a run: from the parameters, or from the Accounts input ({type, account}). */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import {
	validateJournalConfig,
	type JournalAccounts,
	type JournalOptions,
} from '../shared/domain/remittance/journal';
import { optionalInput, text } from './inputs';

/** Accounts set by rows of the Accounts input whose type is one of these. */
const ACCOUNT_ROLES = ['bank', 'receivable', 'termsDiscount', 'rounding', 'suspense'] as const;
type AccountRole = (typeof ACCOUNT_ROLES)[number];

/** Sets a type's account, refusing two different accounts for one type. */
function mapType(
	byType: Record<string, string>,
	type: string,
	account: string,
	where: string,
): string | undefined {
	const previous = byType[type];
	if (previous !== undefined && previous !== '' && account !== '' && previous !== account) {
		return `${where}: the type ${type} is mapped to ${previous} and to ${account}`;
	}
	if (account !== '' || previous === undefined) byType[type] = account;
	return undefined;
}

function accountsOf(
	roles: Partial<Record<AccountRole, string>>,
	byType: Record<string, string>,
): JournalAccounts {
	return {
		bank: roles.bank ?? '',
		receivable: roles.receivable ?? '',
		termsDiscount: roles.termsDiscount ?? '',
		...(roles.rounding ? { rounding: roles.rounding } : {}),
		...(roles.suspense ? { suspense: roles.suspense } : {}),
		byType,
	};
}

function accountsFromInput(
	context: IExecuteFunctions,
	rows: INodeExecutionData[],
): JournalAccounts {
	const node = context.getNode();
	const byType: Record<string, string> = {};
	const roles: Partial<Record<AccountRole, string>> = {};
	rows.forEach((row, index) => {
		const type = text(row.json.type);
		const account = text(row.json.account);
		if (type === '') return;
		if ((ACCOUNT_ROLES as readonly string[]).includes(type)) {
			const role = type as AccountRole;
			if (roles[role] !== undefined && roles[role] !== account) {
				throw new NodeOperationError(
					node,
					`Accounts input, item ${index}: the ${type} account is given twice ` +
						`(${String(roles[role])} and ${account})`,
				);
			}
			roles[role] = account;
			return;
		}
		const problem = mapType(byType, type, account, `Accounts input, item ${index}`);
		if (problem) throw new NodeOperationError(node, problem);
	});
	return accountsOf(roles, byType);
}

function accountsFromParameters(context: IExecuteFunctions): JournalAccounts {
	const byType: Record<string, string> = {};
	const mappings = context.getNodeParameter('deductionAccounts.mappings', 0, []) as IDataObject[];
	mappings.forEach((row, index) => {
		const type = text(row.type);
		if (type === '') return;
		const where = `Deduction Accounts, row ${index + 1}`;
		const problem = mapType(byType, type, text(row.account), where);
		if (problem) throw new NodeOperationError(context.getNode(), problem);
	});
	const parameter = (name: string) => text(context.getNodeParameter(name, 0, '')) || undefined;
	return accountsOf(
		{
			bank: parameter('bankAccount'),
			receivable: parameter('receivableAccount'),
			termsDiscount: parameter('termsDiscountAccount'),
			rounding: parameter('roundingAccount'),
			suspense: parameter('suspenseAccount'),
		},
		byType,
	);
}

/** The accounts: from the parameters, or from the Accounts input ({type, account} items). */
export function readAccounts(context: IExecuteFunctions): JournalAccounts {
	if (context.getNodeParameter('accountsSource', 0, 'parameters') !== 'input') {
		return accountsFromParameters(context);
	}
	const rows = optionalInput(context, 2);
	if (rows.length === 0) {
		throw new NodeOperationError(
			context.getNode(),
			'Accounts From is set to the Accounts input, but it has no items',
			{
				description:
					'Connect the third input (e.g. a Data Table or a sheet) with items {type, account}, ' +
					'or choose Parameters Below',
			},
		);
	}
	return accountsFromInput(context, rows);
}

/** Refuses accounts or journal options the journal cannot use, saying which. */
export function checkJournalConfig(
	context: IExecuteFunctions,
	accounts: JournalAccounts,
	journalOptions: JournalOptions,
): void {
	try {
		validateJournalConfig(accounts, journalOptions);
	} catch (error) {
		const fromInput = context.getNodeParameter('accountsSource', 0, 'parameters') === 'input';
		throw new NodeOperationError(
			context.getNode(),
			`The accounts or journal options cannot be used: ${(error as Error).message}`,
			{
				description: fromInput
					? 'The Accounts input needs items {type, account} for bank, receivable and termsDiscount'
					: undefined,
			},
		);
	}
}
