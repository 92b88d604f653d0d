import { defineSearchAttributeKey } from '@temporalio/common';

/**
 * Search attributes set on every acta workflow so operators can filter in the
 * Temporal Web UI (e.g. `CATD = "014-05" AND Fase = "EN_CAPTURA"`).
 */
export const SA_CATD = defineSearchAttributeKey('CATD', 'KEYWORD');
export const SA_FASE = defineSearchAttributeKey('Fase', 'KEYWORD');
export const SA_TIPO_ACTA = defineSearchAttributeKey('TipoActa', 'KEYWORD');
export const SA_ATORADA = defineSearchAttributeKey('Atorada', 'KEYWORD');

export const SEARCH_ATTRIBUTE_NAMES = [SA_CATD.name, SA_FASE.name, SA_TIPO_ACTA.name, SA_ATORADA.name] as const;
