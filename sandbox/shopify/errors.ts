/**
 * Shopify's error shapes.
 *
 * - Transport errors are plain strings: 401 `{"errors":"[API] Invalid API key or access token
 *   (unrecognized login or wrong password)"}`, 404 `{"errors":"Not Found"}`, a missing query
 *   400 `{"errors":{"query":"Required parameter missing or invalid"}}`.
 * - Invalid documents answer HTTP 200 with `{errors: [{message, locations, path, extensions: {code,
 *   …}}]}` and no data, in the wording of Shopify's GraphQL engine (graphql-ruby), which differs
 *   from graphql-js: `Field 'foo' doesn't exist on type 'QueryRoot'` (undefinedField),
 *   `Field 'order' is missing required arguments: id` (missingRequiredArguments), parse errors
 *   `syntax error, unexpected … at [line, column]` (PARSE_ERROR). The most common graphql-js
 *   validation messages are translated here; the others keep graphql-js' message with a code named
 *   after the rule.
 * - Bad variables: `Variable $order of type OrderCreateOrderInput! was provided invalid value for
 *   lineItems.0.quantity (Expected value to not be null)` with code INVALID_VARIABLE, the variable's
 *   value and the problems.
 * - Errors while executing a field carry `path` and `extensions.code` (NOT_SIMULATED for what the
 *   sandbox does not simulate).
 */
import {
	GraphQLError,
	print,
	specifiedRules,
	validate,
	visit,
	type ASTNode,
	type DocumentNode,
	type GraphQLSchema,
	type OperationDefinitionNode,
	type ValidationRule,
} from 'graphql';

export const INVALID_TOKEN_BODY = {
	errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
};
export const NOT_FOUND_BODY = { errors: 'Not Found' };
export const MISSING_QUERY_BODY = { errors: { query: 'Required parameter missing or invalid' } };

export interface ShopifyError {
	message: string;
	locations?: Array<{ line: number; column: number }>;
	path?: Array<string | number>;
	extensions?: Record<string, unknown>;
}

/** A field-level error: the field answers null and the error lands in `errors`. */
export function fieldError(
	message: string,
	code: string,
	extra: Record<string, unknown> = {},
): GraphQLError {
	return new GraphQLError(message, { extensions: { code, ...extra } });
}

/** For a valid root field or object field that the sandbox does not simulate. */
export function notSimulated(what: string, hint = ''): GraphQLError {
	return fieldError(
		`${what} is not simulated by the sandbox.${hint ? ` ${hint}` : ''}`,
		'NOT_SIMULATED',
	);
}

/** Shopify's answer to a malformed global id argument. */
export function invalidGlobalId(value: unknown): GraphQLError {
	return fieldError(`Invalid global id '${String(value)}'`, 'argumentLiteralsIncompatible', {
		typeName: 'CoercionError',
	});
}

export function toShopifyError(e: GraphQLError): ShopifyError {
	const out: ShopifyError = { message: e.message };
	if (e.locations?.length)
		out.locations = e.locations.map(({ line, column }) => ({ line, column }));
	if (e.path) out.path = [...e.path];
	if (e.extensions && Object.keys(e.extensions).length) out.extensions = { ...e.extensions };
	return out;
}

// ---------------------------------------------------------------------------------------------
// Parse errors

export function parseErrorToShopify(e: GraphQLError): ShopifyError {
	const loc = e.locations?.[0] ?? { line: 1, column: 1 };
	const found = /found (.+?)\.?$/.exec(e.message)?.[1];
	let unexpected: string;
	if (!found || found === '<EOF>') unexpected = 'end of file';
	else {
		const text = found.replace(/^"|"$/g, '');
		unexpected = /^[A-Za-z_]\w*$/.test(text) ? `IDENTIFIER ("${text}")` : `"${text}"`;
	}
	if (/Unexpected character|Unterminated string|Invalid number/.test(e.message))
		unexpected = e.message.replace(/^Syntax Error: /, '').replace(/\.$/, '');
	return {
		message: `syntax error, unexpected ${unexpected} at [${loc.line}, ${loc.column}]`,
		locations: [{ line: loc.line, column: loc.column }],
		extensions: { code: 'PARSE_ERROR' },
	};
}

