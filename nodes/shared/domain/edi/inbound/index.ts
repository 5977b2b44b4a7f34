/** Amazon's inbound X12 documents (850, 860, 820, 997) read into the shapes the nodes take. Pure. */
export * from './setErrors';
export * from './parts';
export * from './po850';
export * from './change860';
export * from './functionalAck';
export * from './readInbound';
