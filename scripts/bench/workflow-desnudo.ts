/**
 * The floor of the acta workflow: the same shape with no work in it. An update-with-start brings
 * the first transition, four more updates follow, each runs one no-op activity (regular, or local in
 * actaDesnudaLocal) and the workflow ends after the fifth. Bundled by the benchmark for its own task
 * queue and worker; it shares nothing with workflows/ on purpose.
 */
import { condition, defineUpdate, proxyActivities, proxyLocalActivities, setHandler } from '@temporalio/workflow';

export const PASOS_DESNUDOS = 5;

/** Transition n (1…5); answers how many are done. Out of order is refused by the validator, as the acta's machine would. */
export const pasoDesnudo = defineUpdate<number, [number]>('pasoDesnudo');

export interface ActividadesDesnudas {
  transicionDesnuda(n: number): Promise<void>;
}

async function acta(transicion: (n: number) => Promise<void>): Promise<void> {
  let hechos = 0;
  setHandler(
    pasoDesnudo,
    async (n) => {
      await transicion(n);
      return ++hechos;
    },
    {
      validator: (n) => {
        if (n !== hechos + 1) throw new Error(`paso ${n} fuera de orden (van ${hechos})`);
      },
    },
  );
  await condition(() => hechos >= PASOS_DESNUDOS);
}

// The proxies are made inside the workflows: the benchmark's client imports this module for the update's definition.
export async function actaDesnuda(): Promise<void> {
  await acta(proxyActivities<ActividadesDesnudas>({ startToCloseTimeout: '1 minute' }).transicionDesnuda);
}

export async function actaDesnudaLocal(): Promise<void> {
  await acta(proxyLocalActivities<ActividadesDesnudas>({ startToCloseTimeout: '1 minute' }).transicionDesnuda);
}
