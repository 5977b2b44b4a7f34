#!/usr/bin/env node
/**
 * Generates TypeScript types and zod (v3) schemas from Amazon's official Swagger 2.0 models.
 *
 *   node scripts/generate-schemas.js [modelsDir]
 *
 * Reads vendorOrders.json, vendorShipments.json, vendorInvoices.json, vendorTransactionStatus.json and
 * vendorDirectFulfillmentInventoryV1.json from modelsDir (default: schemas/amazon in the project)
 * and writes one file per model to nodes/shared/generated/. The output depends only on the model
 * files, so it is byte-for-byte stable: test/unit/generatedUpToDate.test.ts regenerates it in memory and compares.
 *
 * Mapping (Swagger 2.0 -> TypeScript / zod 3):
 * - every definition gives `export interface|type <Name>` and `export const <Name>Schema`;
 * - `required` -> required keys, others `.optional()`;
 * - objects use zod's default unknown-key policy (strip): Amazon adds fields to its models over time,
 *   so a response carrying a newer field still parses, and a body never sends a key the model does
 *   not know. `additionalProperties: <schema>` becomes `.catchall()` (or `z.record()` without
 *   properties); `additionalProperties: false` and `true` keep the strip policy;
 * - `enum` -> z.enum, `pattern` -> .regex (also the pattern Amazon writes only into the description
 *   of `Decimal`, as "**Pattern** : `...`"), minLength/maxLength, minimum/maximum (with Swagger 2's
 *   boolean exclusiveMinimum/exclusiveMaximum), minItems/maxItems;
 * - `format: date-time` -> a string checked against an ISO 8601 / RFC 3339 date-time regex with a
 *   mandatory offset (`Z` or `+hh:mm`); integer (int32/int64) -> z.number().int(); number ->
 *   z.number(); boolean -> z.boolean();
 * - `$ref` -> the referenced schema; z.lazy() only for references inside a reference cycle (such
 *   schemas get an explicit z.ZodType<Name> annotation), every other schema is checked against its
 *   interface with `satisfies z.ZodType<Name>`;
 * - the first sentence of each description becomes a JSDoc comment.
 */
'use strict';

const fs = require('fs');
const path = require('path');

const PROJECT_ROOT = path.resolve(__dirname, '..');
const DEFAULT_MODELS_DIR = path.join(PROJECT_ROOT, 'schemas', 'amazon');
const OUTPUT_DIR = path.join(PROJECT_ROOT, 'nodes', 'shared', 'generated');
const MODEL_COMMIT = '34dc93fe';
const MODELS = [
	'vendorOrders',
	'vendorShipments',
	'vendorInvoices',
	'vendorTransactionStatus',
	'vendorDirectFulfillmentInventoryV1',
];

const DATE_TIME_REGEX =
	'/^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])' +
	'T([01]\\d|2[0-3]):[0-5]\\d:([0-5]\\d|60)(\\.\\d+)?' +
	'(Z|[+-]([01]\\d|2[0-3]):[0-5]\\d)$/';
const DATE_TIME_MESSAGE =
	'must be an ISO 8601 date-time with a time zone, e.g. "2024-05-01T12:00:00Z"';

// ---------------------------------------------------------------------------------------------
// Small helpers

