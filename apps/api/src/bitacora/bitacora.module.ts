import { Global, Module } from '@nestjs/common';
import { BitacoraPersonalService } from './bitacora-personal.service';
import { BitacoraService } from './bitacora.service';

export { BitacoraService } from './bitacora.service';

@Global()
@Module({ providers: [BitacoraService, BitacoraPersonalService], exports: [BitacoraService, BitacoraPersonalService] })
export class BitacoraModule {}
