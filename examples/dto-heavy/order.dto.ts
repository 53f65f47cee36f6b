import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsPositive,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

/** How fast the order ships. */
export enum Shipping {
  Standard = 'standard',
  Express = 'express',
  Overnight = 'overnight',
}

export class AddressDto {
  @IsString()
  @Length(1, 80)
  street!: string;

  @IsString()
  city!: string;

  /** ISO 3166-1 alpha-2. */
  @IsString()
  @Length(2, 2)
  country!: string;

  @IsOptional()
  @IsString()
  postcode?: string;
}

export class OrderLineDto {
  @IsString()
  sku!: string;

  @IsInt()
  @Min(1)
  @Max(99)
  quantity!: number;

  /** Price per unit in cents; the catalogue price when left out. */
  @IsOptional()
  @IsInt()
  @IsPositive()
  unitPriceCents?: number;
}

export class PlaceOrderDto {
  @IsString()
  customer!: string;

  // Nested DTOs need class-transformer's @Type so validation reaches inside them.
  @ValidateNested()
  @Type(() => AddressDto)
  shipTo!: AddressDto;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => OrderLineDto)
  lines!: OrderLineDto[];

  @IsEnum(Shipping)
  shipping!: Shipping;

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  tags?: string[];

  @IsOptional()
  @IsBoolean()
  giftWrap?: boolean;
}
