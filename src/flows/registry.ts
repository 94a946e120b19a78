import type { Flow } from './services.js';

/** Every flow the gateway runs (one file per flow in this folder). */
export const FLOWS: Flow[] = [];
