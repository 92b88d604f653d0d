import { Connection } from '@temporalio/client';
import { registrarSearchAttributes } from '@prep/workflows/registro-search-attributes';

/** The dev server gets the search attributes at start; an external cluster gets them here. */
export async function ensureSearchAttributes(address: string, namespace: string): Promise<string[]> {
  const connection = await Connection.connect({ address });
  try {
    return await registrarSearchAttributes(connection, namespace);
  } finally {
    await connection.close();
  }
}
