import type { GatewayAuthOptions } from '../auth/gateway-auth.js';
import type { Config } from '../config.js';
import type { OperationOptions } from '../flows/operation-services.js';
import type { PgDatabase } from './pg-database.js';

/** What DATABASE_URL changes in a gateway's options: its stores live in PostgreSQL. */
export interface SharedStores {
  database: PgDatabase;
  /** For OperationOptions.storeFactory: the operation store and ledger in PostgreSQL. */
  operationStoreFactory: NonNullable<OperationOptions['storeFactory']>;
  /** The access options with tokens and audit in PostgreSQL, and mutations refused while it is unreachable. */
  authOptions(auth: GatewayAuthOptions): GatewayAuthOptions;
  /** For the banner: where operations are kept. */
  description: string;
  close(): Promise<void>;
}

/**
 * Opens PostgreSQL when DATABASE_URL is set (connects and migrates; throws with a one-line reason naming the
 * variable when it cannot); undefined when it is not (the SQLite files serve one instance).
 */
export async function openSharedStores(config: Pick<Config, 'databaseUrl'>): Promise<SharedStores | undefined> {
  if (!config.databaseUrl) return undefined;
  // The pg driver is loaded only with DATABASE_URL (memory an embedded instance does not carry).
  const { PgDatabase } = await import('./pg-database.js');
  const database = await PgDatabase.open(config.databaseUrl);
  return {
    database,
    operationStoreFactory: (options) => database.operationStore(options),
    authOptions: (auth) => ({
      ...auth,
      store: database.authStore(auth.retention),
      writeCheck: database.checkWritable,
    }),
    description: `PostgreSQL at ${database.where} (DATABASE_URL), shared with every instance using it`,
    close: () => database.close(),
  };
}
