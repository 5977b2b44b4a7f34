/** The services every sandbox starts with, beside Amazon. */
import type { ServiceFactory } from './services';
import { createSupercycleService } from './supercycle';

export const DEFAULT_SERVICES: ServiceFactory[] = [createSupercycleService];