// ---------------------------------------------------------------------------------------------
// Validation errors

interface NodeInfo {
	/** graphql-ruby's path: operation ("query Name" / "mutation" / "fragment F"), then fields and arguments. */
	path: string[];
	/** For argument values: the argument and its field. */
	argument?: string;
	field?: string;
	/** For variable definitions and usages. */
	variable?: string;
	inVariableDefinition?: boolean;
	operationLabel?: string;
}

function operationLabel(op: OperationDefinitionNode): string {
	return op.name ? `${op.operation} ${op.name.value}` : op.operation;
}

/** graphql-ruby's error `path` and context for each AST node of the document. */
function nodeInfo(document: DocumentNode): Map<ASTNode, NodeInfo> {
	const infos = new Map<ASTNode, NodeInfo>();
	const stack: string[] = [];
	let argument: string | undefined;
	let field: string | undefined;
	const fields: string[] = [];
	let inVarDef = false;
	let label: string | undefined;
	visit(document, {
		enter(node) {
			switch (node.kind) {
				case 'OperationDefinition':
					label = operationLabel(node);
					stack.push(label);
					break;
				case 'FragmentDefinition':
					label = `fragment ${node.name.value}`;
					stack.push(label);
					break;
				case 'Field':
					stack.push(node.alias?.value ?? node.name.value);
					fields.push(node.name.value);
					field = node.name.value;
					break;
				case 'Argument':
					stack.push(node.name.value);
					argument = node.name.value;
					break;
				case 'VariableDefinition':
					inVarDef = true;
					break;
				default:
					break;
			}
			const info: NodeInfo = {
				path: [...stack],
				argument,
				field,
				inVariableDefinition: inVarDef,
				operationLabel: label,
			};
			if (node.kind === 'Variable') info.variable = node.name.value;
			if (node.kind === 'VariableDefinition') info.variable = node.variable.name.value;
			infos.set(node, info);
		},
		leave(node) {
			switch (node.kind) {
				case 'OperationDefinition':
				case 'FragmentDefinition':
					stack.pop();
					label = undefined;
					break;
				case 'Field':
					stack.pop();
					fields.pop();
					field = fields[fields.length - 1];
					break;
				case 'Argument':
					stack.pop();
					argument = undefined;
					break;
				case 'VariableDefinition':
					inVarDef = false;
					break;
				default:
					break;
			}
		},
	});
	return infos;
}

const RULE_CODES: Record<string, string> = {
	ExecutableDefinitionsRule: 'definitionNotExecutable',
	UniqueOperationNamesRule: 'operationNotUnique',
	LoneAnonymousOperationRule: 'anonymousOperationNotAlone',
	SingleFieldSubscriptionsRule: 'subscriptionNotSingleField',
	KnownTypeNamesRule: 'undefinedType',
	FragmentsOnCompositeTypesRule: 'fragmentOnNonCompositeType',
	VariablesAreInputTypesRule: 'variableRequiresValidType',
	ScalarLeafsRule: 'selectionMismatch',
	FieldsOnCorrectTypeRule: 'undefinedField',
	UniqueFragmentNamesRule: 'fragmentNotUnique',
	KnownFragmentNamesRule: 'useAndDefineFragment',
	NoUnusedFragmentsRule: 'useAndDefineFragment',
	PossibleFragmentSpreadsRule: 'fragmentSpreadOnTypeMismatch',
	NoFragmentCyclesRule: 'infiniteLoop',
	UniqueVariableNamesRule: 'variableNotUnique',
	NoUndefinedVariablesRule: 'variableNotDefined',
	NoUnusedVariablesRule: 'variableNotUsed',
	KnownDirectivesRule: 'undefinedDirective',
	UniqueDirectivesPerLocationRule: 'directiveNotUniqueForLocation',
	KnownArgumentNamesRule: 'argumentNotAccepted',
	UniqueArgumentNamesRule: 'argumentNotUnique',
	ValuesOfCorrectTypeRule: 'argumentLiteralsIncompatible',
	ProvidedRequiredArgumentsRule: 'missingRequiredArguments',
	VariablesInAllowedPositionRule: 'variableMismatch',
	OverlappingFieldsCanBeMergedRule: 'fieldConflict',
	UniqueInputFieldNamesRule: 'inputFieldNotUnique',
};

