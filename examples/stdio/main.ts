import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { IsOptional, IsString, IsTimeZone } from 'class-validator';
import { Args, McpModule, Prompt, PublicTool, Tool, bootstrapStdio } from 'nest-mcp';

class ConvertTimeArgs {
  /** An ISO 8601 instant; now when left out. */
  @IsOptional() @IsString() at?: string;
  /** An IANA time zone, e.g. `Asia/Tokyo`. */
  @IsTimeZone() zone!: string;
}

@PublicTool() // over stdio the caller is the local user: every entry is open to it
@Injectable()
class ClockTools {
  @Tool({
    name: 'time_in_zone',
    description: 'The wall-clock time of an instant (default: now) in an IANA time zone',
    annotations: { readOnlyHint: true, openWorldHint: false },
  })
  timeInZone(@Args() args: ConvertTimeArgs) {
    const instant = args.at === undefined ? new Date() : new Date(args.at);
    if (Number.isNaN(instant.getTime())) throw new Error(`Not an ISO 8601 instant: ${args.at}`);
    // Swedish dates are ISO-shaped: 2026-01-01 21:00.
    const format = new Intl.DateTimeFormat('sv-SE', {
      timeZone: args.zone,
      dateStyle: 'short',
      timeStyle: 'short',
    });
    return `${format.format(instant)} in ${args.zone}`;
  }

  @Prompt({
    name: 'plan_call',
    description: 'Find a meeting time that suits two time zones',
    arguments: [
      { name: 'here', description: 'Your IANA time zone', required: true },
      { name: 'there', description: 'Theirs', required: true },
    ],
  })
  planCall(@Args() args: { here: string; there: string }) {
    return `Use time_in_zone to compare working hours in ${args.here} and ${args.there}, then suggest a slot.`;
  }
}

@Module({
  imports: [McpModule.forRoot({ serverInfo: { name: 'world-clock', version: '1.0.0' } })],
  providers: [ClockTools],
})
class AppModule {}

// stdout carries protocol messages only: Nest's logs and any console.log go to stderr.
await bootstrapStdio(AppModule);
