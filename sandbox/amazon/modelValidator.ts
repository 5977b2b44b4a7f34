/**
 * Validates bodies against the definitions of Amazon's official Swagger 2.0 models with ajv: an
 * independent check, not the package's own zod schemas. The model's `definitions` become one
 * JSON Schema document (its `#/definitions/X` references resolve inside it), Swagger's `x-` keys
 * are dropped, and the pattern Amazon writes only into a description ("**Pattern** : `…`", as for
 * Decimal) is enforced.
 *
 * Objects reject properties the model does not define (`rejectUnknownProperties`, default true):
 * Amazon validates vendor documents against a schema and names the unexpected element, as in its
 * own sandbox answer "The content of element 'sellingParty' is not complete…".
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { amazonModelsDir } from '../paths';
import type { AmazonError } from './types';

export interface ModelValidatorOptions {
	/** Directory holding vendorOrders.json etc. Default: schemas/amazon (see paths.ts). */
	modelsDir?: string;
	rejectUnknownProperties?: boolean;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const DESCRIPTION_PATTERN = /\*\*Pattern\*\*\s*:\s*`([^`]+)`/;

/** One Swagger 2.0 schema object turned into draft-07 JSON Schema. */
function convertSchema(schema: Json, rejectUnknown: boolean): Json {
	if (Array.isArray(schema)) return schema.map((s) => convertSchema(s, rejectUnknown));
	if (schema === null || typeof schema !== 'object') return schema;
	const out: { [key: string]: Json } = {};
	for (const [key, value] of Object.entries(schema)) {
		if (key.startsWith('x-') || key === 'example' || key === 'discriminator' || key === 'readOnly')
			continue;
		if (key === 'properties' && value && typeof value === 'object' && !Array.isArray(value)) {
			const props: { [key: string]: Json } = {};
			for (const [name, prop] of Object.entries(value))
				props[name] = convertSchema(prop, rejectUnknown);
			out.properties = props;
		} else if (key === 'enum' || key === 'required') {
			out[key] = value;
		} else {
			out[key] = convertSchema(value, rejectUnknown);
		}
	}
	// Swagger 2.0 writes exclusiveMinimum/Maximum as booleans next to minimum/maximum.
	for (const [flag, bound] of [
		['exclusiveMinimum', 'minimum'],
		['exclusiveMaximum', 'maximum'],
	] as const) {
		if (typeof out[flag] === 'boolean') {
			if (out[flag] === true && typeof out[bound] === 'number') {
				out[flag] = out[bound];
				delete out[bound];
			} else delete out[flag];
		}
	}
	if (out.type === 'string' && out.pattern === undefined && typeof out.description === 'string') {
		const m = DESCRIPTION_PATTERN.exec(out.description);
		if (m) out.pattern = m[1];
	}
	if (
		rejectUnknown &&
		out.type === 'object' &&
		out.properties &&
		out.additionalProperties === undefined
	) {
		out.additionalProperties = false;
	}
	return out;
}

/** "/acknowledgements/0/sellingParty" -> "acknowledgements[0].sellingParty". */
function readablePath(pointer: string, root: string): string {
	if (!pointer) return root;
	const parts = pointer
		.split('/')
		.slice(1)
		.map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
	let out = '';
	for (const p of parts) out += /^\d+$/.test(p) ? `[${p}]` : out ? `.${p}` : p;
	return out;
}

function toAmazonError(e: ErrorObject, root: string): AmazonError {
	const where = readablePath(e.instancePath, root);
	const params = e.params as Record<string, unknown>;
	switch (e.keyword) {
		case 'required':
			return {
				code: 'InvalidInput',
				message: `The content of element '${where}' is not complete. '${String(params.missingProperty)}' is expected.`,
				details: where,
			};
		case 'additionalProperties':
			return {
				code: 'InvalidInput',
				message:
					`Invalid content was found starting with element ` +
					`'${String(params.additionalProperty)}' in '${where}'. It is not defined by the model.`,
				details: where,
			};
		case 'enum':
			return {
				code: 'InvalidInput',
				message: `Value at '${where}' is not valid. It must be one of: ${(params.allowedValues as unknown[]).join(', ')}.`,
				details: where,
			};
		default:
			return {
				code: 'InvalidInput',
				message: `'${where}' ${e.message ?? 'is invalid'}.`,
				details: where,
			};
	}
}

interface LoadedModel {
	ajv: Ajv;
	id: string;
	definitions: Set<string>;
	validators: Map<string, ValidateFunction>;
}

export class ModelValidator {
	private readonly models = new Map<string, LoadedModel>();

	readonly modelsDir: string;

	private readonly rejectUnknown: boolean;

	constructor(options: ModelValidatorOptions = {}) {
		this.modelsDir = amazonModelsDir(options.modelsDir);
		this.rejectUnknown = options.rejectUnknownProperties ?? true;
	}

	/** Reads a model file as JSON (e.g. for its sandbox fixtures). */
	readModel(modelFile: string): Record<string, unknown> {
		const file = path.join(this.modelsDir, modelFile);
		if (!fs.existsSync(file)) {
			throw new Error(
				`Amazon model ${modelFile} not found in ${this.modelsDir}. Set the modelsDir option or SANDBOX_AMAZON_MODELS_DIR.`,
			);
		}
		return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
	}

	private load(modelFile: string): LoadedModel {
		const cached = this.models.get(modelFile);
		if (cached) return cached;
		const model = this.readModel(modelFile);
		const definitions = (model.definitions ?? {}) as { [key: string]: Json };
		const id = `amazon-model:${modelFile}`;
		const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
		addFormats(ajv, ['date-time', 'date']);
		ajv.addFormat('int32', {
			type: 'number',
			validate: (n: number) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647,
		});
		ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
		ajv.addFormat('double', { type: 'number', validate: () => true });
		ajv.addFormat('float', { type: 'number', validate: () => true });
		ajv.addSchema({
			$id: id,
			definitions: convertSchema(definitions, this.rejectUnknown),
		} as object);
		const loaded: LoadedModel = {
			ajv,
			id,
			definitions: new Set(Object.keys(definitions)),
			validators: new Map(),
		};
		this.models.set(modelFile, loaded);
		return loaded;
	}

	/** Amazon-style errors (code InvalidInput) for every way `body` breaks the definition; [] when valid. */
	validate(modelFile: string, definitionName: string, body: unknown, root = 'body'): AmazonError[] {
		const model = this.load(modelFile);
		if (!model.definitions.has(definitionName)) {
			throw new Error(`Definition ${definitionName} not found in ${modelFile}`);
		}
		let validate = model.validators.get(definitionName);
		if (!validate) {
			validate = model.ajv.compile({ $ref: `${model.id}#/definitions/${definitionName}` });
			model.validators.set(definitionName, validate);
		}
		if (validate(body)) return [];
		return (validate.errors ?? []).map((e) => toAmazonError(e, root));
	}
}

const shared = new Map<string, ModelValidator>();

/**
 * Validates `body` against `definitionName` of `modelFile` (e.g. "vendorShipments.json",
 * "SubmitShipmentConfirmationsRequest"). Returns Amazon-style errors, [] when the body is valid.
 */
export function validateModelBody(
	modelFile: string,
	definitionName: string,
	body: unknown,
	options: ModelValidatorOptions = {},
): AmazonError[] {
	const key = `${amazonModelsDir(options.modelsDir)}|${options.rejectUnknownProperties ?? true}`;
	let validator = shared.get(key);
	if (!validator) {
		validator = new ModelValidator(options);
		shared.set(key, validator);
	}
	return validator.validate(modelFile, definitionName, body);
}
