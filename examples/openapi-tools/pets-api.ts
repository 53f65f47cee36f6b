// "The existing REST API": an ordinary Nest service with @nestjs/swagger, serving its OpenAPI
// document at /openapi.json. It knows nothing of MCP; main.ts turns its operations into tools.
import 'reflect-metadata';
import {
  Body,
  Controller,
  Get,
  Module,
  NotFoundException,
  Param,
  ParseIntPipe,
  Post,
  Query,
  ValidationPipe,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiQuery,
  ApiResponse,
  DocumentBuilder,
  SwaggerModule,
} from '@nestjs/swagger';
import { IsEnum, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

enum Species {
  Cat = 'cat',
  Dog = 'dog',
  Parrot = 'parrot',
}

class NewPetDto {
  @ApiProperty({ description: "The pet's name", maxLength: 40 })
  @IsString()
  name!: string;

  @ApiProperty({ enum: Species, enumName: 'Species' })
  @IsEnum(Species)
  species!: Species;

  @ApiPropertyOptional({ description: 'Age in years', minimum: 0, maximum: 60 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60)
  age?: number;
}

class PetDto extends NewPetDto {
  @ApiProperty()
  id!: number;
}

@Controller('pets')
class PetsController {
  private readonly pets: PetDto[] = [
    { id: 1, name: 'Misu', species: Species.Cat, age: 3 },
    { id: 2, name: 'Rex', species: Species.Dog },
  ];

  @Get()
  @ApiOperation({ operationId: 'listPets', summary: 'List pets, optionally of one species' })
  @ApiQuery({ name: 'species', enum: Species, enumName: 'Species', required: false })
  @ApiResponse({ status: 200, type: [PetDto] })
  list(@Query('species') species?: Species): PetDto[] {
    return species ? this.pets.filter((pet) => pet.species === species) : this.pets;
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getPet', summary: 'One pet by id' })
  @ApiResponse({ status: 200, type: PetDto })
  @ApiResponse({ status: 404, description: 'No such pet' })
  get(@Param('id', ParseIntPipe) id: number): PetDto {
    const pet = this.pets.find((candidate) => candidate.id === id);
    if (!pet) throw new NotFoundException(`No pet ${id}`);
    return pet;
  }

  @Post()
  @ApiOperation({ operationId: 'createPet', summary: 'Add a pet' })
  @ApiResponse({ status: 201, type: PetDto })
  create(@Body(new ValidationPipe({ whitelist: true })) pet: NewPetDto): PetDto {
    const created = { ...pet, id: this.pets.length + 1 };
    this.pets.push(created);
    return created;
  }
}

@Module({ controllers: [PetsController] })
class PetsModule {}

const app = await NestFactory.create(PetsModule, { logger: ['error'] });
const document = SwaggerModule.createDocument(
  app,
  new DocumentBuilder().setTitle('Pets').setVersion('1.0').build(),
);
// The UI at /docs, the document itself at /openapi.json.
SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
await app.listen(Number(process.env.PETS_PORT ?? 4000), '127.0.0.1');
console.log(`Pets API: ${await app.getUrl()} (document at /openapi.json)`);
