/** Magento 2 for the Vendor Central node: orders, the cart flow, MSI stock, shipments. Pure. */
export * from './cart';
export * from './orders';
export * from './shipments';
export * from './stock';
export * from './changePlan';
export * from './snapshot';
export * from './shipping';
export * from './release';
