import { Readable } from 'node:stream';

/** Where evidence bytes live; rows in evidence_files point at them by storage key. */
export interface EvidenceStorage {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Readable>;
}

/** Injection token for the configured EvidenceStorage. */
export const EVIDENCE_STORAGE = Symbol('EVIDENCE_STORAGE');
