/** Stock to Amazon: available to promise per SKU and channel, and the zero-stock guard. Pure: no n8n imports. */
export * from './availableToPromise';
export * from './guard';
export * from './sync';
export * from './directFulfillment';
