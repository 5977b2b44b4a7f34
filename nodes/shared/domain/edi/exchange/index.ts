/**
 * The EDI mailbox as the nodes Read EDI Interchange and Write EDI Interchange see it: the trading
 * partnership (partner.ts), one inbound file read and sorted (read.ts), one outbound document written
 * and checked (write.ts). Pure: no n8n imports.
 */
export * from './partner';
export * from './read';
export * from './write';
