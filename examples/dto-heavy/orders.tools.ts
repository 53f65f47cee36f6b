import { Injectable } from '@nestjs/common';
import { Args, PublicTool, Tool } from 'nest-mcp';
// A value import (not `import type`): the parameter's design type is what @Args() reads.
import { PlaceOrderDto, Shipping } from './order.dto.js';

const CATALOGUE_CENTS: Record<string, number> = { 'MUG-01': 1200, 'TEE-02': 2500 };
const SHIPPING_CENTS: Record<Shipping, number> = {
  [Shipping.Standard]: 0,
  [Shipping.Express]: 900,
  [Shipping.Overnight]: 2400,
};

@Injectable()
export class OrdersTools {
  @PublicTool()
  @Tool({
    name: 'quote_order',
    description: 'Prices an order: lines at catalogue or given prices, plus shipping',
    annotations: { readOnlyHint: true },
  })
  quote(@Args() order: PlaceOrderDto) {
    // `order` is a validated PlaceOrderDto instance, nested DTOs and arrays included.
    const lines = order.lines.map((line) => {
      const unit = line.unitPriceCents ?? CATALOGUE_CENTS[line.sku] ?? 0;
      return { sku: line.sku, quantity: line.quantity, totalCents: unit * line.quantity };
    });
    const goods = lines.reduce((sum, line) => sum + line.totalCents, 0);
    const extras = SHIPPING_CENTS[order.shipping] + (order.giftWrap ? 300 : 0);
    return {
      customer: order.customer,
      deliverTo: `${order.shipTo.city}, ${order.shipTo.country}`,
      lines,
      totalCents: goods + extras,
      tags: order.tags ?? [],
    };
  }
}
