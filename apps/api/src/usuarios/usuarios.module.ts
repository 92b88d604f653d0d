import { Module } from '@nestjs/common';
import { TareasModule } from '../tareas/tareas.module';
import { UsuariosController } from './usuarios.controller';
import { UsuariosService } from './usuarios.service';

/** Staff accounts. Imported by AuthModule (login needs the accounts), which AppModule imports. */
@Module({ imports: [TareasModule], controllers: [UsuariosController], providers: [UsuariosService], exports: [UsuariosService] })
export class UsuariosModule {}
