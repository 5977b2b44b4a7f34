/** Shopify Admin GraphQL requests and answers of the Shopify (Vendor Central) node. Pure: no n8n imports. */
export * from './errors';
export * from './graphql';
export * from './orders';
export * from './orderRequest';
export * from './stock';
export * from './snapshot';
export * from './orderEdit';
export * from './holds';
export * from './fulfilments';
export * from './variants';
