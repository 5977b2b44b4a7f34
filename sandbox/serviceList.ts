/** The services every sandbox starts with, beside Amazon. */
import type { ServiceFactory } from './services';

export const DEFAULT_SERVICES: ServiceFactory[] = [];
