import type { DiagnosticoActivities } from '@prep/workflows/activities';

export function diagnosticoActivities(): DiagnosticoActivities {
  return {
    async eco(mensaje: string) {
      return `eco: ${mensaje}`;
    },
  };
}
