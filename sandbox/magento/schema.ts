/**
 * Adobe's official Magento 2 / Adobe Commerce Admin REST schema (Swagger 2.0, 2.4.9) as the
 * validator of request bodies and parameters, with ajv. The file is read once per process and the
 * compiled validators are cached (see schemas/magento/SOURCE.md for where it comes from).
 *
 * - `info.description` is `{"$ref": "intro/redocly-intro.md"}` in Adobe's file, which is not valid
 *   Swagger 2.0: it is replaced with a string on load.
 * - The `definitions` become one JSON Schema document; every definition is a closed object (Magento
 *   refuses a field its data interface has no setter for: `"Foo" is not supported. Correct the
 *   field name and try again.`). The top level of a body is open: Magento ignores top-level keys
 *   that are not parameters of the service method.
 * - Types are coerced as Magento's TypeProcessor does ("2" is a fine float, "abc" is not an int).
 * - `required` is enforced as the schema states, except for the few flags listed in
 *   RELAXED_REQUIRED, where Magento itself accepts the omission and common clients (n8n's Magento 2
 *   node) rely on it.
 */
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { readSchemaText, schemaFileExists, schemasDir } from '../paths';
import { inputErrors, requiredField, type MagentoErrorItem } from './errors';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface SwaggerParameter {
	name: string;
	in: 'path' | 'query' | 'body' | 'header' | 'formData';
	type?: string;
	required?: boolean;
	items?: { type?: string };
	schema?: Json;
	description?: string;
}

export interface SwaggerOperation {
	operationId: string;
	description?: string;
	parameters?: SwaggerParameter[];
	responses?: Record<string, unknown>;
}

export interface SwaggerDocument {
	swagger: string;
	info: { version: string; title: string; description?: unknown };
	basePath?: string;
	paths: Record<string, Record<string, SwaggerOperation>>;
	definitions: Record<string, Json>;
}

/** `required` flags of Adobe's schema that Magento does not enforce and clients omit. */
export const RELAXED_REQUIRED: Record<string, string[]> = {
	// GET …?searchCriteria[pageSize]=10 is valid Magento; n8n's node sends search_criteria without filter_groups.
	'framework-search-criteria-interface': ['filter_groups'],
	// conditionType null / notnull filters carry no value (n8n hides the field for them).
	'framework-filter': ['value'],
	// Whether a region is needed depends on the country (Magento's directory config), not on the interface.
	'quote-data-address-interface': ['region', 'region_id', 'region_code'],
};

const SCHEMA_ID = 'magento:admin-schema';

/**
 * Adobe's schema file: the `schemaFile` option, else $SANDBOX_MAGENTO_SCHEMA, else
 * `schemas/magento/admin-schema-2.4.9.json.gz` in the repository (a plain `.json` beside it is read
 * first).
 */
export function magentoSchemaFile(override?: string): string {
	if (override) return path.resolve(override);
	const fromEnv = process.env.SANDBOX_MAGENTO_SCHEMA;
	if (fromEnv) return path.resolve(fromEnv);
	return path.join(schemasDir(), 'magento', 'admin-schema-2.4.9.json');
}

function upperCamel(snake: string): string {
	return snake
		.split('_')
		.map((p) => (p ? p[0].toUpperCase() + p.slice(1) : p))
		.join('');
}

function pascalFromDashes(s: string): string {
	return s
		.split('-')
		.filter(Boolean)
		.map((p) => p[0].toUpperCase() + p.slice(1))
		.join('');
}

/**
 * "quote-data-cart-item-interface" -> "Magento\Quote\Api\Data\CartItemInterface" (as Magento names
 * the data interface).
 */
export function definitionClassName(definition: string): string {
	const at = definition.indexOf('-data-');
	if (at > 0) {
		const moduleName = pascalFromDashes(definition.slice(0, at));
		return `Magento\\${moduleName}\\Api\\Data\\${pascalFromDashes(definition.slice(at + 6))}`;
	}
	if (definition.startsWith('framework-'))
		return `Magento\\Framework\\Api\\${pascalFromDashes(definition.slice(10))}`;
	return pascalFromDashes(definition);
}

function convert(schema: Json): Json {
	if (Array.isArray(schema)) return schema.map(convert);
	if (schema === null || typeof schema !== 'object') return schema;
	const out: { [key: string]: Json } = {};
	for (const [key, value] of Object.entries(schema)) {
		if (
			key.startsWith('x-') ||
			key === 'example' ||
			key === 'xml' ||
			key === 'discriminator' ||
			key === 'readOnly' ||
			key === 'description'
		)
			continue;
		if (key === '$ref' && typeof value === 'string') {
			out.$ref = value.startsWith('#/definitions/') ? `${SCHEMA_ID}${value}` : value;
		} else if (
			key === 'properties' &&
			value &&
			typeof value === 'object' &&
			!Array.isArray(value)
		) {
			const props: { [key: string]: Json } = {};
			for (const [name, prop] of Object.entries(value)) props[name] = convert(prop);
			out.properties = props;
		} else if (key === 'enum' || key === 'required') {
			out[key] = value;
		} else {
			out[key] = convert(value);
		}
	}
	return out;
}

