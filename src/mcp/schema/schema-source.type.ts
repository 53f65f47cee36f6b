import type { Type } from '@nestjs/common';

/** A JSON Schema document, kept verbatim in tools/list. */
export type JsonSchemaObject = Record<string, unknown>;

/** The minimal zod 4 surface this library relies on (zod stays an optional peer). */
export interface ZodLike {
  _zod: unknown;
  /** zod's non-throwing parse. */
  safeParse(
    value: unknown,
  ):
    | { success: true; data: unknown }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

/** Where a tool's schema comes from: a class-validator DTO, a JSON Schema, or a zod schema. */
export type SchemaSource = Type<unknown> | JsonSchemaObject | ZodLike;

/** A schema turned, once at boot, into its wire form and a validator. */
export interface CompiledSchema {
  /** The JSON Schema shown to clients. */
  readonly jsonSchema: JsonSchemaObject;
  /** Validates (and for DTOs, transforms) a value. */
  validate(value: unknown): Promise<ValidationOutcome>;
}

export type ValidationOutcome = { ok: true; value: unknown } | { ok: false; message: string };
