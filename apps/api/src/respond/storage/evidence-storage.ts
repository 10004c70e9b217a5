import { Readable } from 'node:stream';

/** Where evidence bytes live; rows in evidence_files point at them by storage key. */
export interface EvidenceStorage {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Readable>;
  /** Removes the bytes of a key; a key with nothing stored is not an error. */
  delete(key: string): Promise<void>;
}

/** Injection token for the configured EvidenceStorage. */
export const EVIDENCE_STORAGE = Symbol('EVIDENCE_STORAGE');