function convertDefinition(name: string, schema: Json): Json {
	const out = convert(schema) as { [key: string]: Json };
	out.$comment = name;
	if (out.type === 'object') {
		if (!out.properties) out.properties = {};
		out.additionalProperties = false;
		const relaxed = RELAXED_REQUIRED[name];
		if (relaxed && Array.isArray(out.required)) {
			out.required = (out.required as string[]).filter((r) => !relaxed.includes(r));
			if (!(out.required as string[]).length) delete out.required;
		}
	}
	return out;
}

/** "/sourceItems/0/sku" -> "sourceItems[0].sku". */
function readablePath(pointer: string, prefix = ''): string {
	let out = prefix;
	for (const raw of pointer.split('/').slice(1)) {
		const p = raw.replace(/~1/g, '/').replace(/~0/g, '~');
		out += /^\d+$/.test(p) ? `[${p}]` : out ? `.${p}` : p;
	}
	return out;
}

function lastProperty(pointer: string): string | undefined {
	const parts = pointer
		.split('/')
		.slice(1)
		.filter((p) => !/^\d+$/.test(p));
	return parts[parts.length - 1];
}

/** Magento's name of an expected type ("int", "float", "string", "bool", "Magento\…\CartItemInterface", "string[]"). */
function magentoTypeName(schema: Json | undefined): string {
	if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return 'mixed';
	if (typeof schema.$comment === 'string' && schema.$comment !== '#body')
		return `\\${definitionClassName(schema.$comment)}`;
	switch (schema.type) {
		case 'integer':
			return 'int';
		case 'number':
			return 'float';
		case 'boolean':
			return 'bool';
		case 'string':
			return 'string';
		case 'array': {
			const items = schema.items as { [key: string]: Json } | undefined;
			if (items && typeof items.$ref === 'string')
				return `\\${definitionClassName(items.$ref.split('/').pop() as string)}[]`;
			return `${magentoTypeName(items)}[]`;
		}
		default:
			return 'array';
	}
}

function shownValue(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'object') return 'Array';
	return String(value);
}

function typeErrorMessage(value: unknown, type: string): string {
	return `The "${shownValue(value)}" value's type is invalid. The "${type}" type was expected. Verify and try again.`;
}

/** ajv errors as Magento's input errors. `prefix` names the parameter for query objects ("searchCriteria"). */
function toMagentoErrors(errors: ErrorObject[], prefix = ''): MagentoErrorItem[] {
	const out: MagentoErrorItem[] = [];
	const seen = new Set<string>();
	const push = (item: MagentoErrorItem) => {
		const key = JSON.stringify(item);
		if (seen.has(key)) return;
		seen.add(key);
		out.push(item);
	};
	for (const e of errors) {
		const params = e.params as Record<string, unknown>;
		const where = readablePath(e.instancePath, prefix);
		switch (e.keyword) {
			case 'required': {
				const missing = String(params.missingProperty);
				push(requiredField(where ? `${where}.${missing}` : missing));
				break;
			}
			case 'additionalProperties':
				push({
					message: '"%fieldName" is not supported. Correct the field name and try again.',
					parameters: { fieldName: upperCamel(String(params.additionalProperty)) },
				});
				break;
			case 'type': {
				const message = typeErrorMessage(e.data, magentoTypeName(e.parentSchema as Json));
				const depth = e.instancePath.split('/').length - 1 + (prefix ? 1 : 0);
				const field = lastProperty(e.instancePath);
				push({
					message:
						depth >= 2 && field
							? `Error occurred during "${field}" processing. ${message}`
							: message,
				});
				break;
			}
			case 'enum':
				push({
					message: 'Invalid value of "%value" provided for the %fieldName field.',
					parameters: { value: shownValue(e.data), fieldName: where },
				});
				break;
			default:
				push({
					message: `"%fieldName" is invalid: ${e.message ?? 'invalid value'}.`,
					parameters: { fieldName: where },
				});
		}
	}
	return out;
}

export class MagentoSchema {
	readonly file: string;

	readonly doc: SwaggerDocument;

	private readonly ajv: Ajv;

	private readonly validators = new Map<string, ValidateFunction>();

	/** Without type coercion, for answers (built on first use). */
	private strictAjv?: Ajv;

	private readonly definitions: { [key: string]: Json } = {};

	constructor(file: string) {
		this.file = file;
		if (!schemaFileExists(file)) {
			throw new Error(
				`Magento schema not found at ${file} (nor ${file}.gz). Set SANDBOX_MAGENTO_SCHEMA ` +
					`or the schemaFile option (see schemas/magento/SOURCE.md).`,
			);
		}
		const doc = JSON.parse(readSchemaText(file)) as SwaggerDocument;
		// Adobe's file has {"$ref": "intro/redocly-intro.md"} here, which Swagger 2.0 does not allow.
		if (doc.info && typeof doc.info.description !== 'string')
			doc.info.description = 'Commerce Admin REST endpoints (description removed by the sandbox).';
		this.doc = doc;
		this.ajv = new Ajv({ strict: false, allErrors: true, coerceTypes: true, verbose: true });
		for (const [name, schema] of Object.entries(doc.definitions))
			this.definitions[name] = convertDefinition(name, schema);
		this.ajv.addSchema({ $id: SCHEMA_ID, definitions: this.definitions } as object);
	}

