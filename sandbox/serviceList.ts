/** The services every sandbox starts with, beside Amazon. */
import type { ServiceFactory } from './services';
import { createMagentoService } from './magento';
import { createShopifyService } from './shopify';
import { createSupercycleService } from './supercycle';

export const DEFAULT_SERVICES: ServiceFactory[] = [
	createShopifyService,
	createMagentoService,
	createSupercycleService,
];