function ruleName(rule: ValidationRule): string {
	return rule.name || 'ValidationRule';
}

function stripModifiers(type: string): string {
	return type.replace(/[[\]!]/g, '');
}

/** Unknown directives, and fragments unused, undefined or spread where they cannot apply. */
function directiveOrFragmentError(
	message: string,
	code: string,
): { message: string; extensions: Record<string, unknown> } | undefined {
	let m: RegExpExecArray | null;
	if ((m = /^Unknown directive "@(.+?)"/.exec(message))) {
		return {
			message: `Directive @${m[1]} is not defined`,
			extensions: { code, directiveName: m[1] },
		};
	} else if ((m = /^Fragment "(.+?)" is never used\./.exec(message))) {
		return {
			message: `Fragment ${m[1]} was defined, but not used`,
			extensions: { code, fragmentName: m[1] },
		};
	} else if ((m = /^Unknown fragment "(.+?)"\./.exec(message))) {
		return {
			message: `Fragment ${m[1]} was used, but not defined`,
			extensions: { code, fragmentName: m[1] },
		};
	} else if (
		(m =
			/^Fragment "(.+?)" cannot be spread here as objects of type "(.+?)" can never be of type "(.+?)"\./.exec(
				message,
			))
	) {
		return {
			message: `Fragment ${m[1]} on ${m[3]} can't be spread inside ${m[2]}`,
			extensions: { code, fragmentName: m[1], typeName: m[2] },
		};
	}
	return undefined;
}

