import { randomUUID } from 'node:crypto';

/** A fresh id for a performance, character or slot: 12 hex digits. */
export const shortId = () => randomUUID().replace(/-/g, '').slice(0, 12);