function quote(text) {
	return `'${String(text).replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

function propertyKey(name) {
	return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : quote(name);
}

function refName(ref) {
	const match = /^#\/definitions\/(.+)$/.exec(ref);
	if (!match)
		throw new Error(`Unsupported $ref ${ref} (only local #/definitions/ references are handled)`);
	return match[1];
}

/** First sentence of a Swagger description, as plain text for a JSDoc comment. */
function firstSentence(description) {
	if (typeof description !== 'string') return '';
	let text = description
		.replace(/<br\s*\/?>/gi, ' ')
		.replace(/<[^>]+>/g, '')
		.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
		.replace(/\*\*/g, '')
		.replace(/\s+/g, ' ')
		.trim();
	const end = /(?<!\b(?:e\.g|i\.e|etc|Ex|ex|No|no|vs))\.(?=\s|$)/.exec(text);
	if (end) text = text.slice(0, end.index + 1);
	return text.replace(/\*\//g, '*\\/');
}

function jsDoc(lines, indent) {
	const parts = lines.filter(Boolean);
	if (parts.length === 0) return '';
	if (parts.length === 1) return `${indent}/** ${parts[0]} */\n`;
	return `${indent}/**\n${parts.map((l) => `${indent} * ${l}`).join('\n')}\n${indent} */\n`;
}

/** A regex literal for a pattern string; `/` is escaped unless it already is. */
function regexLiteral(pattern) {
	let out = '';
	let escaped = false;
	for (const ch of pattern) {
		if (escaped) {
			out += ch;
			escaped = false;
		} else if (ch === '\\') {
			out += ch;
			escaped = true;
		} else if (ch === '/') {
			out += '\\/';
		} else {
			out += ch;
		}
	}
	new RegExp(out); // throws on an invalid pattern
	return `/${out}/`;
}

/** The pattern Amazon puts into a description instead of the `pattern` keyword (Decimal). */
function descriptionPattern(description) {
	if (typeof description !== 'string') return undefined;
	const match = /\*\*Pattern\*\*\s*:\s*`([^`]+)`/.exec(description);
	return match ? match[1] : undefined;
}

function patternOf(schema) {
	if (typeof schema.pattern === 'string') return schema.pattern;
	return descriptionPattern(schema.description);
}

// ---------------------------------------------------------------------------------------------
// Reference graph: topological order and cycles

function collectRefs(schema, out) {
	if (!schema || typeof schema !== 'object') return out;
	if (Array.isArray(schema)) {
		for (const s of schema) collectRefs(s, out);
		return out;
	}
	if (typeof schema.$ref === 'string') out.add(refName(schema.$ref));
	if (schema.properties)
		for (const key of Object.keys(schema.properties)) collectRefs(schema.properties[key], out);
	if (schema.items) collectRefs(schema.items, out);
	if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
		collectRefs(schema.additionalProperties, out);
	}
	for (const key of ['allOf', 'anyOf', 'oneOf']) if (schema[key]) collectRefs(schema[key], out);
	return out;
}

/** Tarjan's strongly connected components; returns name -> component id, and the cyclic ids. */
function components(names, edges) {
	let index = 0;
	const stack = [];
	const onStack = new Set();
	const indexOf = new Map();
	const low = new Map();
	const componentOf = new Map();
	const cyclic = new Set();
	let componentId = 0;
	function visit(v) {
		indexOf.set(v, index);
		low.set(v, index);
		index++;
		stack.push(v);
		onStack.add(v);
		for (const w of edges.get(v)) {
			if (!indexOf.has(w)) {
				visit(w);
				low.set(v, Math.min(low.get(v), low.get(w)));
			} else if (onStack.has(w)) {
				low.set(v, Math.min(low.get(v), indexOf.get(w)));
			}
		}
		if (low.get(v) === indexOf.get(v)) {
			const members = [];
			let w;
			do {
				w = stack.pop();
				onStack.delete(w);
				componentOf.set(w, componentId);
				members.push(w);
			} while (w !== v);
			if (members.length > 1 || edges.get(v).has(v)) cyclic.add(componentId);
			componentId++;
		}
	}
	for (const name of names) if (!indexOf.has(name)) visit(name);
	return { componentOf, cyclic };
}

/** Definitions ordered so that every schema comes after the schemas it uses (model order otherwise). */
function emissionOrder(names, edges) {
	const done = new Set();
	const active = new Set();
	const order = [];
	function visit(name) {
		if (done.has(name) || active.has(name)) return;
		active.add(name);
		for (const dep of edges.get(name)) visit(dep);
		active.delete(name);
		done.add(name);
		order.push(name);
	}
	for (const name of names) visit(name);
	return order;
}

// ---------------------------------------------------------------------------------------------
// Code generation

class ModelGenerator {
	constructor(fileName, model) {
		this.fileName = fileName;
		this.definitions = model.definitions || {};
		this.names = Object.keys(this.definitions);
		this.usesDateTime = false;
		this.regexConstants = new Map(); // pattern -> { name, message }
		this.edges = new Map();
		for (const name of this.names) {
			const refs = collectRefs(this.definitions[name], new Set());
			for (const ref of refs) {
				if (!(ref in this.definitions))
					throw new Error(`${fileName}: ${name} references unknown definition ${ref}`);
			}
			this.edges.set(name, refs);
		}
		const { componentOf, cyclic } = components(this.names, this.edges);
		this.componentOf = componentOf;
		this.cyclic = cyclic;
		this.model = model;
	}

	isCyclic(name) {
		return this.cyclic.has(this.componentOf.get(name));
	}

	/** True if a reference from `from` to `to` closes a cycle, so it must be lazy. */
	needsLazy(from, to) {
		return this.componentOf.get(from) === this.componentOf.get(to) && this.isCyclic(to);
	}

	regexConstant(pattern) {
		if (!this.regexConstants.has(pattern)) {
			const isDecimal =
				this.definitions.Decimal &&
				descriptionPattern(this.definitions.Decimal.description) === pattern;
			const name = isDecimal ? 'DECIMAL_PATTERN' : `PATTERN_${this.regexConstants.size + 1}`;
			const message = isDecimal
				? `must be a decimal number written as a string, e.g. "12.50" (pattern ${pattern})`
				: `must match the pattern ${pattern}`;
			this.regexConstants.set(pattern, { name, message });
		}
		return this.regexConstants.get(pattern);
	}

	// --- TypeScript types -------------------------------------------------------------------

	tsType(schema, indent) {
		if (schema.$ref) return refName(schema.$ref);
		if (schema.enum)
			return schema.enum.map((v) => (typeof v === 'string' ? quote(v) : String(v))).join(' | ');
		switch (schema.type) {
			case 'string':
				return 'string';
			case 'integer':
			case 'number':
				return 'number';
			case 'boolean':
				return 'boolean';
			case 'array': {
				const item = this.tsType(schema.items || {}, indent);
				return /^[A-Za-z0-9_$]+$/.test(item) ? `${item}[]` : `Array<${item}>`;
			}
			case 'object':
			case undefined:
				if (schema.properties || schema.type === 'object')
					return this.tsObjectLiteral(schema, indent);
				return 'unknown';
			default:
				throw new Error(`${this.fileName}: unsupported type ${JSON.stringify(schema.type)}`);
		}
	}

	tsMembers(schema, indent) {
		const required = new Set(schema.required || []);
		const lines = [];
		for (const key of Object.keys(schema.properties || {})) {
			const prop = schema.properties[key];
			lines.push(
				jsDoc([this.docLine(prop)], indent) +
					`${indent}${propertyKey(key)}${required.has(key) ? '' : '?'}: ${this.tsType(prop, indent)};`,
			);
		}
		const extra = this.additional(schema);
		if (extra)
			lines.push(
				`${indent}[key: string]: ${extra === true ? 'unknown' : this.tsType(extra, indent)};`,
			);
		return lines;
	}

	tsObjectLiteral(schema, indent) {
		const members = this.tsMembers(schema, `${indent}\t`);
		if (members.length === 0) return 'Record<string, never>';
		return `{\n${members.join('\n')}\n${indent}}`;
	}

	/** The additionalProperties schema to keep, or undefined to strip unknown keys. */
	additional(schema) {
		const extra = schema.additionalProperties;
		if (extra && typeof extra === 'object') return extra;
		if (!schema.properties && schema.type === 'object' && extra !== false) return true;
		return undefined;
	}

	docLine(schema) {
		let text = firstSentence(schema.description);
		if (schema.format === 'date-time')
			text = text ? `${text} ISO 8601 date-time.` : 'ISO 8601 date-time.';
		return text;
	}

	// --- zod schemas --------------------------------------------------------------------------

	zod(schema, owner, indent) {
		if (schema.$ref) {
			const target = refName(schema.$ref);
			return this.needsLazy(owner, target) ? `z.lazy(() => ${target}Schema)` : `${target}Schema`;
		}
		if (schema.enum) {
			if (schema.enum.every((v) => typeof v === 'string'))
				return `z.enum([${schema.enum.map(quote).join(', ')}])`;
			return `z.union([${schema.enum.map((v) => `z.literal(${JSON.stringify(v)})`).join(', ')}])`;
		}
		switch (schema.type) {
			case 'string':
				return this.zodString(schema);
			case 'integer':
				return `z.number().int()${this.numberBounds(schema)}`;
			case 'number':
				return `z.number()${this.numberBounds(schema)}`;
			case 'boolean':
				return 'z.boolean()';
			case 'array': {
				let out = `z.array(${this.zod(schema.items || {}, owner, indent)})`;
				if (typeof schema.minItems === 'number') out += `.min(${schema.minItems})`;
				if (typeof schema.maxItems === 'number') out += `.max(${schema.maxItems})`;
				return out;
			}
			case 'object':
			case undefined:
				if (schema.properties || schema.type === 'object')
					return this.zodObject(schema, owner, indent);
				return 'z.unknown()';
			default:
				throw new Error(`${this.fileName}: unsupported type ${JSON.stringify(schema.type)}`);
		}
	}

	zodString(schema) {
		let out = 'z.string()';
		if (typeof schema.minLength === 'number') out += `.min(${schema.minLength})`;
		if (typeof schema.maxLength === 'number') out += `.max(${schema.maxLength})`;
		if (schema.format === 'date-time') {
			this.usesDateTime = true;
			out += '.regex(DATE_TIME_PATTERN, { message: DATE_TIME_MESSAGE })';
		}
		const pattern = patternOf(schema);
		if (pattern !== undefined) {
			const constant = this.regexConstant(pattern);
			out += `.regex(${constant.name}, { message: ${constant.name}_MESSAGE })`;
		}
		return out;
	}

	numberBounds(schema) {
		let out = '';
		if (typeof schema.minimum === 'number')
			out +=
				schema.exclusiveMinimum === true ? `.gt(${schema.minimum})` : `.gte(${schema.minimum})`;
		if (typeof schema.maximum === 'number')
			out +=
				schema.exclusiveMaximum === true ? `.lt(${schema.maximum})` : `.lte(${schema.maximum})`;
		return out;
	}

	zodObject(schema, owner, indent) {
		const required = new Set(schema.required || []);
		const keys = Object.keys(schema.properties || {});
		const extra = this.additional(schema);
		if (keys.length === 0) {
			return extra === true || extra === undefined
				? 'z.record(z.string(), z.unknown())'
				: `z.record(z.string(), ${this.zod(extra, owner, indent)})`;
		}
		const inner = `${indent}\t`;
		const lines = keys.map((key) => {
			const value = this.zod(schema.properties[key], owner, inner);
			return `${inner}${propertyKey(key)}: ${value}${required.has(key) ? '' : '.optional()'},`;
		});
		let out = `z.object({\n${lines.join('\n')}\n${indent}})`;
		if (extra && extra !== true) out += `.catchall(${this.zod(extra, owner, indent)})`;
		return out;
	}

	// --- one definition -------------------------------------------------------------------------

	definition(name) {
		const schema = this.definitions[name];
		const doc = jsDoc([firstSentence(schema.description)], '');
		const isInterface =
			(schema.type === 'object' || (!schema.type && schema.properties)) &&
			schema.properties &&
			!this.additional(schema);
		let typeDecl;
		if (isInterface) {
			const members = this.tsMembers(schema, '\t');
			typeDecl = `${doc}export interface ${name} {\n${members.join('\n')}\n}\n`;
		} else {
			typeDecl = `${doc}export type ${name} = ${this.tsType(schema, '')};\n`;
		}
		const zod = this.zod(schema, name, '');
		const schemaDecl = this.isCyclic(name)
			? `export const ${name}Schema: z.ZodType<${name}> = ${zod};\n`
			: `export const ${name}Schema = ${zod} satisfies z.ZodType<${name}>;\n`;
		return `${typeDecl}\n${doc}${schemaDecl}`;
	}

	requestBodies() {
		const bodies = [];
		for (const pathKey of Object.keys(this.model.paths || {})) {
			const item = this.model.paths[pathKey];
			for (const method of Object.keys(item)) {
				const op = item[method];
				if (!op || typeof op !== 'object' || !Array.isArray(op.parameters)) continue;
				for (const param of op.parameters) {
					if (param.in === 'body' && param.schema && param.schema.$ref && op.operationId) {
						bodies.push({
							operationId: op.operationId,
							name: refName(param.schema.$ref),
							method: method.toUpperCase(),
							path: pathKey,
						});
					}
				}
			}
		}
		return bodies;
	}

	render() {
		const order = emissionOrder(this.names, this.edges);
		const body = order.map((name) => this.definition(name)).join('\n');
		const header = [
			`// Generated by scripts/generate-schemas.js from Amazon's ${this.fileName}.json ` +
				`(selling-partner-api-models @ ${MODEL_COMMIT}). Do not edit.`,
			`// Regenerate with \`npm run generate:schemas\`. Objects strip unknown keys (zod's default), see the script.`,
			"import { z } from 'zod';",
			'',
		];
		const constants = [];
		if (this.usesDateTime) {
			constants.push('/** ISO 8601 (RFC 3339) date-time with a mandatory time zone designator. */');
			constants.push(`export const DATE_TIME_PATTERN = ${DATE_TIME_REGEX};`);
			constants.push(`export const DATE_TIME_MESSAGE = ${quote(DATE_TIME_MESSAGE)};`);
		}
		for (const [pattern, { name, message }] of this.regexConstants) {
			constants.push(`export const ${name} = ${regexLiteral(pattern)};`);
			constants.push(`export const ${name}_MESSAGE = ${quote(message)};`);
		}
		if (constants.length) constants.push('');
		const bodies = this.requestBodies();
		const footer = [];
		if (bodies.length) {
			footer.push('');
			footer.push('/** Request body schema of each operation of this model that sends a body. */');
			footer.push('export const REQUEST_BODY_SCHEMAS = {');
			for (const b of bodies)
				footer.push(
					`\t/** ${b.method} ${b.path} */\n\t${propertyKey(b.operationId)}: ${b.name}Schema,`,
				);
			footer.push('} as const;');
		}
		const constantsText = `${constants.join('\n')}${constants.length ? '\n' : ''}`;
		const footerText = `${footer.join('\n')}${footer.length ? '\n' : ''}`;
		return `${header.join('\n')}\n${constantsText}${body}${footerText}`;
	}
}

function generateModel(fileName, model) {
	return new ModelGenerator(fileName, model).render();
}

/** Returns { 'vendorOrders.ts': content, ... } for the four models in modelsDir. */
function generate(modelsDir = DEFAULT_MODELS_DIR) {
	const out = {};
	for (const name of MODELS) {
		const model = JSON.parse(fs.readFileSync(path.join(modelsDir, `${name}.json`), 'utf8'));
		out[`${name}.ts`] = generateModel(name, model);
	}
	return out;
}

function main() {
	const modelsDir = process.argv[2]
		? path.resolve(process.cwd(), process.argv[2])
		: DEFAULT_MODELS_DIR;
	const files = generate(modelsDir);
	fs.mkdirSync(OUTPUT_DIR, { recursive: true });
	for (const fileName of Object.keys(files)) {
		const target = path.join(OUTPUT_DIR, fileName);
		fs.writeFileSync(target, files[fileName]);
		process.stdout.write(`wrote ${path.relative(PROJECT_ROOT, target)}\n`);
	}
}

if (require.main === module) main();

module.exports = { generate, generateModel, MODELS, DEFAULT_MODELS_DIR, OUTPUT_DIR };
