// As in any Nest app, reflect-metadata is loaded before decorators run (the compiler loads its
// libraries lazily, so nothing else brings it in here).
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { compileDtoSchema, isValidatedDto } from './dto-schema.compiler.js';

// Names are unique to this file: class-validator-jsonschema keys its $defs by class name.
class DtoSpecAddress {
  @IsString()
  street!: string;
}

class DtoSpecPerson {
  @IsString()
  name!: string;

  @IsInt()
  @Min(0)
  age!: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => DtoSpecAddress)
  address?: DtoSpecAddress;
}

class DtoSpecLine {
  @IsString()
  sku!: string;
}

class DtoSpecOrder {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DtoSpecLine)
  lines!: DtoSpecLine[];
}

class DtoSpecFlat {
  @IsString()
  verb!: string;
}

class DtoSpecUndecorated {
  verb!: string;
}

describe('compileDtoSchema', () => {
  it('emits a closed object schema with the nested DTO under $defs', () => {
    const { jsonSchema } = compileDtoSchema(DtoSpecPerson);
    expect(jsonSchema).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: ['name', 'age'],
      properties: {
        name: { type: 'string' },
        age: { type: 'integer', minimum: 0 },
        address: { $ref: '#/$defs/DtoSpecAddress' },
      },
    });
    expect(jsonSchema.$defs).toEqual({
      DtoSpecAddress: {
        type: 'object',
        properties: { street: { type: 'string' } },
        required: ['street'],
        additionalProperties: false,
      },
    });
  });

  it('names the element DTO of an array from @Type(), and closes it as validation does', async () => {
    const compiled = compileDtoSchema(DtoSpecOrder);
    const { jsonSchema } = compiled;
    expect(jsonSchema.properties).toEqual({
      lines: { type: 'array', items: { $ref: '#/$defs/DtoSpecLine' } },
    });
    expect(jsonSchema.$defs).toEqual({
      DtoSpecLine: {
        type: 'object',
        properties: { sku: { type: 'string' } },
        required: ['sku'],
        additionalProperties: false,
      },
    });
    expect(await compiled.validate({ lines: [{ sku: 'a', colour: 'red' }] })).toEqual({
      ok: false,
      message: expect.stringContaining('property colour should not exist') as unknown,
    });
  });

  it('carries only the $defs a schema uses', () => {
    const { jsonSchema } = compileDtoSchema(DtoSpecFlat);
    expect(jsonSchema).toEqual({
      type: 'object',
      properties: { verb: { type: 'string' } },
      required: ['verb'],
      additionalProperties: false,
    });
  });

  it('validates into a DTO instance', async () => {
    const outcome = await compileDtoSchema(DtoSpecPerson).validate({
      name: 'Ana',
      age: 3,
      address: { street: 'Mayor' },
    });
    expect(outcome.ok).toBe(true);
    const value = (outcome as { value: DtoSpecPerson }).value;
    expect(value).toBeInstanceOf(DtoSpecPerson);
    expect(value.address).toBeInstanceOf(DtoSpecAddress);
  });

  it('reports every violation in one message, nested ones with their path', async () => {
    const outcome = await compileDtoSchema(DtoSpecPerson).validate({
      name: 1,
      age: -1,
      address: { street: 2 },
      extra: true,
    });
    expect(outcome.ok).toBe(false);
    const message = (outcome as { message: string }).message;
    expect(message).toContain('property extra should not exist');
    expect(message).toContain('name must be a string');
    expect(message).toContain('age must not be less than 0');
    expect(message).toContain('address.street must be a string');
  });

  it('treats missing arguments as an empty object', async () => {
    const outcome = await compileDtoSchema(DtoSpecFlat).validate(undefined);
    expect(outcome).toEqual({
      ok: false,
      message: expect.stringContaining('verb must be a string') as unknown,
    });
  });

  it('refuses a class without class-validator metadata', () => {
    expect(isValidatedDto(DtoSpecUndecorated)).toBe(false);
    expect(isValidatedDto(DtoSpecFlat)).toBe(true);
    expect(() => compileDtoSchema(DtoSpecUndecorated)).toThrow(
      'no class-validator metadata found for DtoSpecUndecorated',
    );
  });
});