/** One graphql-js validation error in graphql-ruby's wording. */
function translate(e: GraphQLError, rule: string, infos: Map<ASTNode, NodeInfo>): ShopifyError {
	const node = e.nodes?.[0];
	const info = node ? infos.get(node) : undefined;
	const out: ShopifyError = { message: e.message };
	if (e.locations?.length)
		out.locations = e.locations.map(({ line, column }) => ({ line, column }));
	if (info) out.path = info.path;
	const code = RULE_CODES[rule] ?? rule.replace(/Rule$/, '').replace(/^./, (c) => c.toLowerCase());
	let m: RegExpExecArray | null;
	let extensions: Record<string, unknown> = { code };
	const anonymous = info?.operationLabel ?? 'anonymous query';
	const operation =
		anonymous === 'query' || anonymous === 'mutation' ? `anonymous ${anonymous}` : anonymous;
	if ((m = /^Cannot query field "(.+?)" on type "(.+?)"\./.exec(e.message))) {
		out.message = `Field '${m[1]}' doesn't exist on type '${m[2]}'`;
		extensions = { code, typeName: m[2], fieldName: m[1] };
	} else if ((m = /^Unknown argument "(.+?)" on field "(.+?)\.(.+?)"\./.exec(e.message))) {
		out.message = `Field '${m[3]}' doesn't accept argument '${m[1]}'`;
		extensions = { code, name: m[3], typeName: 'Field', argumentName: m[1] };
	} else if ((m = /^Unknown argument "(.+?)" on directive "@(.+?)"\./.exec(e.message))) {
		out.message = `Directive '${m[2]}' doesn't accept argument '${m[1]}'`;
		extensions = { code, name: m[2], typeName: 'Directive', argumentName: m[1] };
	} else if (
		(m =
			/^Field "(.+?)" argument "(.+?)" of type "(.+?)" is required, but it was not provided\./.exec(
				e.message,
			))
	) {
		out.message = `Field '${m[1]}' is missing required arguments: ${m[2]}`;
		extensions = { code, className: 'Field', name: m[1], arguments: m[2] };
	} else if (
		(m =
			/^Directive "@(.+?)" argument "(.+?)" of type "(.+?)" is required, but it was not provided\./.exec(
				e.message,
			))
	) {
		out.message = `Directive '${m[1]}' is missing required arguments: ${m[2]}`;
		extensions = { code, className: 'Directive', name: m[1], arguments: m[2] };
	} else if (
		(m = /^Field "(.+?)" of type "(.+?)" must have a selection of subfields/.exec(e.message))
	) {
		const type = stripModifiers(m[2]);
		out.message =
			`Field must have selections (field '${m[1]}' returns ${type} ` +
			`but has no selections. Did you mean '${m[1]} { ... }'?)`;
		extensions = { code, nodeName: `field '${m[1]}'`, typeName: type };
	} else if (
		(m = /^Field "(.+?)" must not have a selection since type "(.+?)" has no subfields\./.exec(
			e.message,
		))
	) {
		const type = stripModifiers(m[2]);
		const selections =
			node && node.kind === 'Field' && node.selectionSet
				? node.selectionSet.selections.map((s) => (s.kind === 'Field' ? s.name.value : '...'))
				: [];
		out.message =
			`Selections can't be made on scalars (field '${m[1]}' returns ${type} ` +
			`but has selections [${selections.map((s) => `"${s}"`).join(', ')}])`;
		extensions = { code, nodeName: `field '${m[1]}'`, typeName: type };
	} else if ((m = /^Unknown type "(.+?)"\./.exec(e.message))) {
		if (info?.inVariableDefinition && info.variable) {
			out.message = `${m[1]} isn't a defined input type (on $${info.variable})`;
			extensions = {
				code: 'variableRequiresValidType',
				typeName: m[1],
				variableName: info.variable,
			};
		} else {
			out.message = `No such type ${m[1]}, so it can't be a fragment condition`;
			extensions = { code, typeName: m[1] };
		}
	} else if ((m = /^Variable "\$(.+?)" is never used/.exec(e.message))) {
		out.message = `Variable $${m[1]} is declared by ${operation} but not used`;
		extensions = { code, variableName: m[1] };
	} else if ((m = /^Variable "\$(.+?)" is not defined/.exec(e.message))) {
		out.message = `Variable $${m[1]} is used by ${operation} but not declared`;
		extensions = { code, variableName: m[1] };
	} else if (
		(m = /^Variable "\$(.+?)" of type "(.+?)" used in position expecting type "(.+?)"\./.exec(
			e.message,
		))
	) {
		const kind =
			stripModifiers(m[2]) === stripModifiers(m[3]) ? 'Nullability mismatch' : 'Type mismatch';
		out.message = `${kind} on variable $${m[1]} and argument ${info?.argument ?? '?'} (${m[2]} / ${m[3]})`;
		extensions = {
			code,
			variableName: m[1],
			typeName: m[2],
			argumentName: info?.argument,
			errorMessage: kind,
		};
	} else if (rule === 'ValuesOfCorrectTypeRule') {
		const expected =
			/type "(.+?)"/.exec(e.message)?.[1] ?? /^(\w+) cannot represent/.exec(e.message)?.[1];
		const argNode = findArgumentValue(node, infos);
		out.message =
			`Argument '${info?.argument ?? '?'}' on Field '${info?.field ?? '?'}' has an invalid value ` +
			`(${argNode ?? (node ? print(node) : '')}).${expected ? ` Expected type '${expected}'.` : ''}`;
		extensions = { code, typeName: 'Field', argumentName: info?.argument };
		if (info?.argument) out.path = info.path;
	} else {
		const other = directiveOrFragmentError(e.message, code);
		if (other) {
			out.message = other.message;
			extensions = other.extensions;
		}
	}
	out.extensions = extensions;
	return out;
}

/** The whole argument value around a literal (graphql-ruby prints the argument's value). */
function findArgumentValue(
	node: ASTNode | undefined,
	infos: Map<ASTNode, NodeInfo>,
): string | undefined {
	if (!node) return undefined;
	const info = infos.get(node);
	if (!info?.argument) return undefined;
	for (const [candidate, candidateInfo] of infos) {
		if (candidate.kind === 'Argument' && candidateInfo.path.join('/') === info.path.join('/'))
			return print(candidate.value);
	}
	return undefined;
}

/**
 * Validates a document against the schema; returns Shopify-style errors (empty when valid).
 * On errors, the rules run again one at a time to tell which rule reported what.
 */
