import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTE_NAMES } from '@prep/workflows/search-attributes';
import { temporal } from '@temporalio/proto';

/**
 * Registers the search attributes operators filter by. The dev server gets them
 * at start; an external cluster gets them here, idempotently.
 */
export async function ensureSearchAttributes(address: string, namespace: string): Promise<string[]> {
  const connection = await Connection.connect({ address });
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = SEARCH_ATTRIBUTE_NAMES.filter((name) => !(name in (existing.customAttributes ?? {})));
    if (missing.length > 0) {
      await connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: Object.fromEntries(
          missing.map((name) => [name, temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD]),
        ),
      });
    }
    return missing;
  } finally {
    await connection.close();
  }
}