	get version(): string {
		return this.doc.info.version;
	}

	/** The operation of `method` on `path` (a schema path such as "/V1/orders/{id}"); throws when the schema lacks it. */
	operation(method: string, schemaPath: string): SwaggerOperation {
		const op = this.doc.paths[schemaPath]?.[method.toLowerCase()];
		if (!op) throw new Error(`The Magento schema ${this.version} has no ${method} ${schemaPath}`);
		return op;
	}

	hasDefinition(name: string): boolean {
		return Object.prototype.hasOwnProperty.call(this.doc.definitions, name);
	}

	private compiled(key: string, schema: () => object): ValidateFunction {
		let v = this.validators.get(key);
		if (!v) {
			v = this.ajv.compile(schema());
			this.validators.set(key, v);
		}
		return v;
	}

	/**
	 * Checks (and coerces, in place) a request body against the operation's body parameter.
	 * Returns [] when valid or when the operation takes no body.
	 */
	validateBody(op: SwaggerOperation, body: unknown): MagentoErrorItem[] {
		const param = op.parameters?.find((p) => p.in === 'body');
		if (!param || !param.schema) return [];
		const validate = this.compiled(`body:${op.operationId}`, () => {
			const s = convert(param.schema as Json) as { [key: string]: Json };
			s.$comment = '#body';
			return s;
		});
		const data = body === undefined ? {} : body;
		if (data === null || typeof data !== 'object' || Array.isArray(data)) {
			return [{ message: typeErrorMessage(data, 'array') }];
		}
		if (validate(data)) return [];
		return toMagentoErrors(validate.errors ?? []);
	}

	/** Checks (and coerces, in place) a value against a definition; `prefix` names it in messages. */
	validateDefinition(definition: string, value: unknown, prefix = ''): MagentoErrorItem[] {
		if (!this.hasDefinition(definition))
			throw new Error(`Definition ${definition} not found in ${this.file}`);
		const validate = this.compiled(`def:${definition}`, () => ({
			$ref: `${SCHEMA_ID}#/definitions/${definition}`,
		}));
		if (validate(value)) return [];
		return toMagentoErrors(validate.errors ?? [], prefix);
	}

	/**
	 * Checks an answer against the operation's 200 response schema, without coercing types (for
	 * tests: what the sandbox answers must be what Adobe's schema declares). [] when it conforms.
	 */
	validateAnswer(op: SwaggerOperation, value: unknown): MagentoErrorItem[] {
		const response = (op.responses?.['200'] as { schema?: Json } | undefined)?.schema;
		if (!response) return [];
		if (!this.strictAjv) {
			this.strictAjv = new Ajv({ strict: false, allErrors: true, verbose: true });
			this.strictAjv.addSchema({ $id: SCHEMA_ID, definitions: this.definitions } as object);
		}
		const ajv = this.strictAjv;
		let validate = this.validators.get(`answer:${op.operationId}`);
		if (!validate) {
			validate = ajv.compile(convert(response) as object);
			this.validators.set(`answer:${op.operationId}`, validate);
		}
		if (validate(value)) return [];
		return toMagentoErrors(validate.errors ?? []);
	}

	/** The path parameters typed as the operation declares them; throws Magento's 400 for a value of the wrong type. */
	pathParams(op: SwaggerOperation, raw: Record<string, string>): Record<string, string | number> {
		const out: Record<string, string | number> = {};
		const errors: MagentoErrorItem[] = [];
		for (const p of op.parameters ?? []) {
			if (p.in !== 'path') continue;
			const value = raw[p.name];
			if (value === undefined) continue;
			if (p.type === 'integer') {
				if (!/^[+-]?\d+$/.test(value.trim()))
					errors.push({ message: typeErrorMessage(value, 'int') });
				else out[p.name] = Number(value);
			} else if (p.type === 'number') {
				if (value.trim() === '' || !Number.isFinite(Number(value)))
					errors.push({ message: typeErrorMessage(value, 'float') });
				else out[p.name] = Number(value);
			} else out[p.name] = value;
		}
		if (errors.length) throw inputErrors(errors);
		return out;
	}
}

const cache = new Map<string, MagentoSchema>();

/** The schema at `file` (default: magentoSchemaFile()), loaded once per process. */
export function loadMagentoSchema(file?: string): MagentoSchema {
	const resolved = magentoSchemaFile(file);
	let schema = cache.get(resolved);
	if (!schema) {
		schema = new MagentoSchema(resolved);
		cache.set(resolved, schema);
	}
	return schema;
}