export function validateDocument(schema: GraphQLSchema, document: DocumentNode): ShopifyError[] {
	const errors = validate(schema, document, specifiedRules);
	if (!errors.length) return [];
	const infos = nodeInfo(document);
	const out: ShopifyError[] = [];
	for (const rule of specifiedRules) {
		for (const e of validate(schema, document, [rule]))
			out.push(translate(e, ruleName(rule), infos));
	}
	// graphql-ruby reports all missing arguments of a field in one error.
	const merged: ShopifyError[] = [];
	for (const e of out) {
		const prev = merged.find(
			(p) =>
				p.extensions?.code === 'missingRequiredArguments' &&
				e.extensions?.code === 'missingRequiredArguments' &&
				JSON.stringify(p.path) === JSON.stringify(e.path) &&
				JSON.stringify(p.locations) === JSON.stringify(e.locations),
		);
		if (prev && prev.extensions) {
			const args = `${prev.extensions.arguments}, ${e.extensions?.arguments}`;
			prev.extensions.arguments = args;
			prev.message = prev.message.replace(/: .*$/, `: ${args}`);
		} else merged.push(e);
	}
	return merged.length ? merged : errors.map(toShopifyError);
}

// ---------------------------------------------------------------------------------------------
// Variable errors

/**
 * graphql-js' variable coercion errors in graphql-ruby's shape:
 * `Variable $x of type T was provided invalid value[ for a.0.b] (explanation)`.
 */
export function variableErrorToShopify(
	e: GraphQLError,
	operation: OperationDefinitionNode,
	inputs: Record<string, unknown>,
): ShopifyError {
	const loc = e.locations?.[0];
	const name = /^Variable "\$(\w+)"/.exec(e.message)?.[1];
	const def = operation.variableDefinitions?.find((d) => d.variable.name.value === name);
	const typeText = def ? print(def.type) : '?';
	const value =
		name !== undefined && Object.prototype.hasOwnProperty.call(inputs, name) ? inputs[name] : null;
	let path: Array<string | number> = [];
	let explanation = e.message;
	let m: RegExpExecArray | null;
	if (
		/^Variable "\$\w+" of (required|non-null) type "[^"]+" (was not provided|must not be null)\.$/.test(
			e.message,
		)
	) {
		explanation = 'Expected value to not be null';
	} else if (
		(m = /^Variable "\$\w+" got invalid value .*?(?: at "(.+?)")?; ([\s\S]*)$/.exec(e.message))
	) {
		if (m[1]) path = splitPath(m[1]).slice(1);
		explanation = explain(m[2]);
		const missing = /^Field "(.+?)" of required type ".+?" was not provided\.$/.exec(m[2]);
		if (missing) {
			path = [...path, missing[1]];
			explanation = 'Expected value to not be null';
		}
		const unknown = /^Field "(.+?)" is not defined by type "(.+?)"/.exec(m[2]);
		if (unknown) {
			path = [...path, unknown[1]];
			explanation = `Field is not defined on ${unknown[2]}`;
		}
	}
	const where = path.length ? ` for ${path.join('.')}` : '';
	const message =
		path.length || explanation !== 'Expected value to not be null'
			? `Variable $${name} of type ${typeText} was provided invalid value${where} (${explanation})`
			: `Variable $${name} of type ${typeText} was provided invalid value`;
	return {
		message,
		...(loc ? { locations: [{ line: loc.line, column: loc.column }] } : {}),
		extensions: { code: 'INVALID_VARIABLE', value, problems: [{ path, explanation }] },
	};
}

function splitPath(text: string): Array<string | number> {
	const out: Array<string | number> = [];
	for (const m of text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
		if (m[2] !== undefined) out.push(Number(m[2]));
		else out.push(m[1]);
	}
	return out;
}

function explain(reason: string): string {
	let m: RegExpExecArray | null;
	if (/^Expected non-nullable type ".+" not to be null\.$/.test(reason))
		return 'Expected value to not be null';
	if ((m = /^(\w+) cannot represent .*?value: (.+)$/.exec(reason)))
		return `Could not coerce value ${m[2]} to ${m[1]}`;
	if ((m = /^Value "(.+?)" does not exist in "(.+?)" enum\./.exec(reason)))
		return `Expected "${m[1]}" to be one of: ${m[2]}`;
	if ((m = /^Expected type "(.+?)" to be an object\.$/.exec(reason)))
		return `Expected value to be an object of type ${m[1]}`;
	return reason.replace(/\.$/, '');
}
