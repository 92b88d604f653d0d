import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { errorDeFormaValores } from '@prep/domain';

/**
 * `valores` of a capture or a correction has the shape every acta requires (errorDeFormaValores):
 * checked at the API so an oversized or malformed object never reaches the acta's workflow.
 */
export function EsValoresDeActa(opciones?: ValidationOptions): PropertyDecorator {
  return (objeto: object, propiedad: string | symbol) => {
    registerDecorator({
      name: 'esValoresDeActa',
      target: objeto.constructor,
      propertyName: propiedad as string,
      options: opciones,
      validator: {
        validate: (valor: unknown) => errorDeFormaValores(valor) === null,
        defaultMessage: (args?: ValidationArguments) => errorDeFormaValores(args?.value) ?? 'valores no es válido',
      },
    });
  };
}
