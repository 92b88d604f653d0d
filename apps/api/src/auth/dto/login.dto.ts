import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'capturista.m001.01' })
  @IsString({ message: 'usuario debe ser texto' })
  @IsNotEmpty({ message: 'usuario es obligatorio' })
  @MaxLength(64, { message: 'usuario admite a lo más 64 caracteres' })
  usuario!: string;

  @ApiProperty({ format: 'password' })
  @IsString({ message: 'contrasena debe ser texto' })
  @IsNotEmpty({ message: 'contrasena es obligatoria' })
  @MaxLength(256, { message: 'contrasena admite a lo más 256 caracteres' })
  contrasena!: string;
}
