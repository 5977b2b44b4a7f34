/** X12 EDI: reader, writer and 997 of any transaction set. Pure: no n8n imports. */
export * from './types';
export * from './reader';
export * from './writer';
export * from './ack997';
export * from './guideCheck';
