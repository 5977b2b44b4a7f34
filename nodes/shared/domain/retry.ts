/**
 * Moved to nodes/shared/transport/retry.ts. This re-export keeps nodes/Supercycle/transport.ts
 * building until it imports from there; delete it then.
 */
export * from '../transport/retry';
