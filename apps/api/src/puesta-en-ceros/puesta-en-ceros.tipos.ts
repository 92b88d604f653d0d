import type { CompilacionDeReferencia } from '@prep/compilacion';

export interface Persona {
  nombreUsuario: string;
  nombreCompleto: string;
}

/**
 * The `datos` of the PUESTA_EN_CEROS bitácora record, stored as is in PostgreSQL: what the notary,
 * the ente auditor and the administrador sign in the acta de puesta en ceros.
 */
export interface RegistroPuestaEnCeros {
  realizadaEn: string;
  administrador: Persona;
  testigoAuditor: Persona;
  notario: string | null;
  catalogo: { sha256: string; version: string | null; totalCasillas: number; totalActasEsperadas: number };
  /** What proves the system empty. */
  conteos: { actas: number; tareas: number; cortes: number; entradasActaEnBitacora: number };
  /** The immudb signed state read (and proven) just before this record was written. */
  bitacora: {
    baseDeDatos: string;
    txId: number;
    txHash: string;
    firma: string;
    clavePublica: string;
    /** SHA-256 of the signing key's DER SubjectPublicKeyInfo. */
    huellaClavePublica: string;
    claveEsperada: boolean | null;
  };
  compilacion: CompilacionDeReferencia;
}

export interface PuestaEnCerosRegistrada {
  registro: RegistroPuestaEnCeros;
  /** Where the record is in the bitácora, to fetch and prove it independently. */
  bitacoraClave: string;
  bitacoraTx: number | null;
}
