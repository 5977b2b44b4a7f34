/**
 * Shopify's Admin GraphQL schemas (SDL captured by introspection), one per API version, read
 * from `schemas/shopify/admin-<version>.schema.graphql.gz` (or the plain `.graphql` file in
 * $SANDBOX_SHOPIFY_SCHEMA_DIR) and built once per process with graphql-js (~0.5 s each).
 *
 * Versions follow Shopify's rules: a known version is served as is; an older, well-formed
 * quarterly version "falls forward" to the oldest one the sandbox has (Shopify serves the oldest
 * supported version and says which in X-Shopify-API-Version); anything else is 404 Not Found.
 */
import path from 'node:path';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { readSchemaText, schemaFileExists, schemasDir } from '../paths';

export const SUPPORTED_VERSIONS = ['2026-04', '2026-07'] as const;
export type ApiVersion = (typeof SUPPORTED_VERSIONS)[number];

export function shopifySchemaDir(): string {
	const fromEnv = process.env.SANDBOX_SHOPIFY_SCHEMA_DIR;
	if (fromEnv) return path.resolve(fromEnv);
	return path.join(schemasDir(), 'shopify');
}

/** The version that answers a request for `requested`, or undefined (404). */
export function resolveVersion(requested: string): ApiVersion | undefined {
	if ((SUPPORTED_VERSIONS as readonly string[]).includes(requested)) return requested as ApiVersion;
	const m = /^(\d{4})-(01|04|07|10)$/.exec(requested);
	if (!m) return undefined;
	if (requested < SUPPORTED_VERSIONS[0]) return SUPPORTED_VERSIONS[0];
	return undefined;
}

const cache = new Map<string, GraphQLSchema>();

export function loadSchema(version: ApiVersion): GraphQLSchema {
	const dir = shopifySchemaDir();
	const file = path.join(dir, `admin-${version}.schema.graphql`);
	const key = file;
	const cached = cache.get(key);
	if (cached) return cached;
	if (!schemaFileExists(file))
		throw new Error(
			`Shopify Admin schema ${version} not found at ${file} or ${file}.gz (set SANDBOX_SHOPIFY_SCHEMA_DIR)`,
		);
	const schema = buildSchema(readSchemaText(file), { assumeValidSDL: true });
	cache.set(key, schema);
	return schema;
}
