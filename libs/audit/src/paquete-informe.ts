import { ARCHIVOS } from './paquete';
import type { InformeVerificacion } from './paquete-verificacion';

/** The Spanish report the CLI prints; at most `maxProblemas` lines of problems (all when omitted). */
export function textoInforme(informe: InformeVerificacion, carpeta: string, maxProblemas?: number): string {
  const { problemas, avisos, conteos, estado, manifiesto } = informe;
  const l: string[] = [`Verificación del paquete de auditoría ${carpeta}`];
  if (informe.huellaManifiesto) l.push(`  Huella del paquete (SHA-256 de ${ARCHIVOS.manifiesto}): ${informe.huellaManifiesto}`);
  if (manifiesto) l.push(`  Exportado: ${manifiesto.exportadoEn}, base de datos '${manifiesto.baseDeDatos}'`);
  if (estado?.servidor) l.push(`  Estado firmado por el servidor: tx ${estado.servidor.txId}, hash ${estado.servidor.txHash}`);
  l.push(
    informe.cadenaProbada
      ? `  Transacciones: ${conteos.transacciones}, encadenadas por su Alh hasta el hash firmado; cada entrada, probada en la suya`
      : `  Transacciones: ${conteos.transacciones}; la cadena hasta el estado firmado NO quedó probada (vea los problemas)`,
  );
  l.push(
    `  Entradas: ${conteos.entradas} (actas: ${conteos.actas}); imágenes: ${conteos.imagenes} ` +
      `(faltantes: ${conteos.imagenesFaltantes}, que no coinciden: ${conteos.imagenesDistintas})`,
  );
  for (const a of avisos) l.push(`  Aviso: ${a}`);
  if (problemas.length === 0) {
    l.push('', 'Sin problemas: el paquete es íntegro y consistente.');
  } else {
    const mostrar = maxProblemas === undefined ? problemas : problemas.slice(0, maxProblemas);
    l.push('', `Problemas (${problemas.length}):`);
    for (const p of mostrar) l.push(`  - ${p.clave}: ${p.mensaje}`);
    if (mostrar.length < problemas.length) l.push(`  … y ${problemas.length - mostrar.length} problemas más (use --todos para verlos)`);
    l.push('', 'Resultado: el paquete NO pasó la verificación.');
  }
  return `${l.join('\n')}\n`;
}
