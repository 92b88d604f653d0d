import { Module } from '@nestjs/common';
import { TareasModule } from '../tareas/tareas.module';
import { CatalogoModule } from '../catalogo/catalogo.module';
import { UsuariosController } from './usuarios.controller';
import { UsuariosService } from './usuarios.service';

/** Staff accounts. Imported by AuthModule (login needs the accounts), which AppModule imports. */
@Module({ imports: [TareasModule, CatalogoModule], controllers: [UsuariosController], providers: [UsuariosService], exports: [UsuariosService] })
export class UsuariosModule {}
