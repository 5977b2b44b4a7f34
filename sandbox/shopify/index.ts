/**
 * The simulated Shopify shop: Admin GraphQL at `/admin/api/{version}/graphql.json` (versions
 * 2026-04 and 2026-07, validated against Shopify's schemas), seed key `shopify`, warehouse and shop
 * actions under /__sandbox/shopify/, and its part of GET /__sandbox/state. See README.md here.
 */
import type { ServiceFactory } from '../services';
import { shopifyControlRoutes, snapshot } from './control';
import { graphqlRoutes } from './graphql';
import { applySeed } from './seed';
import { ShopState } from './state';

export type {
	ShopifyLocationSeed,
	ShopifyOrderLineSeed,
	ShopifyOrderSeed,
	ShopifyProductSeed,
	ShopifySeed,
	ShopifySeedResult,
	ShopifyVariantSeed,
	StockSeed,
} from './seed';
export { DEFAULT_ACCESS_TOKEN } from './state';
export { SUPPORTED_VERSIONS } from './schema';

export const createShopifyService: ServiceFactory = (context) => {
	let shop = new ShopState(context.clock);
	const state = () => shop;
	return {
		name: 'shopify',
		routes: () => graphqlRoutes({ shop: state, faults: context.faults }),
		controlRoutes: () => shopifyControlRoutes(state),
		seed: (value) => applySeed(shop, value),
		reset: () => {
			shop = new ShopState(context.clock);
		},
		snapshot: () => snapshot(shop),
	};
};
