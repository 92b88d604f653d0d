import { Module } from '@nestjs/common';
import { TareasService } from './tareas.service';

/** The task inbox service, shared by the actas routes (claims, submissions) and accounts (deactivation). */
@Module({ providers: [TareasService], exports: [TareasService] })
export class TareasModule {}
